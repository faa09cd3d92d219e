"""Who is calling: a Pyramid 2 security policy that reads the bearer token."""

import hmac
from dataclasses import dataclass

from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.request import RequestLocalCache
from sqlalchemy import select

from .models import Account, Token
from .models.token import digest
from .resources import owner_principal


@dataclass(frozen=True)
class Identity:
    """The caller: the account, and the token it presented (logout and password change need it)."""

    account: Account
    token: Token


def bearer_token(request):
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        return None
    return token


class TokenSecurityPolicy:
    def __init__(self):
        # One database look-up per request, however many times Pyramid asks.
        self.identity_cache = RequestLocalCache(self.load_identity)
        self.acl = ACLHelper()

    def load_identity(self, request):
        secret = bearer_token(request)
        if secret is None:
            return None
        presented = digest(secret)
        token = request.dbsession.scalar(select(Token).where(Token.digest == presented))
        if token is None or not hmac.compare_digest(token.digest, presented):
            return None
        if token.is_expired():
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

    def remember(self, request, userid, **kw):
        return []  # tokens are handed out in the login view's body, not in headers

    def forget(self, request, **kw):
        return []


def includeme(config):
    config.set_security_policy(TokenSecurityPolicy())
