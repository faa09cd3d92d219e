"""The site: server-rendered pages beside the API (shared_spec/ui.md), one module per concern,
as handlers/ is for the API."""

from .account import (
    AccountDeleteHandler,
    AccountPageHandler,
    EmailChangeHandler,
    PasswordChangeHandler,
)
from .auth import AuthCreateHandler, AuthLoginHandler, AuthLogoutHandler, HomeHandler
from .base import PageHandler, PageNotFoundHandler, StaticHandler
from .modules import Field, TaskRow
from .tasks import TaskActionHandler, TaskEditHandler, TaskListPageHandler

__all__ = [
    "AccountDeleteHandler",
    "AccountPageHandler",
    "AuthCreateHandler",
    "AuthLoginHandler",
    "AuthLogoutHandler",
    "EmailChangeHandler",
    "Field",
    "HomeHandler",
    "PageHandler",
    "PageNotFoundHandler",
    "PasswordChangeHandler",
    "StaticHandler",
    "TaskActionHandler",
    "TaskEditHandler",
    "TaskListPageHandler",
    "TaskRow",
]
