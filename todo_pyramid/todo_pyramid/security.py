"""Who is calling: passwords, tokens, and a Pyramid 2 security policy that reads them: the bearer
token on the API's paths, the browser session's token on the site's."""

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import bcrypt
from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.request import RequestLocalCache
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .models import Account, Token, flush
from .resources import owner_principal
from .routes import is_api

# The scheme in any case, one or more spaces or tabs (HTTP's whitespace), one RFC 6750 token.
BEARER = re.compile(r"bearer[ \t]+([A-Za-z0-9._~+/-]+=*)", re.IGNORECASE | re.ASCII)
# The contract's three reasons for a 401 (shared_spec/README.md, Authentication).
MISSING_CREDENTIALS = "No bearer token was sent: add the header Authorization: Bearer <token>."
MALFORMED_HEADER = "The Authorization header must be Bearer followed by one token."
REJECTED_CREDENTIALS = "The bearer token is invalid or expired: log in again for a new one."
# A login's failure, whichever half was wrong (the API's 401 and the sign-in page alike).
WRONG_CREDENTIALS = "The username or password is incorrect."
# Every 401's WWW-Authenticate, exactly: the contract asks for this (Authentication).
CHALLENGE = 'Bearer realm="api"'
# The key under which a browser session keeps its token (the raw secret) in the signed cookie.
SESSION_KEY = "token"


def hash_password(password, rounds):
    """A salted bcrypt hash; views call request.hash_password, which brings the set cost."""
    return bcrypt.hashpw(bcrypt_input(password), bcrypt.gensalt(rounds)).decode("ascii")


def check_password(password, password_hash):
    return bcrypt.checkpw(bcrypt_input(password), password_hash.encode("ascii"))


def bcrypt_input(password):
    # bcrypt reads only 72 bytes; hashing first makes every character of a long password count.
    return base64.b64encode(hashlib.sha256(password.encode("utf-8")).digest())


def token_digest(secret):
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_token(account, ttl_seconds):
    """(secret, Token): the secret is shown once; the Token row keeps only its digest."""
    secret = secrets.token_urlsafe(32)
    expires_at = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=ttl_seconds)
    return secret, Token(account=account, digest=token_digest(secret), expires_at=expires_at)


def authenticate(request, username, password):
    """The account `username` names when `password` is its password, else None."""
    account = request.dbsession.scalar(select(Account).where(Account.username == username))
    if account is None:
        # As slow as a wrong password, so the response time does not reveal usernames.
        request.hash_password(password)
        return None
    return account if check_password(password, account.password_hash) else None


def issue_token(request, account):
    """(secret, Token): a new token of `account`, written at once (the account may have been
    deleted since it was read: models.flush)."""
    secret, token = new_token(account, request.registry.settings["auth.token_ttl_seconds"])
    request.dbsession.add(token)
    flush(request.dbsession)
    return secret, token


def bearer_secret(authorization_header):
    """The secret of an ``Authorization: Bearer <secret>`` header, or None.

    Several Authorization headers reach a WSGI app joined by commas, and a comma is no token
    character, so they are refused along with several credentials in one header.
    """
    match = BEARER.fullmatch((authorization_header or "").strip(" \t"))
    return match[1] if match else None


def credentials_detail(authorization_header):
    """Why a request has no identity: the 401's detail for its Authorization header."""
    if not (authorization_header or "").strip(" \t"):
        return MISSING_CREDENTIALS
    return MALFORMED_HEADER if bearer_secret(authorization_header) is None else REJECTED_CREDENTIALS


@dataclass(frozen=True)
class Identity:
    """The caller: the account, and the token it presented (logout and password change need it)."""

    account: Account
    token: Token


class TokenSecurityPolicy:
    def __init__(self):
        # One database look-up per request, however many times Pyramid asks.
        self.identity_cache = RequestLocalCache(self.load_identity)
        self.acl = ACLHelper()

    def load_identity(self, request):
        # The API never reads cookies (so needs no CSRF check); the site keeps its token in the
        # session (pages/__init__.py), where sign-in put it.
        if is_api(request):
            secret = bearer_secret(request.headers.get("Authorization"))
        else:
            secret = request.session.get(SESSION_KEY)
        if not isinstance(secret, str):
            return None
        # The account comes in the same statement: loaded lazily, later, it may have been
        # deleted by a racing request in between (PostgreSQL reads each statement afresh).
        # Looked up by its SHA-256 digest: the secret never meets a stored value in a comparison,
        # and a timing difference on a digest reveals nothing about a secret, so no
        # compare_digest is needed.
        token = request.dbsession.scalar(
            select(Token)
            .options(joinedload(Token.account, innerjoin=True))
            .where(Token.digest == token_digest(secret))
        )
        if token is None or token.is_expired():
            return None
        return Identity(account=token.account, token=token)

    def identity(self, request):
        return self.identity_cache.get_or_create(request)

    def authenticated_userid(self, request):
        identity = self.identity(request)
        return None if identity is None else identity.account.username

    def permits(self, request, context, permission):
        return self.acl.permits(context, self.effective_principals(request), permission)

    def effective_principals(self, request):
        principals = [Everyone]
        identity = self.identity(request)
        if identity is not None:
            principals += [Authenticated, owner_principal(identity.account.username)]
        return principals

    def remember(self, request, userid, token=None, **kw):
        """A browser's sign-in: a new session (nothing a visitor's cookies held before carries
        over) that holds the new token's secret. API tokens are handed out in the login view's
        body, so this is the site's only. The session factory sets the cookie itself."""
        request.session.invalidate()
        request.session[SESSION_KEY] = token
        self.identity_cache.clear(request)
        return []

    def forget(self, request, **kw):
        """A browser's sign-out: the session is emptied (its token row is the view's to delete)."""
        request.session.invalidate()
        self.identity_cache.clear(request)
        return []


def includeme(config):
    config.set_security_policy(TokenSecurityPolicy())
    # The bcrypt cost is read once, here (settings.py refused a bad one at start-up).
    rounds = config.get_settings()["auth.bcrypt_rounds"]
    config.add_request_method(
        lambda request, password: hash_password(password, rounds), "hash_password"
    )
