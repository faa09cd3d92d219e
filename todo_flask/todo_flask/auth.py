"""Who is calling: passwords, bearer tokens and the login_required decorator."""

import functools
import hashlib
import re
import secrets
from datetime import timedelta

from flask import abort, g, request
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from .db import db
from .models import Account, Token, lock_account, utc_now
from .validation import USERNAME

# RFC 9110's credentials for the Bearer scheme (RFC 6750's token68), after surrounding spaces
# and tabs are stripped: one credential, so two headers (joined with ",") or two credentials
# fail to match.
BEARER = re.compile(r"bearer[ \t]+([A-Za-z0-9._~+/-]+=*)", re.IGNORECASE)
# The contract's three reasons for a 401 (shared_spec/README.md, Authentication).
MISSING_CREDENTIALS = "No bearer token was sent: add the header Authorization: Bearer <token>."
MALFORMED_HEADER = "The Authorization header must be Bearer followed by one token."
REJECTED_CREDENTIALS = "The bearer token is invalid or expired: log in again for a new one."
# A failed login, the same for either mistake (the API's 401 and the site's sign-in form).
LOGIN_FAILED = "The username or password is incorrect."
# The contract's 403 (shared_spec/README.md, Errors).
NOT_YOURS = "The token does not give access to this account."
# Every 401's challenge, exactly as the contract writes it. Werkzeug's WWWAuthenticate("bearer",
# {"realm": "api"}) would send realm=api: it quotes a parameter only when it must.
CHALLENGE = 'Bearer realm="api"'


def hash_password(password):
    # Werkzeug's default method (scrypt) is salted, slow, and takes every character into account.
    return generate_password_hash(password)


def check_password(password, password_hash):
    return check_password_hash(password_hash, password)


def token_digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token(account, ttl_seconds):
    """(secret, Token): the secret is shown once; the Token row keeps only its digest."""
    secret = secrets.token_urlsafe(32)
    expires_at = utc_now() + timedelta(seconds=ttl_seconds)
    return secret, Token(account=account, digest=token_digest(secret), expires_at=expires_at)


def authenticate(username, password):
    """The account these credentials open, locked until the transaction ends, or None."""
    # Locked like the account of every write view (see live_token): an account deleted
    # meanwhile is an unknown user, not a token row its foreign key refuses.
    account = None
    if USERNAME.fullmatch(username):  # the site's sign-in form takes any text
        account = db.session.scalar(
            select(Account).where(Account.username == username).with_for_update()
        )
    if account is None:
        # As slow as a wrong password, so the response time does not reveal usernames.
        hash_password(password)
        return None
    return account if check_password(password, account.password_hash) else None


def change_password(account, password, kept_token):
    """Set a new password; every token of the account but `kept_token` is revoked."""
    account.password_hash = hash_password(password)
    # Whoever knew the old password may hold tokens (or browser sessions, which are tokens too);
    # the contract asks that only the caller's own one survives.
    db.session.execute(
        delete(Token).where(Token.account_id == account.id, Token.id != kept_token.id)
    )


def credentials_detail(authorization):
    """The 401's detail for an Authorization header bearer_secret() found no token in."""
    return MISSING_CREDENTIALS if not (authorization or "").strip(" \t") else MALFORMED_HEADER


def bearer_secret(authorization):
    """The secret of an `Authorization: Bearer <token>` header value, or None."""
    # Not Werkzeug's request.authorization: it splits the scheme off at a space only, where
    # the contract asks for spaces or tabs.
    match = BEARER.fullmatch((authorization or "").strip(" \t"))
    return match[1] if match else None


def login_required(view):
    """Put the caller's token and account on `g`: 401 without a live bearer token, 403 when the
    route's {username} is someone else (existing or not, so accounts cannot be enumerated)."""

    @functools.wraps(view)
    def wrapped_view(**kwargs):
        g.token = presented_token()
        g.account = g.token.account
        # The contract asks for this: 403 whether {username} exists or not, never 404.
        if "username" in kwargs and kwargs["username"] != g.account.username:
            abort(403, description=NOT_YOURS)
        return view(**kwargs)

    return wrapped_view


def presented_token():
    """The stored Token for the request's `Authorization: Bearer ...` header, if it is live."""
    authorization = request.headers.get("Authorization")
    secret = bearer_secret(authorization)
    if secret is None:
        unauthorized(credentials_detail(authorization))
    token = live_token(secret)
    if token is None:
        unauthorized(REJECTED_CREDENTIALS)
    return token


def live_token(secret):
    """The stored Token (with its account) whose secret this is, or None if unknown or expired.

    The API's bearer tokens and the site's browser sessions are both looked up here.
    """
    digest = token_digest(secret)
    if g.get("writes"):
        # The contract asks for this (no race may end in a 500 or half a change): a write view
        # first locks the account whose token it presents. A request deleting that account or
        # revoking the token has then committed (the lookup below finds nothing: 401), or
        # waits until this one has.
        lock_account(select(Token.account_id).where(Token.digest == digest).scalar_subquery())
    # Looked up by its SHA-256 digest: the secret never meets a stored value in a comparison,
    # and a timing difference on a digest reveals nothing about a secret, so no compare_digest
    # is needed.
    token = db.session.scalar(
        select(Token)
        .options(joinedload(Token.account, innerjoin=True))  # one statement: no gap to race
        .where(Token.digest == digest)
    )
    if token is None or token.expires_at <= utc_now():
        return None
    return token


def unauthorized(detail):
    # Unauthorized sends str() of each value it is given, so the header text can be given as is.
    abort(401, description=detail, www_authenticate=[CHALLENGE])
