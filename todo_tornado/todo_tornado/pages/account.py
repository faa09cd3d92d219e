"""The account page and its three forms: change the email, change the password, delete."""

import tornado.web
from tornado.ioloop import IOLoop
from tornado.web import HTTPError

from .. import auth
from ..handlers.accounts import change_account, delete_account
from ..models import count_tasks
from . import forms
from .base import PageHandler

# The page's forms by name (the prefix of their fields' ids), in the order they are shown.
ACCOUNT_FORMS = ("email", "password", "delete-account")


class AccountPageHandler(PageHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

    @tornado.web.authenticated
    async def get(self):
        await show_account(self)

    head = get


class AccountFormHandler(PageHandler):
    """The account page's forms: each posts to its own address and comes back to the page."""

    SUPPORTED_METHODS = ("POST",)

    async def save(self, values: dict):
        changed = await self.run_in_session(
            change_account, self.current_user.id, self.current_token.id, values, write=True
        )
        if changed is None:  # the account was deleted since prepare() found the session
            raise HTTPError(403)


class EmailChangeHandler(AccountFormHandler):
    @tornado.web.authenticated
    async def post(self):
        form = forms.email_form(self)
        if form.errors:
            await show_account(self, "email", form)
            return
        await self.save(form.values)
        self.redirect_with_flash(self.reverse_url("account_page"), "Your email was changed.")


class PasswordChangeHandler(AccountFormHandler):
    @tornado.web.authenticated
    async def post(self):
        form = forms.password_form(self)
        await check_current_password(self, form)
        if form.errors:
            await show_account(self, "password", form)
            return
        password_hash = await IOLoop.current().run_in_executor(
            None, auth.hash_password, form.values["password"]
        )
        # As the API's PATCH: every other token of the account (sessions and API tokens alike)
        # is deleted; this session's stays.
        await self.save({"password_hash": password_hash})
        self.redirect_with_flash(
            self.reverse_url("account_page"),
            "Your password was changed. Your other sessions and API tokens were signed out.",
        )


class AccountDeleteHandler(AccountFormHandler):
    @tornado.web.authenticated
    async def post(self):
        form = forms.delete_account_form(self)
        await check_current_password(self, form)
        if form.errors:
            await show_account(self, "delete-account", form)
            return
        # Its tasks and tokens, this session's too, go with it (ON DELETE CASCADE).
        await self.run_in_session(delete_account, self.current_user.id, write=True)
        self.forget_session()
        self.redirect_with_flash(self.reverse_url("signin"), "Your account was deleted.")


async def show_account(handler: PageHandler, invalid: str | None = None, form=None):
    """The account page; with the name of a form that has errors, the page again (400), that
    form showing what was typed and its errors, the others empty."""
    task_count = await handler.run_in_session(count_tasks, handler.current_user)
    shown = {name: forms.Form() for name in ACCOUNT_FORMS}
    if invalid is not None:
        shown[invalid] = form
        handler.set_status(400)
    handler.render("account.html", task_count=task_count, forms=shown)


async def check_current_password(handler: PageHandler, form: forms.Form):
    """The form's current_password must be the account's (bcrypt, off the IOLoop)."""
    if "current_password" in form.errors:
        return
    matches = await IOLoop.current().run_in_executor(
        None,
        auth.check_password,
        form.values["current_password"],
        handler.current_user.password_hash,
    )
    if not matches:
        form.errors["current_password"] = forms.INCORRECT
