"""The API's routes in the contract's order; views reverse these names for every absolute url."""

from django.urls import path

from . import views

app_name = "todos"

urlpatterns = [
    path("api/v1", views.InfoView.as_view(), name="info"),
    path("api/v1/health", views.HealthView.as_view(), name="health"),
    path("api/v1/accounts", views.RegisterView.as_view(), name="accounts"),
    path("api/v1/accounts/login", views.LoginView.as_view(), name="login"),
    path("api/v1/accounts/logout", views.LogoutView.as_view(), name="logout"),
    path("api/v1/accounts/<str:username>", views.AccountView.as_view(), name="account"),
    path("api/v1/accounts/<str:username>/tasks", views.TaskListView.as_view(), name="tasks"),
    # <int:> matches ASCII digits only, so "abc" or "-1" is an unknown path before any auth.
    path(
        "api/v1/accounts/<str:username>/tasks/<int:task_id>",
        views.TaskView.as_view(),
        name="task",
    ),
]
