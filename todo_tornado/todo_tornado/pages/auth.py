"""The home redirect, sign-up, sign-in and sign-out (AuthCreate/Login/Logout, as demos/blog
names them)."""

import tornado.web
from sqlalchemy import select

from .. import auth
from ..handlers.accounts import authenticate, register
from ..models import Account
from . import forms
from .base import PageHandler, local_path


class HomeHandler(PageHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

    def get(self):
        self.redirect(self.reverse_url("task_list" if self.current_user else "signin"))

    head = get


class AuthCreateHandler(PageHandler):
    """Sign up: the account, then a session for it."""

    SUPPORTED_METHODS = ("GET", "HEAD", "POST")

    def get(self):
        if self.current_user:
            self.redirect(self.reverse_url("task_list"))
            return
        self.render("signup.html", form=forms.Form())

    head = get

    async def post(self):
        form = forms.signup_form(self)
        username = form.values.get("username")
        if username is not None and await self.run_in_session(username_taken, username):
            form.errors["username"] = forms.TAKEN
        if form.errors:
            self.render_invalid("signup.html", form=form)
            return
        account = await register(self, username, form.values["email"], form.values["password"])
        if account is None:  # taken since the check: the unique index decides
            form.errors["username"] = forms.TAKEN
            self.render_invalid("signup.html", form=form)
            return
        await self.start_session(account)
        self.redirect_with_flash(self.reverse_url("task_list"), "Your account was created.")


class AuthLoginHandler(PageHandler):
    """Sign in (the login_url setting): a new session, then the page asked for (next)."""

    SUPPORTED_METHODS = ("GET", "HEAD", "POST")

    def get(self):
        if self.current_user:
            self.redirect(self.reverse_url("task_list"))
            return
        # @tornado.web.authenticated sends here with ?next=<the page asked for>.
        next_url = self.get_query_argument("next", "", strip=False)
        self.render("login.html", form=forms.Form({"next": next_url}), wrong_login=None)

    head = get

    async def post(self):
        form = forms.login_form(self)
        if form.errors:
            self.render_invalid("login.html", form=form, wrong_login=None)
            return
        account = await authenticate(self, form.values["username"], form.values["password"])
        if account is None or not await self.start_session(account):
            self.render_invalid("login.html", form=form, wrong_login=auth.WRONG_LOGIN)
            return
        next_url = local_path(form.values["next"]) or self.reverse_url("task_list")
        self.redirect_with_flash(next_url, "You are signed in.")


class AuthLogoutHandler(PageHandler):
    SUPPORTED_METHODS = ("POST",)  # GET /logout is the 405 page

    @tornado.web.authenticated
    async def post(self):
        await self.end_session()
        self.redirect_with_flash(self.reverse_url("signin"), "You are signed out.")


def username_taken(session, username: str) -> bool:
    return session.scalar(select(Account.id).where(Account.username == username)) is not None
