"""The site's forms: the values typed, read with validation.py's rules and messages, and the
error beside each field (ui.md, Forms and validation). Plain functions: Tornado has no forms."""

import re
from datetime import datetime

from .. import validation
from ..models import timestamp
from ..validation import REQUIRED, WHITESPACE, Invalid

MISMATCH = "The two passwords do not match."
TAKEN = "This username is already taken."
INCORRECT = "The password is incorrect."
# What a datetime-local input sends (with step="1": the seconds), read as UTC.
DUE_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?")


class Form:
    """What a form shows: the values typed (by field) and the error beside each field; a form
    read from a request also has the clean ``values`` of its valid fields."""

    def __init__(self, typed: dict | None = None, errors: dict | None = None):
        self.typed = typed or {}
        self.errors = errors or {}
        self.values = {}


def typed(handler, field: str) -> str:
    """A field of the request's form body as sent ("" when absent)."""
    # request.body_arguments, not get_body_argument(), which turns control characters into
    # spaces: the API's rules (a NUL is refused) see exactly what was typed.
    values = handler.request.body_arguments.get(field)
    return handler.decode_argument(values[-1], name=field) if values else ""


def read(handler, rules: dict, required=()) -> Form:
    """The fields of ``rules`` (field -> rule), each checked by its rule unless it is empty."""
    form = Form({field: typed(handler, field) for field in rules})
    for field, rule in rules.items():
        value = form.typed[field]
        if field in required and not value.strip(WHITESPACE):
            form.errors[field] = REQUIRED
            continue
        try:
            form.values[field] = rule(value)
        except Invalid as error:
            form.errors[field] = str(error)
    return form


def as_typed(value: str) -> str:
    return value


def due_date(value: str) -> datetime | None:
    """Empty (no due date), or a datetime-local value, YYYY-MM-DDTHH:MM[:SS], read as UTC."""
    if value == "":
        return None
    try:
        if DUE_DATE.fullmatch(value):
            return datetime.fromisoformat(value)  # a real date and time, years 1 to 9999
    except ValueError:
        pass
    raise Invalid("Must be a date and time such as 2026-12-24T18:00.")


def note(value: str) -> str:
    """A note's line breaks as typed: LF, not the CR LF a form sends them as (ui.md)."""
    return validation.note(value.replace("\r\n", "\n"))


def check_confirm(form: Form) -> Form:
    # Compared as typed, like the password itself.
    if "confirm" not in form.errors and form.typed["confirm"] != form.typed["password"]:
        form.errors["confirm"] = MISMATCH
    return form


def signup_form(handler) -> Form:
    rules = {
        "username": validation.username,
        "email": validation.email,
        "password": validation.password,
        "confirm": as_typed,
    }
    return check_confirm(read(handler, rules, required=rules))


def login_form(handler) -> Form:
    # Only required here: a name or password that breaks a rule is simply a wrong login.
    rules = {"username": as_typed, "password": as_typed, "next": as_typed}
    return read(handler, rules, required=("username", "password"))


def task_form(handler, with_completed: bool = False) -> Form:
    """The add form (name, note, due_date) or, with_completed, the edit form's checkbox too."""
    rules = {"name": validation.name, "note": note, "due_date": due_date}
    form = read(handler, rules, required=("name",))
    if with_completed:
        completed = "completed" in handler.request.body_arguments  # a checkbox: present is done
        form.typed["completed"] = form.values["completed"] = completed
    return form


def task_form_of(task) -> Form:
    """The edit form filled with a task; its due date keeps its seconds (2026-12-24T18:00:00)."""
    due = timestamp(task.due_date)
    typed_values = {"name": task.name, "note": task.note, "completed": task.completed}
    return Form({**typed_values, "due_date": due.removesuffix("Z") if due else ""})


def email_form(handler) -> Form:
    return read(handler, {"email": validation.email}, required=("email",))


def password_form(handler) -> Form:
    rules = {"current_password": as_typed, "password": validation.password, "confirm": as_typed}
    return check_confirm(read(handler, rules, required=rules))


def delete_account_form(handler) -> Form:
    return read(handler, {"current_password": as_typed}, required=("current_password",))
