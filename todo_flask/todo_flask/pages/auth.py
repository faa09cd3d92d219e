"""Signing up, in and out. A browser session is a row of the tokens table, as an API token is;
Flask's signed session cookie holds its secret, so ending it on the server ends every copy."""

import functools
import unicodedata

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from sqlalchemy.exc import IntegrityError

from ..auth import LOGIN_FAILED, authenticate, hash_password, live_token, new_token
from ..db import begin_write, db, write_transaction
from ..hooks import is_api_path
from ..models import Account
from . import bp
from .forms import USERNAME_TAKEN, LoginForm, SignupForm


@bp.before_app_request
def load_logged_in_user():
    """flaskr's hook: g.user (and g.token) from the session's token, or None, on site paths."""
    if is_api_path(request.path) or request.endpoint == "static":
        return  # the API reads bearer tokens; the stylesheet needs no account
    g.user = g.token = None
    secret = session.get("token")
    if secret is None:
        return
    if getattr(current_app.view_functions.get(request.endpoint), "writes", False):
        # A write_transaction view's first read is this lookup: begin ready to write here.
        begin_write()
    g.token = live_token(secret)  # None once signed out, expired, or revoked by a new password
    if g.token is not None:
        g.user = g.token.account


def login_required(view):
    """flaskr's decorator: a page without a session is the sign-in page, with `next` to come
    back; a form sent without one is the 403 page (the contract asks for this)."""

    @functools.wraps(view)
    def wrapped_view(**kwargs):
        if g.user is None:
            if request.method in ("GET", "HEAD"):
                here = request.full_path if request.query_string else request.path
                return redirect(url_for("pages.login_form", next=here))
            abort(403)
        return view(**kwargs)

    return wrapped_view


def local_path(target, prefix="/"):
    """`target` if it is a path on this site that starts with `prefix`, else None (ui.md)."""
    # One leading / and no second one: no scheme, no host (//host and /\host name another site).
    if (
        not target.startswith(prefix)
        or target[1:2] == "/"
        or "\\" in target
        or any(unicodedata.category(character) == "Cc" for character in target)
    ):
        return None
    return target


def start_session(account):
    """Sign `account` in: a new token and a fresh session holding only its secret."""
    secret, token = new_token(account, current_app.config["TOKEN_TTL_SECONDS"])
    db.session.add(token)
    db.session.commit()
    session.clear()  # nothing the visitor's cookie held before survives (no session fixation)
    session["token"] = secret


@bp.get("/")
def index():
    return redirect(url_for("pages.task_list" if g.user else "pages.login_form"))


@bp.get("/signup")
def signup_form():
    if g.user:
        return redirect(url_for("pages.task_list"))
    return render_template("auth/signup.html", form=SignupForm())


# Not a write_transaction, like the API's register: the INSERTs come after the slow hash.
@bp.post("/signup")
def signup():
    form = SignupForm()
    if form.validate_on_submit():
        account = Account(
            username=form.username.data,
            email=form.email.data,
            password_hash=hash_password(form.password.data),
        )
        db.session.add(account)
        try:
            start_session(account)  # the account and its first token in one commit
        except IntegrityError:  # the unique index decides, as in the API
            db.session.rollback()
            form.username.errors.append(USERNAME_TAKEN)
        else:
            flash("Your account was created.")
            return redirect(url_for("pages.task_list"), 303)
    return render_template("auth/signup.html", form=form), 400


@bp.get("/login")
def login_form():
    if g.user:
        return redirect(url_for("pages.task_list"))
    return render_template("auth/login.html", form=LoginForm(next=request.args.get("next", "")))


@bp.post("/login")
@write_transaction
def login():
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        account = authenticate(form.username.data, form.password.data)
        if account is not None:
            start_session(account)
            flash("You are signed in.")
            return redirect(local_path(form.next.data or "") or url_for("pages.task_list"), 303)
        error = LOGIN_FAILED
    return render_template("auth/login.html", form=form, error=error), 400


@bp.post("/logout")
@write_transaction
@login_required
def logout():
    db.session.delete(g.token)  # every copy of the cookie now opens nothing
    db.session.commit()
    session.clear()
    flash("You are signed out.")
    return redirect(url_for("pages.login_form"), 303)
