"""The site's task list and edit page (pages/tasks.py), through the whole app (WebTest)."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from todo_pyramid.models import Account, Task

from .conftest import csrf_token, login, page_form, sign_up, texts

DUE_DATE_EXAMPLE = "Must be a date and time such as 2026-12-24T18:00."


def add_tasks(dbsession, names, username="ada", **fields):
    """Tasks of `username` straight in the database, as the API would add them; their ids."""
    account = dbsession.scalar(select(Account).where(Account.username == username))
    tasks = [Task(account_id=account.id, name=name, **fields) for name in names]
    dbsession.add_all(tasks)
    dbsession.flush()
    return [task.id for task in tasks]


def add_in_the_browser(testapp, name, note="", due_date="", status=303):
    form = page_form(testapp.get("/tasks"), "add-form")
    form["name"], form["note"], form["due_date"] = name, note, due_date
    return form.submit(status=status)


def counts(page):
    return [texts(page, f"count-{which}")[0] for which in ("all", "open", "done")]


def test_tasks_added_in_the_browser_are_listed_in_order_and_in_the_api(testapp, auth):
    sign_up(testapp, "bob")
    response = add_in_the_browser(testapp, "  Buy milk  ", note="Two\nlitres")
    assert response.location == "http://example.com/tasks"
    add_in_the_browser(testapp, "File taxes", due_date="2027-04-15T18:00")
    page = testapp.get("/tasks")
    assert texts(page, "task-name") == ["Buy milk", "File taxes"]  # stored trimmed
    assert texts(page, "task-note") == ["Two\nlitres"]
    assert counts(page) == ["2", "2", "0"]
    due = page.html.find(attrs={"data-testid": "task-due"})
    assert (due.get_text(), due["datetime"]) == ("due 2027-04-15 18:00 UTC", "2027-04-15T18:00:00Z")
    token = login(testapp, "bob").json["token"]
    tasks = testapp.get("/api/v1/accounts/bob/tasks", headers=auth(token)).json["tasks"]
    assert [(task["name"], task["due_date"]) for task in tasks] == [
        ("Buy milk", None),
        ("File taxes", "2027-04-15T18:00:00Z"),
    ]


def test_the_flash_message_is_shown_once(testapp):
    sign_up(testapp)
    page = add_in_the_browser(testapp, "Walk the dog").follow()
    assert texts(page, "flash") == ["The task was added."]
    assert texts(testapp.get("/tasks"), "flash") == []


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"name": "   "}, {"name": "This field is required."}),
        (
            {"name": "x" * 201, "note": "n" * 2001},
            {
                "name": "Must be a string of 1 to 200 characters, not counting surrounding spaces.",
                "note": "Must be a string of at most 2000 characters.",
            },
        ),
        ({"due_date": "2027-02-30T10:00"}, {"due_date": DUE_DATE_EXAMPLE}),
        ({"due_date": "2027-01-01T10:00Z"}, {"due_date": DUE_DATE_EXAMPLE}),
        ({"due_date": "0000-01-01T10:00"}, {"due_date": DUE_DATE_EXAMPLE}),
    ],
)  # fmt: skip
def test_invalid_task_input_is_shown_again_and_nothing_is_saved(testapp, dbsession, fields, errors):
    sign_up(testapp)
    typed = {"name": "A task", "note": "kept", "due_date": "", **fields}
    page = add_in_the_browser(testapp, **typed, status=400)
    assert {field: texts(page, f"error-{field}")[0] for field in errors} == errors
    assert page_form(page, "add-form")["note"].value == typed["note"]
    assert dbsession.scalars(select(Task)).all() == []


def test_a_name_that_looks_like_a_script_is_shown_as_text(testapp):
    sign_up(testapp)
    name = "<script>alert(1)</script>"
    add_in_the_browser(testapp, name, note="<b>bold?</b>")
    page = testapp.get("/tasks")
    assert "<script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert texts(page, "task-name") == [name]
    assert page.html.find("b") is None


def test_complete_reopen_and_delete_come_back_to_the_page_they_were_sent_from(testapp, dbsession):
    sign_up(testapp)
    first, second = add_tasks(dbsession, ["One", "Two"])
    token = csrf_token(testapp.get("/tasks"))
    response = testapp.post(
        f"/tasks/{first}/complete", {"csrf_token": token, "next": "/tasks?status=open"}, status=303
    )
    assert response.location == "http://example.com/tasks?status=open"
    page = response.follow()
    assert texts(page, "flash") == ["The task was marked done."]
    assert texts(page, "task-name") == ["Two"]
    assert counts(page) == ["2", "1", "1"]
    response = testapp.post(f"/tasks/{first}/reopen", {"csrf_token": token}, status=303)
    assert response.location == "http://example.com/tasks"
    assert texts(response.follow(), "flash") == ["The task was reopened."]
    # A next outside the task list is not followed.
    body = {"csrf_token": token, "next": "/account"}
    response = testapp.post(f"/tasks/{second}/delete", body, status=303)
    assert response.location == "http://example.com/tasks"
    page = response.follow()
    assert texts(page, "flash") == ["The task was deleted."]
    assert texts(page, "task-name") == ["One"]


def test_filters_are_canonical_links_and_the_current_one_is_marked(testapp, dbsession):
    sign_up(testapp)
    add_tasks(dbsession, ["Open"])
    add_tasks(dbsession, ["Done"], completed=True)
    page = testapp.get("/tasks?status=done")
    links = {
        which: page.html.find(attrs={"data-testid": f"filter-{which}"})
        for which in ("all", "open", "done")
    }
    assert {which: link["href"] for which, link in links.items()} == {
        "all": "/tasks",
        "open": "/tasks?status=open",
        "done": "/tasks?status=done",
    }
    assert [which for which, link in links.items() if link.get("aria-current") == "page"] == [
        "done"
    ]
    assert texts(page, "task-name") == ["Done"]
    assert counts(page) == ["2", "1", "1"]  # of all the tasks, whatever the filter
    task = page.html.find(attrs={"data-testid": "task"})
    assert task["data-completed"] == "true"
    assert task.find("input", attrs={"name": "next"})["value"] == "/tasks?status=done"


def test_tasks_come_in_pages_of_twenty_with_canonical_links(testapp, dbsession):
    sign_up(testapp)
    names = [f"Task {number:02}" for number in range(1, 26)]
    add_tasks(dbsession, names)
    page = testapp.get("/tasks?status=open")
    assert texts(page, "task-name") == names[:20]
    assert texts(page, "page-info") == ["Page 1 of 2"]
    assert texts(page, "prev-page") == []
    assert page.html.find(attrs={"data-testid": "next-page"})["href"] == (
        "/tasks?status=open&page=2"
    )
    page = testapp.get("/tasks?page=2")
    assert texts(page, "task-name") == names[20:]
    assert page.html.find(attrs={"data-testid": "prev-page"})["href"] == "/tasks"
    assert texts(page, "next-page") == []
    task = page.html.find(attrs={"data-testid": "task"})
    assert task.find("input", attrs={"name": "next"})["value"] == "/tasks?page=2"


def test_a_page_past_the_last_goes_to_the_last_or_the_first(testapp, dbsession):
    sign_up(testapp)
    add_tasks(dbsession, [f"Task {number}" for number in range(21)])
    assert testapp.get("/tasks?page=9", status=302).location == "http://example.com/tasks?page=2"
    response = testapp.get("/tasks?status=done&page=3", status=302)
    assert response.location == "http://example.com/tasks?status=done"
    page = response.follow()
    assert texts(page, "no-tasks") == ["No tasks here yet."]
    assert texts(page, "page-info") == []


@pytest.mark.parametrize(
    "query",
    ["status=maybe", "page=0", "page=01", "page=abc", "page=1234567890", "status=open&status=done"],
)
def test_a_task_list_address_that_names_no_page_is_not_found(testapp, query):
    sign_up(testapp)
    page = testapp.get(f"/tasks?{query}", status=404)
    assert texts(page, "error-title") == ["Page not found"]


def test_editing_a_task_keeps_its_due_date_to_the_second(testapp, dbsession):
    sign_up(testapp)
    due = datetime(2027, 3, 1, 9, 30, 45, tzinfo=UTC)
    (task_id,) = add_tasks(dbsession, ["Draft"], due_date=due)
    page = testapp.get(f"/tasks/{task_id}/edit")
    assert page.html.find("h1").get_text() == "Edit task"
    form = page_form(page, "edit-form")
    assert (form["name"].value, form["due_date"].value) == ("Draft", "2027-03-01T09:30:45")
    assert form["completed"].checked is False
    form["name"], form["note"], form["completed"] = "Final", "Second & final <draft>", True
    response = form.submit(status=303)
    assert response.location == "http://example.com/tasks"
    assert texts(response.follow(), "flash") == ["The task was saved."]
    task = dbsession.get(Task, task_id)
    assert (task.name, task.note, task.completed, task.due_date) == (
        "Final",
        "Second & final <draft>",
        True,
        due,
    )
    form = page_form(testapp.get(f"/tasks/{task_id}/edit"), "edit-form")
    form["completed"], form["due_date"] = False, ""
    form.submit(status=303)
    assert (task.completed, task.due_date) == (False, None)


def test_invalid_edits_are_shown_again_and_nothing_is_saved(testapp, dbsession):
    sign_up(testapp)
    (task_id,) = add_tasks(dbsession, ["Keep me"])
    form = page_form(testapp.get(f"/tasks/{task_id}/edit"), "edit-form")
    form["name"], form["completed"] = "", True
    page = form.submit(status=400)
    assert texts(page, "error-name") == ["This field is required."]
    assert page_form(page, "edit-form")["completed"].checked is True
    task = dbsession.get(Task, task_id)
    assert (task.name, task.completed) == ("Keep me", False)


def test_another_accounts_task_is_not_found_and_stays_as_it_was(testapp, new_browser, dbsession):
    sign_up(new_browser(), "owner")
    (task_id,) = add_tasks(dbsession, ["Private"], username="owner")
    sign_up(testapp)
    assert texts(testapp.get(f"/tasks/{task_id}/edit", status=404), "error-title") == [
        "Page not found"
    ]
    token = csrf_token(testapp.get("/tasks"))
    for action in ("edit", "complete", "delete"):
        testapp.post(f"/tasks/{task_id}/{action}", {"csrf_token": token, "name": "x"}, status=404)
    task = dbsession.get(Task, task_id)
    assert (task.name, task.completed) == ("Private", False)


@pytest.mark.parametrize("path", ["/tasks/abc/edit", "/tasks/0211/edit", "/tasks/99999999999/edit"])
def test_an_id_that_names_no_task_is_not_found(testapp, path):
    sign_up(testapp)
    testapp.get(path, status=404)


def test_without_a_session_a_page_asks_to_sign_in_and_a_form_is_forbidden(testapp):
    location = testapp.get("/tasks/1/edit", status=302).location
    assert location == "http://example.com/login?next=%2Ftasks%2F1%2Fedit"
    token = csrf_token(testapp.get("/login"))
    page = testapp.post("/tasks", {"csrf_token": token, "name": "late"}, status=403)
    assert texts(page, "error-title") == ["Forbidden"]
