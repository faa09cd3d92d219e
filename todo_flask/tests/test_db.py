import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import event, inspect, text
from sqlalchemy.exc import OperationalError

from todo_flask import create_app
from todo_flask.db import db, write_transaction


def test_sqlite_connections_are_set_up_for_concurrency(app):
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_write_view_takes_the_sqlite_write_lock_before_it_reads(app):
    @write_transaction
    def view():
        with db.engine.connect() as other:
            other.exec_driver_sql("PRAGMA busy_timeout = 0")
            # The view holds the lock before reading anything, so a second writer must wait.
            with pytest.raises(OperationalError, match="database is locked"):
                other.exec_driver_sql("BEGIN IMMEDIATE")

    with app.app_context():
        view()
        db.session.rollback()


def test_migrations_create_exactly_the_models_schema(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrated.sqlite3'}"})
    with app.app_context():
        upgrade()
        assert {"accounts", "tasks", "tokens"} <= set(inspect(db.engine).get_table_names())
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []


def test_concurrent_writes_do_not_fail(app, headers):
    """Token lookup then insert, 20 at once: BEGIN IMMEDIATE queues them instead of failing."""
    statuses = []

    def create_task(number):
        response = app.test_client().post(
            "/api/v1/accounts/ada/tasks", headers=headers, json={"name": f"task {number}"}
        )
        statuses.append((response.status_code, response.json.get("id")))

    threads = [threading.Thread(target=create_task, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in statuses] == [201] * 20
    assert len({task_id for _, task_id in statuses}) == 20


def test_a_read_only_sqlite_connection_is_not_kept(app, headers):
    """SQLite opens a file it may not write read-only, and the connection stays read-only: 503
    meanwhile, and the pool drops it, so writes work again without a restart."""
    read_only = True

    def open_read_only(dbapi_connection, connection_record):
        if read_only:  # what opening a read-only file gives (root may write any file)
            dbapi_connection.execute("PRAGMA query_only = ON")

    with app.app_context():
        db.engine.dispose()  # open new connections from now on
        event.listen(db.engine, "connect", open_read_only)
    client = app.test_client()
    response = client.post("/api/v1/accounts/ada/tasks", headers=headers, json={"name": "x"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    read_only = False  # the file is writable again
    response = client.post("/api/v1/accounts/ada/tasks", headers=headers, json={"name": "x"})
    assert response.status_code == 201
