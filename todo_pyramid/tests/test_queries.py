"""How many SQL statements each task request issues: fixed, whatever the page size.

Requests that really commit (live_app), each in its own pyramid_tm transaction, with every
statement the engine sends recorded (SQLAlchemy's before_cursor_execute event), BEGIN included:
models/__init__.py issues it itself on SQLite. A new statement in one of these paths, or one per
listed task (N+1), fails here before it shows in `make bench`.
"""

import pytest
from sqlalchemy import event

from .conftest import login, register

TASKS = "/api/v1/accounts/ada/tasks"
# BEGIN, then the bearer token and its account in one SELECT with a join (the security policy,
# asked once per request however many times Pyramid asks: RequestLocalCache).
AUTHENTICATE = ["BEGIN", "SELECT tokens"]
# A request that writes begins its transaction ready to (models/__init__.py).
AUTHENTICATE_TO_WRITE = ["BEGIN IMMEDIATE", "SELECT tokens"]


@pytest.fixture
def api(live_app, sqlite_engine):
    """A committing app with Ada's account and 30 tasks; (testapp, headers, task ids)."""
    testapp = live_app(sqlite_engine)
    register(testapp)
    headers = {"Authorization": f"Bearer {login(testapp).json['token']}"}
    ids = [
        testapp.post_json(TASKS, {"name": f"task {n}"}, headers=headers).json["id"]
        for n in range(30)
    ]
    return testapp, headers, ids


@pytest.fixture
def statements(sqlite_engine):
    """The statements sent while the test runs, each shortened to its verb and first table."""
    sent = []

    def record(conn, cursor, statement, parameters, context, executemany):
        words = statement.replace('"', "").split()
        if words[0] in ("SELECT", "DELETE"):
            words = [words[0], words[words.index("FROM") + 1]]
        elif words[0] in ("INSERT", "UPDATE"):
            words = [words[0], words[2 if words[0] == "INSERT" else 1]]
        sent.append(" ".join(words[:2]))

    event.listen(sqlite_engine, "before_cursor_execute", record)
    yield sent
    event.remove(sqlite_engine, "before_cursor_execute", record)


@pytest.mark.parametrize("limit", [1, 20])
def test_listing_a_page_costs_the_same_for_1_or_20_tasks(api, statements, limit):
    testapp, headers, _ = api
    response = testapp.get(f"{TASKS}?limit={limit}", headers=headers)
    assert len(response.json["tasks"]) == limit
    # The total (a COUNT over the filtered query), then the page: none per task.
    assert statements == [*AUTHENTICATE, "SELECT (SELECT", "SELECT tasks"]


def test_reading_a_task(api, statements):
    testapp, headers, ids = api
    assert testapp.get(f"{TASKS}/{ids[0]}", headers=headers).json["name"] == "task 0"
    assert statements == [*AUTHENTICATE, "SELECT tasks"]


def test_creating_a_task(api, statements):
    """One INSERT, flushed in the view for its id; the answer reads nothing back."""
    testapp, headers, _ = api
    testapp.post_json(TASKS, {"name": "new"}, headers=headers, status=201)
    assert statements == [*AUTHENTICATE_TO_WRITE, "INSERT tasks"]


def test_patching_a_task(api, statements):
    """The task, then one UPDATE of the changed column."""
    testapp, headers, ids = api
    response = testapp.patch_json(f"{TASKS}/{ids[0]}", {"completed": True}, headers=headers)
    assert response.json["completed"] is True
    assert statements == [*AUTHENTICATE_TO_WRITE, "SELECT tasks", "UPDATE tasks"]


def test_deleting_a_task(api, statements):
    testapp, headers, ids = api
    testapp.delete(f"{TASKS}/{ids[0]}", headers=headers, status=204)
    assert statements == [*AUTHENTICATE_TO_WRITE, "SELECT tasks", "DELETE tasks"]
