"""Signing up, in and out: a browser session is a token of the tokens table, as an API login
is, whose secret the signed session cookie keeps (security.py's remember and forget)."""

from pyramid.httpexceptions import HTTPFound, HTTPSeeOther
from pyramid.security import forget, remember
from pyramid.view import view_config

from ..models import Account, add_unique, delete_row
from ..security import WRONG_CREDENTIALS, authenticate, issue_token
from .forms import TAKEN, Form, local_path, login_form, signup_form

SIGNUP = "todo_pyramid:templates/signup.jinja2"
LOGIN = "todo_pyramid:templates/login.jinja2"


def sign_in(request, account):
    """A new browser session for `account`: a new token, in a session emptied first."""
    secret, _ = issue_token(request, account)
    remember(request, account.username, token=secret)


@view_config(route_name="pages.home", request_method="GET")
def home(request):
    signed_in = request.identity is not None
    return HTTPFound(request.route_url("pages.tasks" if signed_in else "pages.login"))


@view_config(route_name="pages.signup", request_method="GET", renderer=SIGNUP)
def signup_page(request):
    if request.identity is not None:
        return HTTPFound(request.route_url("pages.tasks"))
    return {"form": Form("signup")}


@view_config(route_name="pages.signup", request_method="POST", renderer=SIGNUP)
def signup(request):
    form = signup_form(request.POST)
    if form.valid:
        # Hash before the first query: a write request holds SQLite's write lock from then on.
        password_hash = request.hash_password(form.clean["password"])
        account = Account(
            username=form.clean["username"], email=form.clean["email"], password_hash=password_hash
        )
        # The unique index decides, as in the API's registration.
        if add_unique(request.dbsession, account):
            sign_in(request, account)
            request.session.flash("Your account was created.")
            return HTTPSeeOther(request.route_url("pages.tasks"))
        form.errors["username"] = TAKEN
    request.response.status_code = 400
    return {"form": form}


@view_config(route_name="pages.login", request_method="GET", renderer=LOGIN)
def login_page(request):
    if request.identity is not None:
        return HTTPFound(request.route_url("pages.tasks"))
    return {"form": Form("login", {"next": request.GET.get("next", "")})}


@view_config(route_name="pages.login", request_method="POST", renderer=LOGIN)
def login(request):
    form = login_form(request.POST)
    if form.valid:
        account = authenticate(request, form.clean["username"], form.clean["password"])
        if account is not None:
            sign_in(request, account)
            request.session.flash("You are signed in.")
            next_path = local_path(form.values["next"])
            return HTTPSeeOther(next_path or request.route_url("pages.tasks"))
        form.error = WRONG_CREDENTIALS
    request.response.status_code = 400
    return {"form": form}


@view_config(route_name="pages.logout", request_method="POST", permission="logout")
def logout(request):
    # The token row goes: a copy of the cookie taken before opens nothing afterwards.
    delete_row(request.dbsession, request.identity.token)
    forget(request)
    request.session.flash("You are signed out.")
    return HTTPSeeOther(request.route_url("pages.login"))
