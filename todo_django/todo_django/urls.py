"""Root URLconf: the API app and Django's admin."""

from django.contrib import admin
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("todos.urls")),
]

# The admin's CSS in development (empty unless DEBUG). Served through the URLconf rather than
# runserver's static handler (`runserver --nostatic`), so an unknown /static/ path still gets
# the middleware's problem+json 404.
urlpatterns += staticfiles_urlpatterns()
