"""Account views: register, login, logout, and the account itself."""

from flask import Blueprint, abort, current_app, g, url_for
from sqlalchemy.exc import IntegrityError
from werkzeug.routing import BaseConverter

from .auth import (
    LOGIN_FAILED,
    authenticate,
    change_password,
    hash_password,
    login_required,
    new_token,
    unauthorized,
)
from .db import db, write_transaction
from .models import Account, count_tasks
from .validation import ACCOUNT_CHANGE, ACCOUNT_NEW, LOGIN, clean, json_body

bp = Blueprint("accounts", __name__, url_prefix="/api/v1/accounts")


class AccountNameConverter(BaseConverter):
    """{username} in /accounts/{username}, except `login` and `logout` (reserved usernames).

    Werkzeug tries a path's static rules first but, when their methods do not fit, goes on to
    the dynamic ones: GET /accounts/logout would reach the account view and answer 401 or 403
    instead of the 405 that the contract's routing rule asks for.
    """

    regex = r"(?!log(?:in|out)\Z)[^/]+"


# Not a write_transaction: its one statement is the INSERT, made after the slow hash.
@bp.post("")
def register():
    values = clean(json_body(), ACCOUNT_NEW, required=ACCOUNT_NEW)
    account = Account(
        username=values["username"],
        email=values["email"],
        password_hash=hash_password(values["password"]),
    )
    db.session.add(account)
    try:
        db.session.commit()
    except IntegrityError:
        # The unique index decides: two registrations racing for one name get one 201, one 409.
        db.session.rollback()
        abort(409, description="The username is already taken.")
    location = url_for("accounts.detail", username=account.username, _external=True)
    return account.to_json(task_count=0), 201, {"Location": location}


@bp.post("/login")
@write_transaction
def login():
    values = clean(json_body(), LOGIN, required=LOGIN)
    account = authenticate(values["username"], values["password"])
    if account is None:
        unauthorized(LOGIN_FAILED)  # the same for either mistake
    secret, token = new_token(account, current_app.config["TOKEN_TTL_SECONDS"])
    db.session.add(token)
    db.session.commit()
    return token.to_json(secret)


@bp.post("/logout")
@write_transaction
@login_required
def logout():
    db.session.delete(g.token)
    db.session.commit()
    return "", 204


@bp.get("/<account_name:username>")
@login_required
def detail(username):
    return g.account.to_json(count_tasks(g.account))


@bp.patch("/<account_name:username>")
@write_transaction
@login_required
def update(username):
    values = clean(json_body(), ACCOUNT_CHANGE)
    if "email" in values:
        g.account.email = values["email"]
    if "password" in values:
        change_password(g.account, values["password"], kept_token=g.token)
    db.session.commit()
    return g.account.to_json(count_tasks(g.account))


@bp.delete("/<account_name:username>")
@write_transaction
@login_required
def remove(username):
    db.session.delete(g.account)  # the database cascades to its tasks and tokens
    db.session.commit()
    return "", 204
