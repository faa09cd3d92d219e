"""tornado-sqlalchemy's ``SQLAlchemy`` object, adapted to SQLAlchemy 2.0 and to worker threads."""

from sqlalchemy import event
from tornado_sqlalchemy import SQLAlchemy

from .config import DB_THREADS
from .models import Base

# Execution option a handler sets on its transaction's connection to say "this one will write".
BEGIN_IMMEDIATE = "todo_begin_immediate"


class Database(SQLAlchemy):
    """The ``db`` application setting that ``SessionMixin`` makes sessions from."""

    def __init__(self, url: str):
        super().__init__(
            url,
            engine_options=engine_options(url),
            # After `await as_future(session.commit)` the loaded objects must stay readable on the
            # IOLoop thread; expiring them would turn the next attribute access into a query there.
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
    # Queries run on tornado-sqlalchemy's DB_THREADS worker threads and a request's session may
    # move between them; app.py admits at most DB_THREADS database requests, so a pool of
    # exactly that size never makes a request wait for a connection.
    options = {"pool_size": DB_THREADS, "max_overflow": 0}
    if not url.startswith("sqlite"):
        options["pool_pre_ping"] = True  # survive a PostgreSQL restart between requests
    else:
        # One request's statements can run on different worker threads: allow that, and wait
        # up to 30 s for another process's write lock instead of failing with "locked".
        options["connect_args"] = {"check_same_thread": False, "timeout": 30}
    return options


def configure_sqlite(engine) -> None:
    """WAL, a busy timeout and BEGIN IMMEDIATE for writes (after SQLAlchemy's pysqlite recipe)."""

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
