"""The site's forms (pages/forms.py): the API's rules and messages, and the due date's."""

from datetime import datetime

import pytest
from werkzeug.datastructures import MultiDict

from todo_flask.pages.forms import SignupForm, TaskForm

DUE_DATE_FORMAT = "Must be a date and time such as 2026-12-24T18:00."


def task_form(app, **fields):
    with app.test_request_context(method="POST", data=MultiDict({"name": "x", **fields})):
        form = TaskForm(meta={"csrf": False})  # CSRFProtect checks the request, not the form
        form.validate()
        return form


@pytest.mark.parametrize(
    ("typed", "due_date"),
    [
        ("", None),
        ("2026-12-24T18:00", datetime(2026, 12, 24, 18, 0)),
        ("2026-12-24T18:00:59", datetime(2026, 12, 24, 18, 0, 59)),
        ("0001-01-01T00:00", datetime(1, 1, 1)),
        ("9999-12-31T23:59:59", datetime(9999, 12, 31, 23, 59, 59)),
    ],
)
def test_a_due_date_is_read_as_utc(app, typed, due_date):
    form = task_form(app, due_date=typed)
    assert form.errors == {}
    assert form.due_date.data == due_date


@pytest.mark.parametrize(
    "typed",
    [
        "0000-01-01T00:00",
        "2026-02-30T00:00",
        "2026-12-24T24:00",
        "2026-12-24 18:00",
        "2026-12-24t18:00",
        "2026-12-24T18:00Z",
        "2026-12-24T18:00:00.5",
        "2026-1-24T18:00",
        "\uff12\uff10\uff12\uff16-12-24T18:00",  # fullwidth digits
        " ",
    ],
)
def test_anything_else_is_not_a_due_date(app, typed):
    assert task_form(app, due_date=typed).errors == {"due_date": [DUE_DATE_FORMAT]}


def test_a_name_is_trimmed_as_in_the_api(app):
    assert task_form(app, name="\u3000 Buy milk \ufeff").name.data == "Buy milk"


def test_a_password_is_checked_for_length_only_and_compared_as_typed(app):
    data = MultiDict(
        {"username": "cleo", "email": "c@x", "password": " 12345678", "confirm": "12345678"}
    )
    with app.test_request_context(method="POST", data=data):
        form = SignupForm(meta={"csrf": False})
        assert not form.validate()
        assert form.errors == {"confirm": ["The two passwords do not match."]}
