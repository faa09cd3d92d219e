"""Bearer tokens: issuing them, and deciding from the Authorization header who the caller is.

Django's own authentication keeps the user in a cookie session; an API for non-browser clients
needs a token instead. Passwords stay with django.contrib.auth: create_user() and set_password()
hash them (PBKDF2), authenticate() checks them, so there is no hash_password or check_password.
"""

import hashlib
import re
import secrets
from datetime import timedelta

from django.utils import timezone

from .errors import ApiError
from .models import Account, Token

# RFC 9110's credentials for the Bearer scheme (a token68), after one or more spaces or tabs.
BEARER = re.compile(r"bearer[ \t]+([A-Za-z0-9._~+/-]+=*)", re.IGNORECASE | re.ASCII)
# The contract's three reasons for a 401 (shared_spec/README.md, Authentication).
MISSING_CREDENTIALS = "No bearer token was sent: add the header Authorization: Bearer <token>."
MALFORMED_HEADER = "The Authorization header must be Bearer followed by one token."
REJECTED_CREDENTIALS = "The bearer token is invalid or expired: log in again for a new one."
# The contract's 403 (shared_spec/README.md, Errors) and the challenge of every 401.
NOT_YOURS = "The token does not give access to this account."
CHALLENGE = 'Bearer realm="api"'


def token_digest(secret):
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token(account, ttl_seconds):
    """(secret, Token): the secret is shown once; the saved Token keeps only its digest."""
    secret = secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(seconds=ttl_seconds)
    return secret, Token.objects.create(
        account=account, digest=token_digest(secret), expires_at=expires_at
    )


def bearer_secret(authorization):
    """The credential of an `Authorization: Bearer <token>` header, or None.

    None also for several credentials, and for several Authorization headers, which the WSGI
    server joins into one value with a comma.
    """
    match = BEARER.fullmatch((authorization or "").strip(" \t"))
    return match.group(1) if match else None


def credentials_detail(authorization):
    """The 401's detail for an Authorization header bearer_secret() found no token in."""
    return MISSING_CREDENTIALS if not (authorization or "").strip(" \t") else MALFORMED_HEADER


def unauthorized(detail=REJECTED_CREDENTIALS):
    """401 with the Bearer challenge RFC 9110 requires on every 401, login failures included."""
    return ApiError(401, detail, headers={"WWW-Authenticate": CHALLENGE})


def presented_token(request):
    """The live Token (its account loaded) of the request's Authorization header, or 401."""
    authorization = request.headers.get("Authorization")
    secret = bearer_secret(authorization)
    if secret is None:
        raise unauthorized(credentials_detail(authorization))
    # Looked up by its SHA-256 digest: the secret never meets a stored value in a comparison,
    # and a timing difference on a digest reveals nothing about a secret, so no compare_digest
    # is needed.
    token = (
        Token.objects.select_related("account")
        .filter(digest=token_digest(secret), expires_at__gt=timezone.now(), account__is_active=True)
        .first()
    )
    if token is None:
        raise unauthorized()
    return token


def lock_account(account, detail=REJECTED_CREDENTIALS):
    """The account's row, re-read and locked until the transaction ends; 401 if it is gone."""
    locked = locked_account(account)
    if locked is None:
        raise unauthorized(detail)
    return locked


def locked_account(account):
    """The account's row, re-read and locked until the transaction ends; None if it is gone
    (the site's pages answer that their own way: pages.auth.lock_signed_in_account).

    select_for_update() makes an account DELETE and a write for that account (a new task or
    token, a changed email) wait for each other, so the write never meets a half-deleted account
    and the DELETE never misses a task created meanwhile. Whichever comes second finds what the
    first left: the account gone (401, its tokens went with it) or the new task (deleted too).
    """
    return Account.objects.select_for_update().filter(pk=account.pk).first()


class TokenRequiredMixin:
    """For views that need a caller: sets `self.token` and `self.account` (its owner), or 401.

    The bearer-token counterpart of django.contrib.auth's LoginRequiredMixin; ApiView.dispatch
    calls authorize() after its own checks, in the order the contract asks for.
    """

    def authorize(self, request, **kwargs):
        self.token = presented_token(request)
        self.account = self.token.account


class OwnerRequiredMixin(TokenRequiredMixin):
    """For views under /accounts/{username}: the caller must be that account, or 403."""

    def authorize(self, request, username, **kwargs):
        super().authorize(request)
        # The contract asks for this: 403 whether or not {username} exists, never 404.
        if self.account.username != username:
            raise ApiError(403, NOT_YOURS)
