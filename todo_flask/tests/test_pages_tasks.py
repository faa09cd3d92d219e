"""The task pages (pages/tasks.py): the list, its filters and pages, adding, editing, and
the buttons of each task."""

import re

import pytest
from conftest import by_testid
from sqlalchemy import func, select

from todo_flask.db import db
from todo_flask.models import Account, Task


def add_tasks(app, count, username="ada", completed=False):
    """`count` tasks straight into the database (the list's pages need many)."""
    with app.app_context():
        account = db.session.scalar(select(Account).where(Account.username == username))
        db.session.add_all(
            Task(account=account, name=f"task {n}", completed=completed) for n in range(count)
        )
        db.session.commit()


def task_ids(response):
    return [int(n) for n in re.findall(r'data-task-id="(\d+)"', response.text)]


def test_an_empty_list(ada):
    page = ada.client.get("/tasks")
    assert page.status_code == 200
    assert "<title>Tasks · To-Do</title>" in page.text
    assert by_testid(page, "no-tasks") == ["No tasks here yet."]
    assert by_testid(page, "count-all") == ["0"]
    assert 'data-testid="page-info"' not in page.text


def test_adding_a_task_shows_it_in_the_list_and_in_the_api(ada, client, headers):
    response = ada.add_task("  Buy milk  ", note="2 litres", due_date="2026-12-24T18:00")
    assert response.headers["Location"] == "/tasks"
    page = ada.client.get("/tasks")
    assert by_testid(page, "flash") == ["The task was added."]
    assert by_testid(page, "task-name") == ["Buy milk"]
    assert by_testid(page, "task-note") == ["2 litres"]
    assert by_testid(page, "task-due") == ["due 2026-12-24 18:00 UTC"]
    assert 'datetime="2026-12-24T18:00:00Z"' in page.text
    [task] = client.get("/api/v1/accounts/ada/tasks", headers=headers).json["tasks"]
    assert task["name"] == "Buy milk"
    assert task["due_date"] == "2026-12-24T18:00:00Z"


def test_what_a_user_typed_is_escaped(ada):
    ada.add_task("<script>alert(1)</script>", note='"><b>')
    page = ada.client.get("/tasks")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>" not in page.text
    assert "<b>" not in page.text


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": " \t "}, "name", "This field is required."),
        (
            {"name": "x" * 201},
            "name",
            "Must be a string of 1 to 200 characters, not counting surrounding spaces.",
        ),
        ({"note": "x" * 2001}, "note", "Must be a string of at most 2000 characters."),
        ({"due_date": "tomorrow"}, "due_date", "Must be a date and time such as 2026-12-24T18:00."),
    ],
)
def test_an_invalid_task_is_shown_again_and_not_saved(app, ada, fields, field, message):
    response = ada.post("/tasks", {"name": "Buy milk", **fields})
    assert response.status_code == 400
    assert by_testid(response, f"error-{field}") == [message]
    assert f'aria-describedby="add-{field}-error"' in response.text
    assert 'value="Buy milk"' in response.text or field == "name"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Task)) == 0


