"""The security policy and the route factories' ACLs, unit-tested with dummy requests."""

from datetime import UTC, datetime, timedelta

import pytest
from todo_pyramid.models import Account, Token
from todo_pyramid.resources import AccountResource, LogoutResource
from todo_pyramid.security import TokenSecurityPolicy


@pytest.fixture
def issued(dbsession):
    """An account with one token; returns (account, token row, the secret the client holds)."""
    account = Account(username="ada", email="ada@example.com")
    account.set_password("correct horse battery", rounds=4)
    token, secret = Token.issue(account, ttl_seconds=60)
    dbsession.add_all([account, token])
    dbsession.flush()
    return account, token, secret


def with_header(request, value):
    request.headers["Authorization"] = value
    return request


def test_no_header_means_no_identity(dummy_request):
    assert TokenSecurityPolicy().identity(dummy_request) is None


def test_a_valid_token_identifies_its_account(dummy_request, issued):
    account, token, secret = issued
    policy = TokenSecurityPolicy()
    identity = policy.identity(with_header(dummy_request, f"Bearer {secret}"))
    assert identity.account is account and identity.token is token
    assert policy.authenticated_userid(dummy_request) == "ada"


def test_the_scheme_is_case_insensitive(dummy_request, issued):
    _, _, secret = issued
    assert TokenSecurityPolicy().identity(with_header(dummy_request, f"bEaReR {secret}"))


@pytest.mark.parametrize("header", ["Basic abc", "Bearer", "Bearer two words", "Bearer unknown"])
def test_unusable_headers_mean_no_identity(dummy_request, issued, header):
    assert TokenSecurityPolicy().identity(with_header(dummy_request, header)) is None


def test_an_expired_token_means_no_identity(dummy_request, issued):
    _, token, secret = issued
    token.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    assert TokenSecurityPolicy().identity(with_header(dummy_request, f"Bearer {secret}")) is None


def test_only_the_owner_is_permitted_on_an_account(dummy_request, issued):
    _, _, secret = issued
    request = with_header(dummy_request, f"Bearer {secret}")
    policy = TokenSecurityPolicy()
    request.matchdict = {"username": "ada"}
    assert policy.permits(request, AccountResource(request), "edit")
    request.matchdict = {"username": "Ada"}  # usernames match exactly
    assert not policy.permits(request, AccountResource(request), "view")


def test_logout_needs_any_valid_token(dummy_request, issued):
    policy = TokenSecurityPolicy()
    assert not policy.permits(dummy_request, LogoutResource(dummy_request), "logout")
    _, _, secret = issued
    request = with_header(dummy_request, f"Bearer {secret}")
    assert TokenSecurityPolicy().permits(request, LogoutResource(request), "logout")
