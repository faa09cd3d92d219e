"""Who is calling: passwords, bearer tokens and the login_required decorator."""

import functools
import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import abort, current_app, g, request
from sqlalchemy import select
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.security import check_password_hash, generate_password_hash

from .db import db
from .models import Token, utc_now


def hash_password(password):
    # Werkzeug's default method (scrypt) is salted, slow, and takes every character into account.
    return generate_password_hash(password)


def check_password(account, password):
    """True when `password` is the account's; as slow for an unknown account as for a known one."""
    if account is None:
        check_password_hash(unknown_account_hash(), password)
        return False
    return check_password_hash(account.password_hash, password)


@functools.cache
def unknown_account_hash():
    return generate_password_hash(secrets.token_urlsafe(32))


def token_digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(account):
    """A new token for `account`; the secret is returned once and only its digest is stored."""
    secret = secrets.token_urlsafe(32)
    lifetime = timedelta(seconds=current_app.config["TOKEN_TTL_SECONDS"])
    token = Token(account=account, digest=token_digest(secret), expires_at=utc_now() + lifetime)
    db.session.add(token)
    return token, secret


def login_required(view):
    """Put the caller's token and account on `g`: 401 without a live bearer token, 403 when the
    route's {username} is someone else (existing or not, so accounts cannot be enumerated)."""

    @functools.wraps(view)
    def wrapped_view(**kwargs):
        g.token = presented_token()
        g.account = g.token.account
        if "username" in kwargs and kwargs["username"] != g.account.username:
            abort(403, description="This token does not give access to that account.")
        return view(**kwargs)

    return wrapped_view


def presented_token():
    """The stored Token for the request's `Authorization: Bearer ...` header, if it is live."""
    authorization = request.authorization  # Werkzeug lowercases the scheme
    if authorization is None or authorization.type != "bearer" or not authorization.token:
        unauthorized()
    digest = token_digest(authorization.token)
    token = db.session.scalar(select(Token).where(Token.digest == digest))
    if token is None or not hmac.compare_digest(token.digest, digest):
        unauthorized()
    if token.expires_at <= utc_now():
        unauthorized()
    return token


def unauthorized(detail="The bearer token is missing, invalid or expired."):
    abort(
        401,
        description=detail,
        www_authenticate=WWWAuthenticate("bearer", {"realm": "api"}),
    )
