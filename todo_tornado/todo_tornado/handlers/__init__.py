"""One RequestHandler class per resource, in the contract's order."""

from .accounts import AccountHandler, LoginHandler, LogoutHandler, RegisterHandler
from .base import HostNotAllowedHandler, NotFoundHandler, PreflightHandler
from .info import HealthHandler, InfoHandler
from .tasks import TaskHandler, TaskListHandler

__all__ = [
    "AccountHandler",
    "HealthHandler",
    "HostNotAllowedHandler",
    "InfoHandler",
    "LoginHandler",
    "LogoutHandler",
    "NotFoundHandler",
    "PreflightHandler",
    "RegisterHandler",
    "TaskHandler",
    "TaskListHandler",
]
