"""The database: engine, session factory, and request.dbsession joined to pyramid_tm."""

import contextlib
import sqlite3
from pathlib import Path

import zope.sqlalchemy
from pyramid_retry import RetryableException
from sqlalchemy import delete, engine_from_config, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import configure_mappers, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

# Import every model so that they are attached to Base.metadata before anything uses it.
from .account import Account  # noqa: F401
from .task import Task, count_tasks  # noqa: F401
from .token import Token, revoke_other_tokens  # noqa: F401

# Run configure_mappers after defining all of the models to ensure all relationships can be set up.
configure_mappers()

SQLITE_BUSY_TIMEOUT_MS = 30000
# Execution option a write request puts on its connection (see dbsession below).
BEGIN_IMMEDIATE = "todo_begin_immediate"


def get_engine(settings, prefix="sqlalchemy."):
    if make_url(settings[prefix + "url"]).get_backend_name() == "postgresql":
        # pool_pre_ping: a connection the server dropped (a restart) is replaced, not used.
        # UTC sessions: in another zone, PostgreSQL shows 0001-01-01T00:00Z as a year psycopg
        # cannot read (1 BC in New York).
        connect_args = {"options": "-c TimeZone=UTC"}
        return engine_from_config(settings, prefix, pool_pre_ping=True, connect_args=connect_args)
    engine = engine_from_config(settings, prefix)
    if engine.dialect.name == "sqlite":
        prepare_sqlite(engine)
    return engine


def prepare_sqlite(engine):
    """WAL, a busy timeout and BEGIN IMMEDIATE for writes, so concurrent writers queue up.

    This is SQLAlchemy's documented pysqlite recipe: the driver's own BEGIN handling is switched
    off and the "begin" event emits the statement instead (which also makes SAVEPOINT work, as
    registration needs).
    """
    database = make_url(engine.url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # A deferred transaction that later writes can fail at once with "database is locked"
        # in WAL mode; taking the write lock up front makes it wait for the busy timeout instead.
        immediate = connection.get_execution_options().get(BEGIN_IMMEDIATE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @event.listens_for(engine, "handle_error")
    def on_error(context):
        # SQLite opens a file it may not write read-only, and the connection stays so after the
        # file is writable again; calling that a disconnect makes the pool drop the connection.
        if "readonly database" in str(context.original_exception):
            context.is_disconnect = True
            # SQLAlchemy leaves the cursor of a disconnect open, and sqlite3 closes a connection for
            # real only once its statements are gone; until then SQLite hands the same read-only
            # file to every new connection of the process. (SQLAlchemy 2.0.58 never sets
            # context.cursor; the execution context has it.)
            if context.execution_context is not None:
                with contextlib.suppress(sqlite3.Error):
                    context.execution_context.cursor.close()


def get_session_factory(engine):
    factory = sessionmaker()
    factory.configure(bind=engine)
    return factory


def get_tm_session(session_factory, transaction_manager, request=None):
    """Get a SQLAlchemy session joined to the transaction manager.

    pyramid_tm commits it when the view returns and aborts it when an exception is raised,
    so views never call commit().
    """
    dbsession = session_factory(info={"request": request})
    zope.sqlalchemy.register(dbsession, transaction_manager=transaction_manager)
    return dbsession


class Vanished(RetryableException):
    """A row this request writes to, or under, was deleted by a request that committed first.

    pyramid_retry runs the request again in a new transaction, which no longer finds the row
    and answers as the request would have had it come after: 404 for a task, 401 once the token
    went with its account (the contract's rule for races).
    """


def flush(dbsession):
    """Write now, inside the view, rather than at commit.

    pyramid_tm commits after the exception views have run, so a commit-time error cannot be
    retried; here an UPDATE that matched no row (StaleDataError) or an INSERT under a deleted
    account (IntegrityError: these writes break no other constraint) becomes Vanished.
    """
    try:
        dbsession.flush()
    except (StaleDataError, IntegrityError) as error:
        raise Vanished from error


def add_unique(dbsession, row):
    """INSERT `row` now; False when a unique index refuses it (a taken username, or a race for
    one), and only that INSERT is undone.

    A savepoint leaves the transaction usable. pyramid_tm suggests request.tm.savepoint(), which
    zope.sqlalchemy refuses on SQLite; the session is the transaction's only data manager, so its
    own SAVEPOINT does the same job.
    """
    try:
        with dbsession.begin_nested():
            dbsession.add(row)
            dbsession.flush()
    except IntegrityError:
        return False
    return True


def delete_row(dbsession, row):
    """DELETE `row`, or raise Vanished when a racing request deleted it first.

    The ORM's own delete only warns when it matches no row; the row count is the proof.
    """
    model = type(row)
    if dbsession.execute(delete(model).where(model.id == row.id)).rowcount != 1:
        raise Vanished


def includeme(config):
    """Initialize the model for a Pyramid app (``config.include('.models')``)."""
    settings = config.get_settings()
    settings["tm.manager_hook"] = "pyramid_tm.explicit_manager"
    # Who the caller is gets decided by the views' permissions, not for every request up front.
    settings["tm.annotate_user"] = False

    # Use pyramid_tm to hook the transaction lifecycle to the request, and pyramid_retry to
    # retry a request whose transaction hit a transient error (e.g. a PostgreSQL deadlock).
    config.include("pyramid_tm")
    config.include("pyramid_retry")

    # The test fixtures share one engine with the app through this setting.
    dbengine = settings.get("dbengine") or get_engine(settings)
    session_factory = get_session_factory(dbengine)
    config.registry["dbsession_factory"] = session_factory

    def dbsession(request):
        # The test fixtures share one session (in a doomed transaction) through the environ.
        dbsession = request.environ.get("app.dbsession")
        if dbsession is None:
            # request.tm is the transaction manager used by pyramid_tm.
            dbsession = get_tm_session(session_factory, request.tm, request=request)
            if request.method not in ("GET", "HEAD"):
                dbsession.connection(execution_options={BEGIN_IMMEDIATE: True})
        return dbsession

    config.add_request_method(dbsession, reify=True)
