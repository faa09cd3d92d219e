"""The site's forms: what a browser posted, checked with the API's own rules and messages
(validation.py) and the few of shared_spec/ui.md's own, into clean values or a message per
field, kept for the template to show again."""

import re
from urllib.parse import urlsplit

from .. import validation
from ..models.meta import timestamp
from ..security import check_password
from ..validation import REQUIRED, WHITESPACE, Invalid

TAKEN = "This username is already taken."
MISMATCH = "The two passwords do not match."
INCORRECT = "The password is incorrect."  # a current_password that is not the account's
DUE_DATE_EXAMPLE = "Must be a date and time such as 2026-12-24T18:00."
# What a datetime-local input sends: minutes, or seconds too (step="1"); read as UTC.
LOCAL_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?")
# Fields whose typed value is never shown again.
PASSWORDS = {"password", "confirm", "current_password"}


class Form:
    """A form as its template shows it: `name` (the {form} of ui.md's element ids), the values
    to show, a message per field in `errors`, one above the fields in `error`; `clean` holds the
    values that passed their rules."""

    def __init__(self, name, values=None):
        self.name = name
        self.values = dict(values or {})
        self.errors = {}
        self.error = None
        self.clean = {}

    @property
    def valid(self):
        return not self.errors and self.error is None

    def check(self, post, field, rule=str, required=True):
        """Read `field` from the posted `post`: "This field is required." when it is empty or
        blank and required, else `rule`'s clean value or its message."""
        text = post.get(field, "")
        if not isinstance(text, str):
            text = ""  # a file sent in a multipart body: no form here takes one
        if field not in PASSWORDS:
            self.values[field] = text
        if required and not text.strip(WHITESPACE):
            self.errors[field] = REQUIRED
            return self
        try:
            self.clean[field] = rule(text)
        except Invalid as error:
            self.errors[field] = str(error)
        return self


def signup_form(post):
    form = Form("signup")
    form.check(post, "username", validation.username).check(post, "email", validation.email)
    form.check(post, "password", validation.password).check(post, "confirm")
    return confirmed(form, post)


def login_form(post):
    form = Form("login", {"next": post.get("next", "")})
    # Any username and password may be tried: a wrong one is the form's error, not a field's.
    return form.check(post, "username").check(post, "password")


def task_form(name, post):
    """The add form, or the edit form (name "edit"), which also has the `completed` checkbox."""
    form = Form(name).check(post, "name", validation.name)
    form.check(post, "note", note, required=False)
    form.check(post, "due_date", due_date, required=False)
    if name == "edit":
        form.values["completed"] = form.clean["completed"] = "completed" in post  # a checkbox
    return form


def edit_form(task):
    """The edit form filled with the task's values, the due date to the second, in UTC."""
    due = "" if task.due_date is None else timestamp(task.due_date)[:19]
    values = {"name": task.name, "note": task.note, "due_date": due, "completed": task.completed}
    return Form("edit", values)


def email_form(post):
    return Form("email").check(post, "email", validation.email)


def password_form(post, account):
    form = Form("password").check(post, "current_password", password_of(account))
    form.check(post, "password", validation.password).check(post, "confirm")
    return confirmed(form, post)


def delete_account_form(post, account):
    return Form("delete-account").check(post, "current_password", password_of(account))


def confirmed(form, post):
    # Compared as typed (ui.md); an empty confirm already has its message.
    if "confirm" not in form.errors and post.get("confirm") != post.get("password"):
        form.errors["confirm"] = MISMATCH
    return form


def password_of(account):
    """The rule of a current_password field: `account`'s own password."""

    def rule(text):
        if not check_password(text, account.password_hash):
            raise Invalid(INCORRECT)
        return text

    return rule


def note(text):
    """A textarea's text: browsers send each line break as CR LF, the task keeps one newline for
    each (as a note sent through the API has them); then the API's rule applies."""
    return validation.note(text.replace("\r\n", "\n"))


def due_date(text):
    """Empty (no due date) or what a datetime-local input sends, read as UTC. The API's rule
    then decides whether it is a real date and time of the years 0001..9999."""
    if text == "":
        return None
    if not LOCAL_DATE_TIME.fullmatch(text):
        raise Invalid(DUE_DATE_EXAMPLE)
    seconds = "" if len(text) == len("2026-12-24T18:00:00") else ":00"
    try:
        return validation.due_date(f"{text}{seconds}Z")
    except Invalid:
        raise Invalid(DUE_DATE_EXAMPLE) from None


def local_path(value, prefix="/"):
    """`value` when it is a path on this site starting with `prefix`, else None: a `next` is
    followed only then (ui.md, Local paths), so no form can send a visitor elsewhere."""
    if not isinstance(value, str):
        return None
    parts = urlsplit(value)
    local = (
        value.startswith(prefix)
        and value[1:2] not in ("/", "\\")
        and "\\" not in value
        and value.isascii()  # what request.path_qs gives is; a Location header must be
        and value.isprintable()  # no control characters
        and not parts.scheme
        and not parts.netloc
    )
    return value if local else None
