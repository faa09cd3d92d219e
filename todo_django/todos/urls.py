"""The API's routes in the contract's order; views reverse these names for every absolute url."""

from django.urls import path, register_converter

from .views import accounts, info, tasks

# The id is a BigAutoField (64 bits in SQLite and PostgreSQL): a larger id cannot name a task,
# so it is a 404.
MAX_TASK_ID = 2**63 - 1


class TaskIdConverter:
    """`{id}`: ASCII digits only, so "abc" or "-1" is an unknown path before any auth.

    Django's <int:> would also take "0211" as task 211, and turn a 10,000-digit id into an
    unknown path (int() refuses more than 4300 digits). The contract asks for both to be a task
    that is not found (404 after authentication), so to_python gives None for an id written with
    a leading zero or too large to name a task, and the view answers 404 for it.
    """

    regex = "[0-9]+"

    def to_python(self, value):
        if (value.startswith("0") and value != "0") or len(value) > len(str(MAX_TASK_ID)):
            return None
        return int(value) if int(value) <= MAX_TASK_ID else None

    def to_url(self, value):
        return str(value)


register_converter(TaskIdConverter, "task_id")

app_name = "todos"

urlpatterns = [
    path("api/v1", info.InfoView.as_view(), name="info"),
    path("api/v1/health", info.HealthView.as_view(), name="health"),
    path("api/v1/accounts", accounts.RegisterView.as_view(), name="accounts"),
    path("api/v1/accounts/login", accounts.LoginView.as_view(), name="login"),
    path("api/v1/accounts/logout", accounts.LogoutView.as_view(), name="logout"),
    path("api/v1/accounts/<str:username>", accounts.AccountView.as_view(), name="account"),
    path("api/v1/accounts/<str:username>/tasks", tasks.TaskListView.as_view(), name="tasks"),
    path(
        "api/v1/accounts/<str:username>/tasks/<task_id:task_id>",
        tasks.TaskView.as_view(),
        name="task",
    ),
]
