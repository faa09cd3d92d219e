"""make_app(): the Application, its URL specs and its settings (Tornado's demos/blog layout)."""

from pathlib import Path

from tornado.httputil import ParseBodyConfig, ParseUrlEncodedConfig, set_parse_body_config
from tornado.routing import Rule
from tornado.web import Application, URLSpec
from tornado_sqlalchemy import set_max_workers

from . import pages
from .config import DB_THREADS, Config
from .cors import AllowedPreflight
from .database import Database
from .handlers import (
    AccountHandler,
    HealthHandler,
    HostNotAllowedHandler,
    InfoHandler,
    LoginHandler,
    LogoutHandler,
    NotFoundHandler,
    PreflightHandler,
    RegisterHandler,
    TaskHandler,
    TaskListHandler,
)
from .hosts import UnservedHost
from .validation import MAX_BODY_BYTES

PACKAGE = Path(__file__).resolve().parent
# Tornado's limit on a request's header section (its own default); the request target is part of
# it. Past it Tornado closes the connection without an answer (README: server-level errors).
MAX_HEADER_BYTES = 65536


def make_app(config: Config, debug: bool = False) -> Application:
    """Build the Application; call it after any fork, since it owns threads and connections."""
    set_max_workers(DB_THREADS)  # tornado-sqlalchemy's thread pool, which runs every as_future
    # The contract asks for this: any number of unknown query parameters is ignored, where
    # Tornado refuses a query of over 1000 with its own bare 400. The query string is bounded by
    # the header limit, so it cannot hold more parameters than that many bytes. (A global
    # setting, the public one Tornado 6.5 offers. It bounds the site's form bodies too, which
    # the 64 KiB body limit keeps to as few bytes, so as few parameters.)
    set_parse_body_config(
        ParseBodyConfig(urlencoded=ParseUrlEncodedConfig(max_arguments=MAX_HEADER_BYTES))
    )
    routes = [
        # The contract asks for this: the host is checked before routing, on every path.
        Rule(UnservedHost(config.allowed_hosts, config.trust_proxy_headers), HostNotAllowedHandler),
        # The contract asks for this: a preflight from an allowed origin is 204 on any path.
        Rule(AllowedPreflight(config.cors_origins), PreflightHandler),
        URLSpec(r"/api/v1", InfoHandler, name="info"),
        URLSpec(r"/api/v1/health", HealthHandler, name="health"),
        URLSpec(r"/api/v1/accounts", RegisterHandler, name="accounts"),
        URLSpec(r"/api/v1/accounts/login", LoginHandler, name="login"),
        URLSpec(r"/api/v1/accounts/logout", LogoutHandler, name="logout"),
        URLSpec(r"/api/v1/accounts/([^/]+)", AccountHandler, name="account"),
        URLSpec(r"/api/v1/accounts/([^/]+)/tasks", TaskListHandler, name="tasks"),
        # An {id} that is not a run of digits is an unknown path: 404 from routing, before auth.
        URLSpec(r"/api/v1/accounts/([^/]+)/tasks/([0-9]+)", TaskHandler, name="task"),
        # The contract asks for this: every other path under /api is the API's 404
        # (problem+json); the site's unknown paths are default_handler_class's HTML page.
        URLSpec(r"/api(?:/.*)?", NotFoundHandler),
        # The site (pages/, templates/), as demos/blog routes its pages.
        URLSpec(r"/", pages.HomeHandler, name="home"),
        URLSpec(r"/signup", pages.AuthCreateHandler, name="signup"),
        URLSpec(r"/login", pages.AuthLoginHandler, name="signin"),
        URLSpec(r"/logout", pages.AuthLogoutHandler, name="signout"),
        URLSpec(r"/tasks", pages.TaskListPageHandler, name="task_list"),
        URLSpec(r"/tasks/([0-9]+)/edit", pages.TaskEditHandler, name="task_edit"),
        URLSpec(
            r"/tasks/([0-9]+)/(complete|reopen|delete)",
            pages.TaskActionHandler,
            name="task_action",
        ),
        URLSpec(r"/account", pages.AccountPageHandler, name="account_page"),
        URLSpec(r"/account/email", pages.EmailChangeHandler, name="account_email"),
        URLSpec(r"/account/password", pages.PasswordChangeHandler, name="account_password"),
        URLSpec(r"/account/delete", pages.AccountDeleteHandler, name="account_delete"),
    ]
    # Every cookie of the site: HttpOnly, SameSite=Lax, and Secure behind HTTPS.
    cookie_flags = {"httponly": True, "samesite": "Lax", "secure": config.secure_cookies}
    app = Application(
        db=Database(config.database_url),
        token_ttl_seconds=config.token_ttl_seconds,
        trust_proxy_headers=config.trust_proxy_headers,
        cors_origins=config.cors_origins,
        template_path=str(PACKAGE / "templates"),
        static_path=str(PACKAGE / "static"),
        static_handler_class=pages.StaticHandler,
        ui_modules={"Field": pages.Field, "TaskRow": pages.TaskRow},
        cookie_secret=config.secret_key,
        cookie_flags=cookie_flags,
        xsrf_cookies=True,
        # expires_days=None: the CSRF cookie, like the session's, ends with the browser.
        xsrf_cookie_kwargs={**cookie_flags, "expires_days": None},
        login_url="/login",
        default_handler_class=pages.PageNotFoundHandler,
        debug=debug,
    )
    # static_path makes Tornado route /static/, /favicon.ico and /robots.txt ahead of the
    # handlers given to Application(); add_handlers puts these rules before those, so that the
    # host rule still comes first on every path (the contract asks for this).
    app.add_handlers(r".*", routes)
    return app


def server_options(config: Config) -> dict:
    """The HTTPServer's keyword arguments: the part of HTTP/1.1 handling Tornado lets us set."""
    return {
        # TRUST_PROXY_HEADERS: X-Forwarded-Proto becomes request.protocol (hosts.py reads the
        # host). Without it both headers are ignored.
        "xheaders": config.trust_proxy_headers,
        "max_header_size": MAX_HEADER_BYTES,
        # The site's form bodies, which Tornado reads whole before a page handler runs (its
        # xsrf check needs the _xsrf field): over 64 KiB, Tornado's own bare 400. The API's
        # handlers lift it for their requests (BaseHandler.initialize) and answer 413 themselves.
        "max_body_size": MAX_BODY_BYTES,
        # A client that stops sending (a slowloris, a body shorter than its Content-Length)
        # costs only a socket, never a thread; these bound how long it keeps even that.
        "idle_connection_timeout": 60,
        "body_timeout": 60,
    }
