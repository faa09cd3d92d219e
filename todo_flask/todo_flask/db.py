"""The database: Flask-SQLAlchemy (one session per request) and Flask-Migrate."""

import contextlib
import functools
import sqlite3
from pathlib import Path

from flask import g
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.orm import DeclarativeBase

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# The execution option a write view puts on its connection (see write_transaction).
BEGIN_IMMEDIATE = "todo_begin_immediate"


class Base(DeclarativeBase):
    # Named constraints let Alembic alter and drop them later (and batch-migrate on SQLite).
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


# A view answers with what it wrote, without reading it back after the commit: by then a
# racing request may have deleted the row (the reload would raise ObjectDeletedError).
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
migrate = Migrate()


def init_app(app):
    """Register the extensions; the session is removed when each request's app context ends."""
    db.init_app(app)
    # An absolute directory, so `flask db upgrade` works from any working directory.
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", configure_sqlite_connection)
            event.listen(db.engine, "begin", begin_sqlite_transaction)
            event.listen(db.engine, "handle_error", drop_read_only_connection)


def write_transaction(view):
    """Decorate a view that writes: its transaction begins ready to write, before anything reads.

    It goes above login_required, whose token lookup is the first read. On SQLite the option
    makes BEGIN IMMEDIATE (see begin_sqlite_transaction): one writer at a time. PostgreSQL has
    no such lock; there login_required locks the caller's account row instead (g.writes).
    """

    @functools.wraps(view)
    def wrapped_view(**kwargs):
        begin_write()
        return view(**kwargs)

    wrapped_view.writes = True  # the site's session lookup, before the view, reads this
    return wrapped_view


def begin_write():
    """Begin the request's transaction ready to write (once: for a site page's write view the
    session lookup, its first read, already has)."""
    if not g.get("writes"):
        db.session.connection(execution_options={BEGIN_IMMEDIATE: True})
        g.writes = True


def configure_sqlite_connection(dbapi_connection, connection_record):
    """Make SQLite fit for concurrent requests (SQLAlchemy's documented pysqlite recipe)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 30000")  # wait for a lock instead of failing
    cursor.execute("PRAGMA journal_mode = WAL")  # readers do not block the writer
    cursor.execute("PRAGMA foreign_keys = ON")  # ON DELETE CASCADE for an account's rows
    cursor.close()
    # Stop the sqlite3 module from issuing its own (deferred, late) BEGIN ...
    dbapi_connection.isolation_level = None


def begin_sqlite_transaction(connection):
    """... and issue BEGIN ourselves: IMMEDIATE when a write view asked for it.

    A deferred transaction that reads (the token lookup) and then writes cannot wait for
    the lock; SQLite fails it at once with "database is locked". Taking the write lock at
    BEGIN makes concurrent writers queue behind the busy timeout instead.
    """
    immediate = connection.get_execution_options().get(BEGIN_IMMEDIATE)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def drop_read_only_connection(context):
    """SQLite opens a file it may not write read-only, and the connection stays so: tell the
    pool to discard it (as after a disconnect), so writes work again once the file is writable."""
    if "readonly database" in str(context.original_exception):
        context.is_disconnect = True
        # SQLAlchemy leaves the cursor of a disconnect open, and sqlite3 closes a connection for
        # real only once its statements are gone; until then SQLite hands the same read-only
        # file to every new connection of the process. (SQLAlchemy 2.0.58 never sets
        # context.cursor; the execution context has it.)
        if context.execution_context is not None:
            with contextlib.suppress(sqlite3.Error):
                context.execution_context.cursor.close()
