"""tornado-sqlalchemy's ``SQLAlchemy`` object (the ``db`` setting), adapted to SQLAlchemy 2.0,
and the unit of work every handler (the API's and the site's) runs on it."""

import contextlib
import logging
import sqlite3

from sqlalchemy import event
from sqlalchemy.exc import InterfaceError, OperationalError
from tornado_sqlalchemy import SessionMixin, SQLAlchemy, as_future

from .errors import Problem
from .models import Base

log = logging.getLogger(__name__)

# Execution option a unit of work sets on its connection to say "this transaction will write".
BEGIN_IMMEDIATE = "todo_begin_immediate"


class Database(SQLAlchemy):
    """The ``db`` application setting that ``SessionMixin.make_session`` makes sessions from."""

    def __init__(self, url: str):
        super().__init__(
            url,
            engine_options=engine_options(url),
            # A unit of work returns ORM objects to the IOLoop thread after its commit; expiring
            # them would turn the next attribute access into a query there.
            session_options={"expire_on_commit": False},
        )

    def make_declarative_base(self):
        # tornado-sqlalchemy 0.8 predates SQLAlchemy 2.0 and builds a legacy declarative_base()
        # for db.Model. The models here use 2.0's DeclarativeBase (Mapped/mapped_column), so the
        # library gets that base instead; get_binds() only needs its metadata.
        return Base

    def create_engine(self, bind=None):
        engine = super().create_engine(bind)
        if engine.dialect.name == "sqlite":
            configure_sqlite(engine)
        return engine


def engine_options(url: str) -> dict:
    if url.startswith("sqlite"):
        # Wait up to 30 s for another process's write lock instead of failing with "locked".
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True}  # survive a PostgreSQL restart between requests


def configure_sqlite(engine) -> None:
    """WAL, a busy timeout and BEGIN IMMEDIATE for writes (after SQLAlchemy's pysqlite recipe),
    and no connection kept once it has found the file read-only."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        # Take BEGIN away from the sqlite3 module, which would start transactions lazily,
        # so that the "begin" listener below decides how each transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")  # ON DELETE CASCADE, as on PostgreSQL
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # A transaction that reads then writes must hold the write lock from its first
        # statement: upgrading a read snapshot later fails at once with "database is locked".
        immediate = connection.get_execution_options().get(BEGIN_IMMEDIATE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @event.listens_for(engine, "handle_error")
    def on_error(context):
        # A connection opened while the file was read-only stays read-only after the file is
        # writable again: calling the error a disconnect makes the pool drop the connection (and
        # recycle the others), so the next unit of work opens a fresh one, without a restart.
        error = context.original_exception
        if isinstance(error, sqlite3.Error) and is_readonly(error):
            context.is_disconnect = True
            # SQLAlchemy leaves the cursor of a disconnect open, and sqlite3 closes a connection
            # for real only once its statements are gone; until then SQLite hands the same
            # read-only file to every new connection of the process (tests/test_info.py). The
            # cursor comes from execution_context: SQLAlchemy 2.0.58 never sets context.cursor.
            if context.execution_context is not None:
                with contextlib.suppress(sqlite3.Error):
                    context.execution_context.cursor.close()


def is_readonly(error: sqlite3.Error) -> bool:
    """SQLITE_READONLY or one of its extended codes ("attempt to write a readonly database")."""
    # Errors the sqlite3 module raises itself (a closed connection...) carry no code.
    return getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_READONLY


class UnitOfWorkMixin(SessionMixin):
    """run_in_session, the one door to the database, for the API's handlers and the site's."""

    async def run_in_session(self, work, *args, write=False):
        """Run work(session, *args) as one transaction on tornado-sqlalchemy's worker threads.

        The session is made, used, committed (or rolled back) and closed inside one as_future
        call, so no connection, transaction or SQLite lock is held across an await.
        """

        def unit_of_work():
            with self.make_session() as session:
                if write:  # SQLite: BEGIN IMMEDIATE, the write lock before the first read
                    session.connection(execution_options={BEGIN_IMMEDIATE: True})
                return work(session, *args)

        try:
            return await as_future(unit_of_work)
        except (OperationalError, InterfaceError) as error:
            # The contract asks for 503, never 500, while the database cannot be reached or
            # written; the pool drops broken connections (on_error above), so it recovers alone.
            log.warning("the database cannot be reached: %s", error.orig or error)
            raise Problem(503) from None
