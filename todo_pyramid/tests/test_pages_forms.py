"""The site's form rules (pages/forms.py): ui.md's own, over the API's (validation.py)."""

from datetime import UTC, datetime

import pytest

from todo_pyramid.pages.forms import local_path, login_form, signup_form, task_form


@pytest.mark.parametrize(
    "value", ["/tasks", "/tasks?status=done&page=2", "/account", "/a:b", "/%2F%2Fevil"]
)
def test_a_local_path_is_followed(value):
    assert local_path(value) == value


@pytest.mark.parametrize(
    "value",
    ["", "tasks", "https://evil.example/", "//evil.example/", "/\\evil.example", "/a\\b",
     "javascript:alert(1)", "/tasks\r\nSet-Cookie: x=1", "/tasks\x00", "/t\u00e2ches", None],
)  # fmt: skip
def test_anything_else_is_not(value):
    assert local_path(value) is None


def test_a_task_actions_next_stays_on_the_task_list():
    assert local_path("/tasks?page=2", prefix="/tasks") == "/tasks?page=2"
    assert local_path("/account", prefix="/tasks") is None


@pytest.mark.parametrize(
    ("typed", "due"),
    [("", None), ("2026-12-24T18:00", datetime(2026, 12, 24, 18, tzinfo=UTC)),
     ("2026-12-24T18:00:05", datetime(2026, 12, 24, 18, 0, 5, tzinfo=UTC)),
     ("0001-01-01T00:00", datetime(1, 1, 1, tzinfo=UTC))],
)  # fmt: skip
def test_a_due_date_is_read_as_utc(typed, due):
    form = task_form("add", {"name": "x", "due_date": typed})
    assert form.clean["due_date"] == due


@pytest.mark.parametrize(
    "typed",
    ["2026-12-24", "2026-12-24 18:00", "2026-12-24T18:00Z", "2026-12-24t18:00", "2026-02-30T10:00",
     "2026-12-24T24:00", "2026-12-24T18:00:00.5", " 2026-12-24T18:00", "\uff12026-12-24T18:00"],
)  # fmt: skip
def test_anything_else_is_not_a_due_date(typed):
    form = task_form("add", {"name": "x", "due_date": typed})
    assert form.errors == {"due_date": "Must be a date and time such as 2026-12-24T18:00."}


def test_the_edit_forms_checkbox_is_done_when_present():
    assert task_form("edit", {"name": "x", "completed": "on"}).clean["completed"] is True
    assert task_form("edit", {"name": "x"}).clean["completed"] is False
    assert "completed" not in task_form("add", {"name": "x", "completed": "on"}).clean


def test_passwords_are_never_kept_to_show_again():
    form = signup_form({"username": "ada", "password": "secret pass", "confirm": "x"})
    assert "password" not in form.values and "confirm" not in form.values
    assert form.values["username"] == "ada"


def test_passwords_are_compared_as_typed():
    typed = {"username": "ada", "email": "a@b", "password": "12345678 ", "confirm": "12345678"}
    form = signup_form(typed)
    assert form.errors == {"confirm": "The two passwords do not match."}


def test_sign_in_checks_only_that_something_was_typed():
    assert login_form({"username": "a b", "password": "x"}).valid
    assert login_form({"username": "\u3000", "password": ""}).errors == {
        "username": "This field is required.",
        "password": "This field is required.",
    }


def test_a_notes_line_breaks_are_kept_as_newlines():
    form = task_form("add", {"name": "x", "note": "one\r\ntwo\nthree"})
    assert form.clean["note"] == "one\ntwo\nthree"
