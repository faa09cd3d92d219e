"""make_app(): the Application, its URL specs and its settings (Tornado's demos/blog layout)."""

import asyncio

from tornado.web import Application, URLSpec
from tornado_sqlalchemy import set_max_workers

from .config import DB_THREADS, Config
from .database import Database
from .handlers import (
    AccountHandler,
    AccountsHandler,
    HealthHandler,
    InfoHandler,
    LoginHandler,
    LogoutHandler,
    NotFoundHandler,
    TaskHandler,
    TaskListHandler,
)

ROUTES = [
    "GET /api/v1",
    "GET /api/v1/health",
    "POST /api/v1/accounts",
    "POST /api/v1/accounts/login",
    "POST /api/v1/accounts/logout",
    "GET /api/v1/accounts/{username}",
    "PATCH /api/v1/accounts/{username}",
    "DELETE /api/v1/accounts/{username}",
    "GET /api/v1/accounts/{username}/tasks",
    "POST /api/v1/accounts/{username}/tasks",
    "GET /api/v1/accounts/{username}/tasks/{id}",
    "PUT /api/v1/accounts/{username}/tasks/{id}",
    "PATCH /api/v1/accounts/{username}/tasks/{id}",
    "DELETE /api/v1/accounts/{username}/tasks/{id}",
]


def make_app(config: Config, debug: bool = False) -> Application:
    """Build the Application; call it after any fork, since it owns threads and connections."""
    # tornado-sqlalchemy's as_future runs every query on its own module-level thread pool (not
    # the IOLoop's default executor, which bcrypt uses). Threads, pooled connections and
    # admitted database requests are one number, DB_THREADS: a request holding SQLite's write
    # lock across an await then always finds a free thread for its next statement, instead of
    # queueing behind requests that are themselves waiting for that lock.
    set_max_workers(DB_THREADS)
    routes = [
        URLSpec(r"/api/v1", InfoHandler, {"routes": ROUTES}, name="info"),
        URLSpec(r"/api/v1/health", HealthHandler, name="health"),
        URLSpec(r"/api/v1/accounts", AccountsHandler, name="accounts"),
        URLSpec(r"/api/v1/accounts/login", LoginHandler, name="login"),
        URLSpec(r"/api/v1/accounts/logout", LogoutHandler, name="logout"),
        URLSpec(r"/api/v1/accounts/([^/]+)", AccountHandler, name="account"),
        URLSpec(r"/api/v1/accounts/([^/]+)/tasks", TaskListHandler, name="task_list"),
        # An {id} that is not a run of digits is an unknown path: 404 from routing, before auth.
        URLSpec(r"/api/v1/accounts/([^/]+)/tasks/([0-9]+)", TaskHandler, name="task"),
    ]
    return Application(
        routes,
        db=Database(config.database_url),
        db_slots=asyncio.Semaphore(DB_THREADS),
        token_ttl_seconds=config.token_ttl_seconds,
        default_handler_class=NotFoundHandler,
        debug=debug,
    )
