"""The site's forms (Flask-WTF): each field is checked by the API's own rule in validation.py,
with its message, plus what only a form needs (required, confirm, the current password)."""

import re
from datetime import datetime

from flask import g
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    StringField,
    TextAreaField,
)
from wtforms.validators import EqualTo, StopValidation
from wtforms.widgets import DateTimeLocalInput

from .. import validation
from ..auth import check_password
from ..models import timestamp

USERNAME_TAKEN = "This username is already taken."
PASSWORDS_DIFFER = "The two passwords do not match."
WRONG_PASSWORD = "The password is incorrect."  # noqa: S105 (a message)
DUE_DATE_FORMAT = "Must be a date and time such as 2026-12-24T18:00."
# What a datetime-local input sends (seconds with step="1"), read as UTC.
LOCAL_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?")


class Required:
    """Empty or only whitespace (the API's whitespace): "This field is required."."""

    def __call__(self, form, field):
        if not (field.data or "").strip(validation.WHITESPACE):
            raise StopValidation(validation.REQUIRED)


class Rule:
    """One of validation.py's field rules as a validator: its message, and its clean value
    (a task's name trimmed) as the field's data."""

    def __init__(self, rule):
        self.rule = rule

    def __call__(self, form, field):
        try:
            field.data = self.rule(field.data)
        except validation.Invalid as error:
            raise StopValidation(str(error)) from None


class CurrentPassword:
    """The signed-in account's password (g.user, set by auth.load_logged_in_user)."""

    def __call__(self, form, field):
        if not check_password(field.data, g.user.password_hash):
            raise StopValidation(WRONG_PASSWORD)


class DueDateField(StringField):
    """A datetime-local input read as UTC; empty is no due date. Shown to the second, so that
    editing a task made through the API keeps its time."""

    widget = DateTimeLocalInput()

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = valuelist[0]
        if text == "":
            self.data = None
            return
        try:
            if not LOCAL_DATE_TIME.fullmatch(text):
                raise ValueError(text)
            self.data = datetime.fromisoformat(text)  # year 0, 02-30 and 24:00 raise too
        except ValueError:
            raise ValueError(DUE_DATE_FORMAT) from None  # WTForms shows it beside the field

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]  # as typed
        return timestamp(self.data).removesuffix("Z") if self.data else ""


def typed_line_breaks(text):
    """A note's line breaks as typed: LF, not the CR LF a form sends them as (ui.md)."""
    return text.replace("\r\n", "\n") if text else text


class SignupForm(FlaskForm):
    # "This username is already taken." is the database's answer (pages.auth.signup).
    username = StringField("Username", [Required(), Rule(validation.username)])
    email = EmailField("Email", [Required(), Rule(validation.email)])
    password = PasswordField("Password", [Required(), Rule(validation.password)])
    confirm = PasswordField("Confirm password", [Required(), EqualTo("password", PASSWORDS_DIFFER)])


class LoginForm(FlaskForm):
    username = StringField("Username", [Required()])
    password = PasswordField("Password", [Required()])
    next = HiddenField()


class TaskForm(FlaskForm):
    name = StringField("Task", [Required(), Rule(validation.name)])
    note = TextAreaField("Note", [Rule(validation.note)], filters=[typed_line_breaks], default="")
    due_date = DueDateField("Due (UTC)", render_kw={"step": "1"})


class EditTaskForm(TaskForm):
    completed = BooleanField("Done")


class EmailForm(FlaskForm):
    email = EmailField("Email", [Required(), Rule(validation.email)])


class PasswordForm(FlaskForm):
    current_password = PasswordField("Current password", [Required(), CurrentPassword()])
    password = PasswordField("New password", [Required(), Rule(validation.password)])
    confirm = PasswordField(
        "Confirm new password", [Required(), EqualTo("password", PASSWORDS_DIFFER)]
    )


class DeleteAccountForm(FlaskForm):
    current_password = PasswordField("Current password", [Required(), CurrentPassword()])
