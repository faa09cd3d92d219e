"""The task list and the edit page (shared_spec/ui.md, The task list; Forms and validation)."""

import pytest
from browsing import (
    add_task,
    api_tasks,
    api_token,
    click,
    field_error,
    follow,
    hidden_fields,
    path_of,
    sign_up,
    submit,
    task_item,
    task_names,
)
from playwright.sync_api import expect


def counts(page):
    return [page.get_by_test_id(f"count-{which}").inner_text() for which in ("all", "open", "done")]


def add_through_the_api(api, token, person, names, **fields):
    for name in names:
        body = {"name": name, **fields}
        response = api.post(f"/api/v1/accounts/{person.username}/tasks", token=token, json=body)
        assert response.status_code == 201, response.text


def test_three_tasks_added_in_the_browser_are_listed_in_order_and_in_the_api(page, api):
    person = sign_up(page)
    add_task(page, "Buy milk")
    add_task(page, "  Call Ada  ", note="About the engine\nand the notes")
    add_task(page, "File taxes", due_date="2027-04-15T18:00")
    assert path_of(page) == "/tasks"
    assert task_names(page) == ["Buy milk", "Call Ada", "File taxes"]
    assert counts(page) == ["3", "3", "0"]
    expect(task_item(page, "Call Ada").get_by_test_id("task-note")).to_have_text(
        "About the engine\nand the notes"
    )
    due = task_item(page, "File taxes").get_by_test_id("task-due")
    expect(due).to_have_text("due 2027-04-15 18:00 UTC")
    expect(due).to_have_attribute("datetime", "2027-04-15T18:00:00Z")
    expect(task_item(page, "Buy milk").get_by_test_id("task-due")).to_have_count(0)
    expect(task_item(page, "Buy milk").get_by_test_id("task-note")).to_have_count(0)

    tasks = api_tasks(api, api_token(api, person), person)
    assert [(t["name"], t["note"], t["due_date"], t["completed"]) for t in tasks] == [
        ("Buy milk", "", None, False),
        ("Call Ada", "About the engine\nand the notes", None, False),  # not the form's CR LF
        ("File taxes", "", "2027-04-15T18:00:00Z", False),
    ]


def test_a_task_added_through_the_api_is_in_the_browser(page, api):
    person = sign_up(page)
    token = api_token(api, person)
    add_through_the_api(api, token, person, ["From the API"], due_date="2027-01-02T03:04:05Z")
    page.goto("/tasks")
    assert task_names(page) == ["From the API"]
    expect(task_item(page, "From the API").get_by_test_id("task-due")).to_have_text(
        "due 2027-01-02 03:04 UTC"
    )


def test_completing_and_reopening_a_task(page, api):
    person = sign_up(page)
    add_task(page, "Water the plants")
    add_task(page, "Walk the dog")
    item = task_item(page, "Water the plants")
    assert click(page, item.get_by_test_id("complete")).status == 303
    expect(page.get_by_test_id("flash")).to_have_text("The task was marked done.")
    expect(item).to_have_attribute("data-completed", "true")
    expect(task_item(page, "Walk the dog")).to_have_attribute("data-completed", "false")
    assert counts(page) == ["2", "1", "1"]
    assert [t["completed"] for t in api_tasks(api, api_token(api, person), person)] == [True, False]

    click(page, item.get_by_test_id("reopen"))
    expect(page.get_by_test_id("flash")).to_have_text("The task was reopened.")
    expect(item).to_have_attribute("data-completed", "false")
    assert counts(page) == ["2", "2", "0"]


def test_filtering_open_and_done_tasks(page):
    sign_up(page)
    for name in ("One", "Two", "Three"):
        add_task(page, name)
    click(page, task_item(page, "Two").get_by_test_id("complete"))
    follow(page, page.get_by_test_id("filter-open"))
    assert path_of(page) == "/tasks?status=open"
    assert task_names(page) == ["One", "Three"]
    expect(page.get_by_test_id("filter-open")).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("filter-all")).not_to_have_attribute("aria-current", "page")
    # Completing from a filtered page comes back to it.
    click(page, task_item(page, "Three").get_by_test_id("complete"))
    assert path_of(page) == "/tasks?status=open"
    assert task_names(page) == ["One"]
    follow(page, page.get_by_test_id("filter-done"))
    assert path_of(page) == "/tasks?status=done"
    assert task_names(page) == ["Two", "Three"]
    follow(page, page.get_by_test_id("filter-all"))
    assert path_of(page) == "/tasks"
    assert counts(page) == ["3", "1", "2"]


def test_twenty_five_tasks_come_in_pages_of_twenty(page, api):
    person = sign_up(page)
    names = [f"Task {n:02}" for n in range(1, 26)]
    add_through_the_api(api, api_token(api, person), person, names)
    page.goto("/tasks?status=open")
    assert task_names(page) == names[:20]
    expect(page.get_by_test_id("page-info")).to_have_text("Page 1 of 2")
    expect(page.get_by_test_id("prev-page")).to_have_count(0)
    expect(page.get_by_test_id("next-page")).to_have_attribute("href", "/tasks?status=open&page=2")
    follow(page, page.get_by_test_id("next-page"))
    assert path_of(page) == "/tasks?status=open&page=2"
    assert task_names(page) == names[20:]
    expect(page.get_by_test_id("page-info")).to_have_text("Page 2 of 2")
    expect(page.get_by_test_id("next-page")).to_have_count(0)
    expect(page.get_by_test_id("prev-page")).to_have_attribute("href", "/tasks?status=open")
    assert counts(page) == ["25", "25", "0"]
    # A page past the last goes to the last; a filter with no tasks has no pages.
    page.goto("/tasks?page=9")
    assert path_of(page) == "/tasks?page=2"
    page.goto("/tasks?status=done&page=3")
    assert path_of(page) == "/tasks?status=done"
    expect(page.get_by_test_id("no-tasks")).to_be_visible()
    expect(page.get_by_test_id("page-info")).to_have_count(0)


