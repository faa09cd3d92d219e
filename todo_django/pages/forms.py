"""The site's forms. Every field the API also has is checked by the API's rule for it
(todos.validation), with the API's message; what only a form has is added here: a required field,
the confirmation, the current password, the due date as a datetime-local input sends it."""

import re
from datetime import UTC, datetime

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.forms.boundfield import BoundField

from todos import validation
from todos.models import Account, timestamp
from todos.views.accounts import WRONG_CREDENTIALS

TAKEN = "This username is already taken."
MISMATCH = "The two passwords do not match."
WRONG_PASSWORD = "The password is incorrect."  # noqa: S105 - a message
NOT_A_DUE_DATE = "Must be a date and time such as 2026-12-24T18:00."
# What <input type="datetime-local" step="1"> sends: to the minute, or to the second.
LOCAL_DATE_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?"
)


class FieldWithError(BoundField):
    """A field whose input points at its error message: Django's own aria-describedby names
    `{id}_error`, the contract's markup (ui.md, Fields) `{id}-error`."""

    @property
    def error_id(self):
        return f"{self.auto_id}-error"

    def build_widget_attrs(self, attrs, widget=None):
        if self.errors:
            attrs = {**attrs, "aria-describedby": self.error_id}
        return super().build_widget_attrs(attrs, widget)  # adds aria-invalid="true"


class PageForm:
    """What every form of the site shares: ids `{form}-{field}` (the contract asks for this) and
    no `required` attributes, since the forms are novalidate and the server validates."""

    form_name = None
    bound_field_class = FieldWithError
    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.form_name}-%s")
        super().__init__(*args, **kwargs)


class RuleField(forms.CharField):
    """Text checked by a rule of todos.validation, whose message it shows.

    Not stripped: the rule decides, as in the API (a name is trimmed, a password keeps every
    space). Required means more than the API's whitespace.
    """

    default_error_messages = {"required": validation.REQUIRED}

    def __init__(self, rule=None, **kwargs):
        super().__init__(strip=False, **kwargs)
        self.rule = rule

    def clean(self, value):
        value = self.to_python(value)
        if self.required and not value.strip(validation.WHITESPACE):
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if not value or self.rule is None:
            return value
        try:
            return self.rule(value)
        except validation.Invalid as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class NoteField(RuleField):
    """A note: the CR LF line breaks a form sends are stored as the LF typed (ui.md)."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class DueDateInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(attrs={"step": "1"})

    def format_value(self, value):
        # The contract asks for this: to the second, in UTC, so that editing a task created
        # through the API keeps its time. (A value typed into an invalid form is shown as typed.)
        if isinstance(value, datetime):
            return timestamp(value).removesuffix("Z")
        return value or None


class DueDateField(forms.Field):
    """Empty (no due date), or YYYY-MM-DDTHH:MM[:SS] read as UTC."""

    widget = DueDateInput
    default_error_messages = {"invalid": NOT_A_DUE_DATE}

    def to_python(self, value):
        if not value:
            return None
        match = LOCAL_DATE_TIME.fullmatch(value)
        try:
            if match is None:
                raise ValueError(value)
            return datetime(*(int(part or 0) for part in match.groups()), tzinfo=UTC)
        except ValueError:  # also a 30 February, a 24:00 or the year 0
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class ConfirmedPasswordMixin:
    """`confirm` must repeat `password`, compared as typed."""

    def clean(self):
        cleaned_data = super().clean()
        # The password as typed: one the rule refused is still compared (ui.md).
        password, confirm = self.data.get("password"), cleaned_data.get("confirm")
        if confirm and password != confirm:
            self.add_error("confirm", forms.ValidationError(MISMATCH, code="mismatch"))
        return cleaned_data


class SignupForm(ConfirmedPasswordMixin, PageForm, forms.Form):
    form_name = "signup"
    username = RuleField(validation.username, label="Username")
    email = RuleField(validation.email, label="Email", widget=forms.EmailInput)
    password = RuleField(validation.password, label="Password", widget=forms.PasswordInput)
    confirm = RuleField(label="Confirm password", widget=forms.PasswordInput)

    def clean_username(self):
        username = self.cleaned_data["username"]
        if Account.objects.filter(username=username).exists():
            raise forms.ValidationError(TAKEN, code="taken")
        return username

    def save(self):
        """The new account, stored as POST /api/v1/accounts stores one (the email as typed)."""
        account = Account(username=self.cleaned_data["username"], email=self.cleaned_data["email"])
        account.set_password(self.cleaned_data["password"])
        account.save()
        return account


class SignInForm(PageForm, AuthenticationForm):
    """django.contrib.auth's form (authenticate(), the inactive check), with the API's message
    for a failed sign-in, shown above the fields (a non-field error)."""

    form_name = "login"
    username = RuleField(label="Username")
    password = RuleField(label="Password", widget=forms.PasswordInput)
    error_messages = {**AuthenticationForm.error_messages, "invalid_login": WRONG_CREDENTIALS}


class TaskForm(PageForm, forms.Form):
    form_name = "add"
    name = RuleField(validation.name, label="Task")
    # rows: a browser's default height, as the other three (Django's Textarea says rows="10").
    note = NoteField(
        validation.note, label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_date = DueDateField(label="Due (UTC)", required=False)


class TaskEditForm(TaskForm):
    form_name = "edit"
    completed = forms.BooleanField(label="Done", required=False)


class EmailForm(PageForm, forms.Form):
    form_name = "email"
    email = RuleField(validation.email, label="Email", widget=forms.EmailInput)


class CurrentPasswordForm(PageForm, forms.Form):
    """A form of the account page that asks for the account's password first."""

    current_password = RuleField(label="Current password", widget=forms.PasswordInput)

    def __init__(self, account, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def clean_current_password(self):
        password = self.cleaned_data["current_password"]
        if not self.account.check_password(password):
            raise forms.ValidationError(WRONG_PASSWORD, code="incorrect")
        return password


class PasswordForm(ConfirmedPasswordMixin, CurrentPasswordForm):
    form_name = "password"
    password = RuleField(validation.password, label="New password", widget=forms.PasswordInput)
    confirm = RuleField(label="Confirm new password", widget=forms.PasswordInput)


class DeleteAccountForm(CurrentPasswordForm):
    form_name = "delete-account"
