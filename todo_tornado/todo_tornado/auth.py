"""Passwords (bcrypt, as Tornado's blog demo uses) and bearer tokens: who is the caller?"""

import base64
import functools
import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

import bcrypt
from sqlalchemy import select

from .models import Account, Token

# RFC 6750's b64token: what a well-formed bearer credential may contain.
TOKEN_SYNTAX = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
# A scheme, one or more spaces or tabs, one credential (HTTP's whitespace is spaces and tabs).
CREDENTIALS = re.compile(r"([^ \t]+)[ \t]+([^ \t]+)")
# The contract's three reasons for a 401 (shared_spec/README.md, Authentication).
MISSING_CREDENTIALS = "No bearer token was sent: add the header Authorization: Bearer <token>."
MALFORMED_HEADER = "The Authorization header must be Bearer followed by one token."
REJECTED_CREDENTIALS = "The bearer token is invalid or expired: log in again for a new one."
# A login's failure, in the API (401) and on the site's sign-in page alike.
WRONG_LOGIN = "The username or password is incorrect."


def _prehashed(password: str) -> bytes:
    # bcrypt reads only the first 72 bytes; hashing with SHA-256 first (base64, so no NUL bytes)
    # makes every character of a 128-character password count.
    return base64.b64encode(hashlib.sha256(password.encode()).digest())


def hash_password(password: str) -> str:
    """Slow on purpose (bcrypt's default cost): handlers run it on the IOLoop's executor."""
    return bcrypt.hashpw(_prehashed(password), bcrypt.gensalt()).decode()


def check_password(password: str, password_hash: str | None) -> bool:
    """False for an unknown account (None), after the same bcrypt work as a wrong password."""
    if password_hash is None:
        bcrypt.checkpw(_prehashed(password), _unknown_account_hash().encode())
        return False
    return bcrypt.checkpw(_prehashed(password), password_hash.encode())


@functools.cache
def _unknown_account_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def _now():
    # Full precision here (unlike the shown timestamps), so a token lives its whole TTL.
    return datetime.now(UTC).replace(tzinfo=None)


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token(account: Account, ttl_seconds: int) -> tuple[str, Token]:
    """A fresh secret for the client and the Token row that stores only its digest."""
    secret = secrets.token_urlsafe(32)
    expires_at = _now() + timedelta(seconds=ttl_seconds)
    return secret, Token(account_id=account.id, digest=token_digest(secret), expires_at=expires_at)


def bearer_secret(authorization: str | None) -> str | None:
    """The credential of an ``Authorization: Bearer <token>`` header, or None."""
    match = CREDENTIALS.fullmatch((authorization or "").strip(" \t"))
    if match is None or match[1].lower() != "bearer" or not TOKEN_SYNTAX.fullmatch(match[2]):
        return None
    return match[2]


def credentials_detail(authorization: list[str]) -> str:
    """Why a request has no caller: the 401's detail for its Authorization headers (all of
    them: several are no credential at all)."""
    if not authorization or (len(authorization) == 1 and not authorization[0].strip(" \t")):
        return MISSING_CREDENTIALS
    if len(authorization) > 1 or bearer_secret(authorization[0]) is None:
        return MALFORMED_HEADER
    return REJECTED_CREDENTIALS


def find_caller(session, secret: str) -> tuple[Account, Token] | None:
    """The account and token a secret belongs to, if unexpired (a query: run it off the loop)."""
    # Looked up by its SHA-256 digest: the secret never meets a stored value in a comparison,
    # and a timing difference on a digest reveals nothing about a secret, so no compare_digest
    # is needed.
    row = session.execute(
        select(Account, Token)
        .join(Token, Token.account_id == Account.id)
        .where(Token.digest == token_digest(secret), Token.expires_at > _now())
    ).first()
    return None if row is None else (row.Account, row.Token)
