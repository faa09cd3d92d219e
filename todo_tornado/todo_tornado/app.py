"""make_app(): the Application, its URL specs and its settings (Tornado's demos/blog layout)."""

from tornado.web import Application, URLSpec
from tornado_sqlalchemy import set_max_workers

from .config import DB_THREADS, Config
from .database import Database
from .handlers import (
    AccountHandler,
    HealthHandler,
    InfoHandler,
    LoginHandler,
    LogoutHandler,
    NotFoundHandler,
    RegisterHandler,
    TaskHandler,
    TaskListHandler,
)


def make_app(config: Config, debug: bool = False) -> Application:
    """Build the Application; call it after any fork, since it owns threads and connections."""
    set_max_workers(DB_THREADS)  # tornado-sqlalchemy's thread pool, which runs every as_future
    routes = [
        URLSpec(r"/api/v1", InfoHandler, name="info"),
        URLSpec(r"/api/v1/health", HealthHandler, name="health"),
        URLSpec(r"/api/v1/accounts", RegisterHandler, name="accounts"),
        URLSpec(r"/api/v1/accounts/login", LoginHandler, name="login"),
        URLSpec(r"/api/v1/accounts/logout", LogoutHandler, name="logout"),
        URLSpec(r"/api/v1/accounts/([^/]+)", AccountHandler, name="account"),
        URLSpec(r"/api/v1/accounts/([^/]+)/tasks", TaskListHandler, name="tasks"),
        # An {id} that is not a run of digits is an unknown path: 404 from routing, before auth.
        URLSpec(r"/api/v1/accounts/([^/]+)/tasks/([0-9]+)", TaskHandler, name="task"),
    ]
    return Application(
        routes,
        db=Database(config.database_url),
        token_ttl_seconds=config.token_ttl_seconds,
        default_handler_class=NotFoundHandler,
        debug=debug,
    )
