"""Apps and databases for the tests whose requests really commit: migrated engines of their
own, apps over them, and a racing request.

Most tests share one doomed transaction (conftest.py); races and outages need what that hides:
real commits, a second connection, a database that goes away.
"""

import contextlib
import os
import uuid

import alembic.command
import alembic.config
import pytest
import webtest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import OperationalError

from todo_pyramid import main, models
from todo_pyramid.settings import sqlalchemy_url

ENVIRONMENT = (
    "DATABASE_URL",
    "TOKEN_TTL_SECONDS",
    "ALLOWED_HOSTS",
    "TRUST_PROXY_HEADERS",
    "CORS_ORIGINS",
    "SECRET_KEY",
    "SECURE_COOKIES",
)
# Where the PostgreSQL tests create (and drop) a database of their own, connected to the database
# this URL names (the same variable and default as the other three folders); they are skipped when
# nothing answers there.
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def make_app(**settings):
    """The app from these settings, whatever the environment (DATABASE_URL...) says."""
    with pytest.MonkeyPatch.context() as environment:
        for name in ENVIRONMENT:
            environment.delenv(name, raising=False)
        return main({}, **settings)


@pytest.fixture
def live_app(app_settings):
    """Build a TestApp whose requests commit (no doomed transaction) over `engine`."""

    def build(engine, **settings):
        app = make_app(**{**app_settings, "dbengine": engine, **settings})
        return webtest.TestApp(app, extra_environ={"HTTP_HOST": "example.com"})

    return build


def migrate(engine, ini_file):
    # Alembic's "sharing a connection" recipe: the real migrations, on the test's engine.
    config = alembic.config.Config(ini_file)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        alembic.command.upgrade(config, "head")


@contextlib.contextmanager
def postgresql_database():
    """The URL of a new, empty PostgreSQL database, dropped afterwards; None without a server."""
    server = create_engine(
        "postgresql+psycopg://" + POSTGRES_ADMIN_URL.split("://", 1)[1],
        isolation_level="AUTOCOMMIT",
    )
    name = f"todo_pyramid_test_{uuid.uuid4().hex[:12]}"
    try:
        with server.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE {name}")
    except OperationalError:
        server.dispose()
        yield None
        return
    try:
        yield f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with server.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
        server.dispose()


@contextlib.contextmanager
def racing(engine, statement, before=None, after=None, **parameters):
    """Run `statement` on another connection, and commit it, just before (or after) this engine
    next executes SQL that starts with `before` (or `after`): a racing request that commits in
    between, deterministically.

    PostgreSQL only: there a read takes no lock, so the racing write need not wait; SQLite's
    writers queue (BEGIN IMMEDIATE), which is why no such race can happen there.
    """
    prefix = (before or after).upper()
    raced = []

    def race(conn, cursor, sql, *args):
        if not raced and sql.lstrip().upper().startswith(prefix):
            raced.append(sql)
            with engine.connect() as other:
                # A wrong guess at the statements' order would wait on this test's own lock.
                other.exec_driver_sql("SET lock_timeout = '5s'")
                other.execute(text(statement), parameters)
                other.commit()

    event_name = "before_cursor_execute" if before else "after_cursor_execute"
    event.listen(engine, event_name, race)
    try:
        yield
    finally:
        event.remove(engine, event_name, race)
    assert raced, f"no statement began with {prefix!r}"


@pytest.fixture
def sqlite_engine(ini_file, tmp_path):
    engine = models.get_engine({"sqlalchemy.url": f"sqlite:///{tmp_path / 'db' / 'live.sqlite3'}"})
    migrate(engine, ini_file)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgresql_engine(ini_file):
    with postgresql_database() as url:
        if url is None:
            pytest.skip(f"no PostgreSQL server at {POSTGRES_ADMIN_URL}")
        engine = models.get_engine({"sqlalchemy.url": sqlalchemy_url(url)})
        migrate(engine, ini_file)
        yield engine
        engine.dispose()


@pytest.fixture
def postgresql_app(postgresql_engine, live_app):
    yield live_app(postgresql_engine)
    with postgresql_engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM accounts")  # their tasks and tokens go too
