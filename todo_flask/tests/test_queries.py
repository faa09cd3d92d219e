"""How many SQL statements each task request issues: fixed, whatever the page size.

The `statements` fixture records every statement the engine sends (SQLAlchemy's
before_cursor_execute event), BEGIN included: db.py issues it itself on SQLite. A new statement in
one of these paths, or one per listed task (N+1), fails here before it shows in `make bench`.
"""

import pytest
from sqlalchemy import event

from todo_flask.db import db
from todo_flask.models import Account, Task

TASKS = "/api/v1/accounts/ada/tasks"
# BEGIN, then the bearer token and its account in one SELECT with a join (auth.presented_token).
AUTHENTICATE = ["BEGIN", "SELECT tokens"]
# A write view's transaction: BEGIN IMMEDIATE; on SQLite lock_account() is a plain SELECT (the
# database is locked already), on PostgreSQL it is FOR UPDATE.
AUTHENTICATE_TO_WRITE = ["BEGIN IMMEDIATE", "SELECT accounts", "SELECT tokens"]


@pytest.fixture
def statements(app):
    """The statements sent while the test runs, each shortened to its verb and first table."""
    sent = []

    def record(conn, cursor, statement, parameters, context, executemany):
        words = statement.replace('"', "").split()
        if words[0] in ("SELECT", "DELETE"):
            words = [words[0], words[words.index("FROM") + 1]]
        elif words[0] in ("INSERT", "UPDATE"):
            words = [words[0], words[2 if words[0] == "INSERT" else 1]]
        sent.append(" ".join(words[:2]))

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", record)
        yield sent
        event.remove(db.engine, "before_cursor_execute", record)


@pytest.fixture
def tasks(app):
    """30 tasks of Ada's, written straight to the database; their ids."""
    with app.app_context():
        ada = db.session.query(Account).filter_by(username="ada").one()
        rows = [Task(account=ada, name=f"task {n}") for n in range(30)]
        db.session.add_all(rows)
        db.session.commit()
        return [row.id for row in rows]


@pytest.mark.parametrize("limit", [1, 20])
def test_listing_a_page_costs_the_same_for_1_or_20_tasks(client, headers, tasks, statements, limit):
    response = client.get(f"{TASKS}?limit={limit}", headers=headers)
    assert len(response.json["tasks"]) == limit
    # The total (a COUNT over the filtered query), then the page: none per task.
    assert statements == [*AUTHENTICATE, "SELECT (SELECT", "SELECT tasks"]


def test_a_page_past_the_end_skips_the_page_query(client, headers, tasks, statements):
    assert client.get(f"{TASKS}?offset=30", headers=headers).json["tasks"] == []
    assert statements == [*AUTHENTICATE, "SELECT (SELECT"]


def test_reading_a_task(client, headers, tasks, statements):
    assert client.get(f"{TASKS}/{tasks[0]}", headers=headers).json["name"] == "task 0"
    assert statements == [*AUTHENTICATE, "SELECT tasks"]


def test_creating_a_task(client, headers, statements):
    """One INSERT, and the answer is built without reading the row back (expire_on_commit is
    off, db.py)."""
    assert client.post(TASKS, headers=headers, json={"name": "new"}).status_code == 201
    assert statements == [*AUTHENTICATE_TO_WRITE, "INSERT tasks"]


def test_patching_a_task(client, headers, tasks, statements):
    """The task, then one UPDATE of the changed column."""
    response = client.patch(f"{TASKS}/{tasks[0]}", headers=headers, json={"completed": True})
    assert response.json["completed"] is True
    assert statements == [*AUTHENTICATE_TO_WRITE, "SELECT tasks", "UPDATE tasks"]


def test_deleting_a_task(client, headers, tasks, statements):
    assert client.delete(f"{TASKS}/{tasks[0]}", headers=headers).status_code == 204
    assert statements == [*AUTHENTICATE_TO_WRITE, "SELECT tasks", "DELETE tasks"]
