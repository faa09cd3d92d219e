"""Account views: register, login, logout, and the account itself."""

from flask import Blueprint, abort, g, url_for
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from werkzeug.routing import BaseConverter

from . import validation
from .auth import check_password, hash_password, issue_token, login_required, unauthorized
from .db import db
from .models import Account, Token
from .validation import clean, json_body

bp = Blueprint("accounts", __name__, url_prefix="/api/v1/accounts")

NEW_ACCOUNT = {
    "username": validation.username,
    "email": validation.email,
    "password": validation.password,
}
CREDENTIALS = {"username": validation.username, "password": validation.password}
ACCOUNT_CHANGES = {"email": validation.email, "password": validation.password}


class AccountNameConverter(BaseConverter):
    """{username} in /accounts/{username}, except `login` and `logout` (reserved usernames).

    Werkzeug tries a path's static rules first but, when their methods do not fit, goes on to
    the dynamic ones: GET /accounts/logout would reach the account view and answer 401 or 403
    instead of the 405 that the contract's routing rule asks for.
    """

    regex = r"(?!log(?:in|out)\Z)[^/]+"


@bp.post("")
def register():
    values = clean(json_body(), NEW_ACCOUNT, required=NEW_ACCOUNT)
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
        abort(409, description="That username is taken.")
    location = url_for("accounts.detail", username=account.username, _external=True)
    return account.to_json(), 201, {"Location": location}


@bp.post("/login")
def login():
    values = clean(json_body(), CREDENTIALS, required=CREDENTIALS)
    account = db.session.scalar(select(Account).where(Account.username == values["username"]))
    if not check_password(account, values["password"]):
        unauthorized("The username or password is incorrect.")  # the same for either mistake
    token, secret = issue_token(account)
    db.session.commit()
    return token.to_json(secret)


@bp.post("/logout")
@login_required
def logout():
    db.session.delete(g.token)
    db.session.commit()
    return "", 204


@bp.get("/<account_name:username>")
@login_required
def detail(username):
    return g.account.to_json()


@bp.patch("/<account_name:username>")
@login_required
def update(username):
    values = clean(json_body(), ACCOUNT_CHANGES)
    if "email" in values:
        g.account.email = values["email"]
    if "password" in values:
        g.account.password_hash = hash_password(values["password"])
        # Whoever knew the old password may hold tokens; only the caller's own one survives.
        db.session.execute(
            delete(Token).where(Token.account_id == g.account.id, Token.id != g.token.id)
        )
    db.session.commit()
    return g.account.to_json()


@bp.delete("/<account_name:username>")
@login_required
def remove(username):
    db.session.delete(g.account)  # the database cascades to its tasks and tokens
    db.session.commit()
    return "", 204
