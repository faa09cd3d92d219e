"""Root URLconf: the API (todos), the browser app (pages) and Django's admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("todos.urls")),
    path("", include("pages.urls")),
]

# The site's error pages when DEBUG is off. With DEBUG on, pages.errors.ErrorPageMiddleware draws
# them instead of Django's technical pages; under /api, todos.errors turns them into problems.
handler400 = "pages.errors.bad_request"
handler403 = "pages.errors.permission_denied"
handler404 = "pages.errors.page_not_found"
handler500 = "pages.errors.server_error"
