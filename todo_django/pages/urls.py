"""The site's routes: every path outside /api (shared_spec/ui.md), named for {% url %} and
reverse()."""

from django.urls import path

# Registers the `task_id` path converter (digits only; None for an id that cannot name a task).
import todos.urls  # noqa: F401

from .views import account, accounts, tasks

app_name = "pages"

urlpatterns = [
    path("", accounts.home, name="home"),
    path("signup", accounts.SignupView.as_view(), name="signup"),
    path("login", accounts.SignInView.as_view(), name="login"),
    path("logout", accounts.SignOutView.as_view(), name="logout"),
    path("tasks", tasks.task_list, name="tasks"),
    path("tasks/<task_id:task_id>/edit", tasks.task_edit, name="task_edit"),
    path("tasks/<task_id:task_id>/complete", tasks.task_complete, name="task_complete"),
    path("tasks/<task_id:task_id>/reopen", tasks.task_reopen, name="task_reopen"),
    path("tasks/<task_id:task_id>/delete", tasks.task_delete, name="task_delete"),
    path("account", account.account_page, name="account"),
    path("account/email", account.change_email, name="account_email"),
    path("account/password", account.change_password, name="account_password"),
    path("account/delete", account.delete_account, name="account_delete"),
]
