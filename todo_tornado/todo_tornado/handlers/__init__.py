"""One RequestHandler class per resource, in the contract's order."""

from .accounts import AccountHandler, AccountsHandler, LoginHandler, LogoutHandler
from .base import NotFoundHandler
from .info import HealthHandler, InfoHandler
from .tasks import TaskHandler, TaskListHandler

__all__ = [
    "AccountHandler",
    "AccountsHandler",
    "HealthHandler",
    "InfoHandler",
    "LoginHandler",
    "LogoutHandler",
    "NotFoundHandler",
    "TaskHandler",
    "TaskListHandler",
]