def test_deleting_a_task_and_the_last_one_of_a_page(page, api):
    person = sign_up(page)
    token = api_token(api, person)
    add_through_the_api(api, token, person, [f"Task {n:02}" for n in range(1, 22)])
    page.goto("/tasks?page=2")
    assert task_names(page) == ["Task 21"]
    assert click(page, task_item(page, "Task 21").get_by_test_id("delete")).status == 303
    expect(page.get_by_test_id("flash")).to_have_text("The task was deleted.")
    assert path_of(page) == "/tasks"
    assert len(task_names(page)) == 20
    click(page, task_item(page, "Task 05").get_by_test_id("delete"))
    assert "Task 05" not in task_names(page)
    assert counts(page) == ["19", "19", "0"]
    assert len(api_tasks(api, token, person)) == 19


def test_editing_a_task(page, api):
    person = sign_up(page)
    token = api_token(api, person)
    add_through_the_api(api, token, person, ["Draft"], due_date="2027-03-01T09:30:45Z")
    page.goto("/tasks")
    follow(page, task_item(page, "Draft").get_by_test_id("edit"))
    task_id = api_tasks(api, token, person)[0]["id"]
    assert path_of(page) == f"/tasks/{task_id}/edit"
    expect(page.locator("h1")).to_have_text("Edit task")
    form = page.get_by_test_id("edit-form")
    expect(form.locator('[name="name"]')).to_have_value("Draft")
    # The due date keeps its seconds, so saving unchanged loses nothing.
    expect(form.locator('[name="due_date"]')).to_have_value("2027-03-01T09:30:45")
    expect(form.locator('[name="completed"]')).not_to_be_checked()
    form.locator('[name="note"]').fill("Second & final <draft>")
    form.locator('[name="completed"]').check()
    response = submit(page, "edit-form", name="Final")
    assert response.status == 303
    assert path_of(page) == "/tasks"
    expect(page.get_by_test_id("flash")).to_have_text("The task was saved.")
    item = task_item(page, "Final")
    expect(item).to_have_attribute("data-completed", "true")
    expect(item.get_by_test_id("task-note")).to_have_text("Second & final <draft>")
    task = api_tasks(api, token, person)[0]
    assert (task["name"], task["note"], task["completed"], task["due_date"]) == (
        "Final",
        "Second & final <draft>",
        True,
        "2027-03-01T09:30:45Z",
    )
    page.goto(f"/tasks/{task_id}/edit")
    page.get_by_test_id("edit-form").locator('[name="completed"]').uncheck()
    submit(page, "edit-form", due_date="")
    task = api_tasks(api, token, person)[0]
    assert (task["completed"], task["due_date"]) == (False, None)


def test_invalid_task_input_is_shown_again_and_nothing_is_saved(page, api):
    person = sign_up(page)
    page.goto("/tasks")
    response = submit(page, "add-form", name="   ", note="kept")
    assert response.status == 400
    expect(field_error(page, "add", "name")).to_have_text("This field is required.")
    expect(page.get_by_test_id("add-form").locator('[name="note"]')).to_have_value("kept")
    response = submit(page, "add-form", name="x" * 201, note="n" * 2001)
    assert response.status == 400
    expect(field_error(page, "add", "name")).to_have_text(
        "Must be a string of 1 to 200 characters, not counting surrounding spaces."
    )
    expect(field_error(page, "add", "note")).to_have_text(
        "Must be a string of at most 2000 characters."
    )
    assert api_tasks(api, api_token(api, person), person) == []

    add_task(page, "Keep me")
    follow(page, page.get_by_test_id("edit"))
    response = submit(page, "edit-form", name="")
    assert response.status == 400
    expect(field_error(page, "edit", "name")).to_have_text("This field is required.")
    assert [t["name"] for t in api_tasks(api, api_token(api, person), person)] == ["Keep me"]


def test_another_accounts_task_is_not_found_and_stays_as_it_was(new_context, api):
    owner_page = new_context().new_page()
    owner = sign_up(owner_page)
    add_task(owner_page, "Private")
    token = api_token(api, owner)
    task_id = api_tasks(api, token, owner)[0]["id"]

    page = new_context().new_page()
    sign_up(page)
    response = page.goto(f"/tasks/{task_id}/edit")
    assert response.status == 404
    expect(page.get_by_test_id("error-title")).to_have_text("Page not found")
    # A form of one's own, aimed at the other account's task: 404, and the task is unchanged.
    page.goto("/tasks")
    for action in ("complete", "delete"):
        csrf = hidden_fields(page, "add-form")
        answer = page.request.post(f"/tasks/{task_id}/{action}", form=csrf)
        assert answer.status == 404, action
    assert [(t["name"], t["completed"]) for t in api_tasks(api, token, owner)] == [
        ("Private", False)
    ]


@pytest.mark.parametrize(
    "path", ["/tasks?status=maybe", "/tasks?page=0", "/tasks?page=01", "/tasks?page=abc"]
)
def test_a_task_list_address_that_names_no_page_is_not_found(page, path):
    sign_up(page)
    response = page.goto(path)
    assert response.status == 404
    expect(page.get_by_test_id("error-title")).to_have_text("Page not found")