def test_editing_a_task(ada, client, headers, task):
    edit = ada.client.get(f"/tasks/{task['id']}/edit")
    assert edit.status_code == 200
    assert 'value="Buy milk"' in edit.text
    assert 'value="2026-11-22T17:00:00"' in edit.text  # to the second, in UTC
    response = ada.post(
        f"/tasks/{task['id']}/edit",
        {"name": "Buy bread", "note": "", "due_date": "2026-11-22T17:00:00", "completed": "y"},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/tasks"
    saved = client.get(task["url"], headers=headers).json
    assert (saved["name"], saved["note"], saved["completed"]) == ("Buy bread", "", True)
    assert saved["due_date"] == "2026-11-22T17:00:00Z"
    assert by_testid(ada.client.get("/tasks"), "flash") == ["The task was saved."]


def test_an_invalid_edit_is_shown_again_and_not_saved(ada, client, headers, task):
    response = ada.post(f"/tasks/{task['id']}/edit", {"name": "", "due_date": "2026-13-01T00:00"})
    assert response.status_code == 400
    assert by_testid(response, "error-name") == ["This field is required."]
    assert by_testid(response, "error-due_date") == [
        "Must be a date and time such as 2026-12-24T18:00."
    ]
    assert 'value="2026-13-01T00:00"' in response.text
    assert client.get(task["url"], headers=headers).json == task


@pytest.mark.parametrize("action", ["complete", "reopen", "delete"])
def test_another_accounts_task_is_404(ada, client, auth, action):
    bob = auth.login("bob")
    response = client.post("/api/v1/accounts/bob/tasks", headers=bob, json={"name": "Bob's"})
    bobs = response.json["id"]
    assert ada.client.get(f"/tasks/{bobs}/edit").status_code == 404
    assert ada.post(f"/tasks/{bobs}/{action}").status_code == 404
    assert ada.post(f"/tasks/{bobs}/edit", {"name": "mine now"}).status_code == 404
    assert client.get(response.json["url"], headers=bob).json["name"] == "Bob's"


@pytest.mark.parametrize("task_id", ["999", "01", "abc", "1.0", "99999999999"])
def test_a_missing_task_or_an_id_that_is_not_digits_is_404(ada, task_id):
    response = ada.client.get(f"/tasks/{task_id}/edit")
    assert response.status_code == 404
    assert by_testid(response, "error-title") == ["Page not found"]


def test_complete_reopen_and_delete_go_back_to_the_page_they_were_on(app, ada):
    add_tasks(app, 21)
    response = ada.post("/tasks/21/complete", {"next": "/tasks?page=2"})
    assert response.headers["Location"] == "/tasks?page=2"
    page = ada.client.get("/tasks?page=2")
    assert by_testid(page, "flash") == ["The task was marked done."]
    assert 'data-task-id="21" data-completed="true"' in page.text
    assert 'name="next" value="/tasks?page=2"' in page.text
    assert ada.post("/tasks/21/reopen", {"next": "/tasks"}).headers["Location"] == "/tasks"
    assert by_testid(ada.client.get("/tasks"), "flash") == ["The task was reopened."]
    response = ada.post("/tasks/21/delete", {"next": "/tasks?page=2"})
    assert by_testid(ada.client.get("/tasks"), "flash") == ["The task was deleted."]
    # The page it was on is gone now: the list sends the browser to the last one.
    redirect = ada.client.get(response.headers["Location"])
    assert redirect.status_code == 302
    assert redirect.headers["Location"] == "/tasks"


@pytest.mark.parametrize("target", ["/account", "https://evil.example/tasks", "//tasks", ""])
def test_a_task_action_goes_only_to_a_task_list(ada, task, target):
    response = ada.post(f"/tasks/{task['id']}/complete", {"next": target})
    assert response.headers["Location"] == "/tasks"


def test_pages_and_filters_have_canonical_links(app, ada):
    add_tasks(app, 45)
    add_tasks(app, 25, completed=True)
    first = ada.client.get("/tasks")
    assert task_ids(first) == list(range(1, 21))  # ascending ids, 20 a page
    assert by_testid(first, "page-info") == ["Page 1 of 4"]
    assert 'rel="next" href="/tasks?page=2"' in first.text
    assert 'data-testid="prev-page"' not in first.text
    assert [by_testid(first, f"count-{name}") for name in ("all", "open", "done")] == [
        ["70"],
        ["45"],
        ["25"],
    ]
    assert 'href="/tasks" data-testid="filter-all" aria-current="page"' in first.text
    done = ada.client.get("/tasks?status=done&page=2")
    assert task_ids(done) == list(range(66, 71))
    assert by_testid(done, "page-info") == ["Page 2 of 2"]
    assert 'rel="prev" href="/tasks?status=done"' in done.text
    assert 'data-testid="next-page"' not in done.text
    assert 'href="/tasks?status=done" data-testid="filter-done" aria-current="page"' in done.text
    assert by_testid(done, "count-all") == ["70"]  # counts ignore the filter
    middle = ada.client.get("/tasks?status=open&page=2")
    assert 'rel="prev" href="/tasks?status=open"' in middle.text
    assert 'rel="next" href="/tasks?status=open&amp;page=3"' in middle.text


@pytest.mark.parametrize(
    ("query", "location"),
    [("?page=9", "/tasks?page=3"), ("?status=done&page=2", "/tasks?status=done")],
)
def test_a_page_past_the_last_redirects_to_the_last(app, ada, query, location):
    add_tasks(app, 41)
    response = ada.client.get(f"/tasks{query}")
    assert response.status_code == 302
    assert response.headers["Location"] == location


@pytest.mark.parametrize(
    "query",
    [
        "?status=maybe",
        "?status=",
        "?page=0",
        "?page=abc",
        "?page=01",
        "?page=1234567890",
        "?page=-1",
        "?status=open&status=done",
        "?page=1&page=2",
    ],
)
def test_a_query_the_list_does_not_know_is_404(ada, query):
    assert ada.client.get(f"/tasks{query}").status_code == 404


def test_head_works_where_get_does(ada):
    response = ada.client.head("/tasks")
    assert response.status_code == 200
    assert response.data == b""
