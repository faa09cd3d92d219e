"""The To-Do List API and its browser app as a Flask application: the factory that assembles it."""

import os
from pathlib import Path

import click
from flask import Flask

from .cors import cors_origins
from .validation import MAX_BODY_BYTES

# The package sits in todo_flask/todo_flask/; var/ (git-ignored) is next to it.
DEFAULT_DATABASE = Path(__file__).resolve().parent.parent / "var" / "todo_flask.sqlite3"
DEFAULT_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60
DEFAULT_ALLOWED_HOSTS = "127.0.0.1,localhost"


def create_app(test_config=None):
    """Create and configure an instance of the app (the flask CLI and gunicorn call this)."""
    app = Flask(__name__)  # templates/ and static/ (the site's stylesheet) beside this file
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("SECRET_KEY"),  # signs the session cookie (checked below)
        # The browser session: a cookie without Max-Age (it ends with the browser), HttpOnly
        # (Flask's default), SameSite=Lax, and Secure when the site is served over HTTPS.
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=true_or_false("SECURE_COOKIES", os.environ.get("SECURE_COOKIES")),
        SQLALCHEMY_DATABASE_URI=database_uri(os.environ.get("DATABASE_URL")),
        # A pooled connection the database dropped (a PostgreSQL restart) is replaced before a
        # request uses it, so the app recovers by itself once the database is back.
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
        TOKEN_TTL_SECONDS=token_ttl(os.environ.get("TOKEN_TTL_SECONDS")),
        ALLOWED_HOSTS=allowed_hosts(os.environ.get("ALLOWED_HOSTS")),
        TRUST_PROXY_HEADERS=true_or_false(
            "TRUST_PROXY_HEADERS", os.environ.get("TRUST_PROXY_HEADERS")
        ),
        CORS_ORIGINS=cors_origins(os.environ.get("CORS_ORIGINS")),
        # The contract's limit, plus the one byte that shows a chunked body is over it
        # (hooks.reject_large_body); Werkzeug answers 413 for a larger Content-Length.
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES + 1,
        # The contract asks for this: OPTIONS is 405, where Flask would answer it on every route.
        PROVIDE_AUTOMATIC_OPTIONS=False,
    )
    if test_config is not None:
        app.config.from_mapping(test_config)
    if not app.config["SECRET_KEY"] and not cli_command_serving_nothing():
        raise RuntimeError("SECRET_KEY must be set: it signs the browser session cookies.")
    app.json.sort_keys = False  # keep members in the order the contract lists them
    # The contract asks for this: `//` is an unknown path (404), not a 308 redirect to `/`.
    app.url_map.merge_slashes = False

    from . import cors, db, errors, hooks

    db.init_app(app)
    errors.init_app(app)
    hooks.init_app(app)
    cors.init_app(app)  # after hooks: a preflight is answered once the Host is checked

    from . import accounts, info, pages, tasks

    # Before the routes that use them.
    app.url_map.converters["account_name"] = accounts.AccountNameConverter
    app.url_map.converters["digits"] = tasks.DigitsConverter
    app.register_blueprint(info.bp)
    app.register_blueprint(accounts.bp)
    app.register_blueprint(tasks.bp)
    app.register_blueprint(pages.bp)
    # Every POST of the site must carry the form's token; the API answers bearer tokens only.
    # After the blueprints: the 403 page of a refused form still knows who is signed in.
    pages.csrf.init_app(app)
    for api in (info.bp, accounts.bp, tasks.bp):
        pages.csrf.exempt(api)
    return app


def cli_command_serving_nothing():
    """True under `flask db upgrade` and the other CLI commands but `flask run`: they sign no
    cookie, so they need no SECRET_KEY (the Makefile migrates before it makes one for the run)."""
    context = click.get_current_context(silent=True)
    return context is not None and context.info_name != "run"


def database_uri(url):
    """Turn DATABASE_URL into an SQLAlchemy URL; default to an SQLite file in var/."""
    if not url:
        DEFAULT_DATABASE.parent.mkdir(exist_ok=True)
        return f"sqlite:///{DEFAULT_DATABASE}"
    # SQLAlchemy would pick psycopg2 for a bare postgresql:// URL; this project uses psycopg 3.
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def token_ttl(value):
    """TOKEN_TTL_SECONDS as a positive int; refuse to start on anything else."""
    if value is None or value == "":
        return DEFAULT_TOKEN_TTL_SECONDS
    if not value.isascii() or not value.isdigit() or int(value) <= 0:
        raise RuntimeError(f"TOKEN_TTL_SECONDS must be a positive integer, not {value!r}.")
    return int(value)


def allowed_hosts(value):
    """ALLOWED_HOSTS as a list of lowercase host names (no port); `*` allows any host."""
    names = [name.strip().lower() for name in (value or DEFAULT_ALLOWED_HOSTS).split(",")]
    return [name for name in names if name]


def true_or_false(name, value):
    """A true/false setting such as TRUST_PROXY_HEADERS as a bool (default false); refuse to
    start on anything else."""
    if value is None or value == "":
        return False
    if value.lower() not in ("true", "false"):
        raise RuntimeError(f"{name} must be true or false, not {value!r}.")
    return value.lower() == "true"
