"""Bearer tokens: issuing them, and deciding from the Authorization header who the caller is.

Django's own authentication is session-based; an API for non-browser clients needs a token
instead. The token lives only in the database, so every process and instance agrees on it.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .errors import ApiError
from .models import Token

UNAUTHORIZED = "The bearer token is missing, invalid or expired."


def digest(token):
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(account):
    """Create a token for the account; return the secret (shown once) and its database row."""
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    # Expired tokens can never be used again; a login is a natural moment to forget them.
    account.tokens.filter(expires_at__lte=now).delete()
    expires_at = now + timedelta(seconds=settings.TOKEN_TTL_SECONDS)
    token = Token.objects.create(account=account, digest=digest(secret), expires_at=expires_at)
    return secret, token


def unauthorized(detail=UNAUTHORIZED):
    """401 with the Bearer challenge RFC 9110 requires on every 401, login failures included."""
    return ApiError(401, detail, headers={"WWW-Authenticate": 'Bearer realm="api"'})


def authenticate_bearer(request):
    """Return the Token row the request presents, with its account loaded, or raise 401."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret or " " in secret:
        raise unauthorized()
    presented = digest(secret)
    token = (
        Token.objects.select_related("account")
        .filter(digest=presented, expires_at__gt=timezone.now(), account__is_active=True)
        .first()
    )
    # The lookup is by digest already; the constant-time comparison keeps the final
    # decision free of timing differences, as the contract asks.
    if token is None or not hmac.compare_digest(token.digest, presented):
        raise unauthorized()
    return token


class OwnerRequiredMixin:
    """For views under /accounts/{username}: the caller must hold a token of that account.

    Sets `self.token` and `self.account` (the token's owner) for the handler methods.
    """

    def authorize(self, request, username, **kwargs):
        self.token = authenticate_bearer(request)
        self.account = self.token.account
        # 403 whether or not {username} exists, so tokens cannot probe for accounts.
        if self.account.username != username:
            raise ApiError(403, "The token does not belong to this account.")
