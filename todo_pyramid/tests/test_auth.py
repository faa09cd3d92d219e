"""The bearer token: who the caller is (401) and what it may reach (403), through the whole app
(WebTest) and in the security policy and route factories' ACLs (dummy requests)."""

from datetime import UTC, datetime, timedelta

import pytest

from todo_pyramid.resources import AccountResource, LogoutResource
from todo_pyramid.security import (
    MALFORMED_HEADER,
    MISSING_CREDENTIALS,
    REJECTED_CREDENTIALS,
    TokenSecurityPolicy,
)

from .conftest import assert_problem, create
from .databases import racing

CHALLENGE = 'Bearer realm="api"'  # every 401's, exactly (shared_spec/README.md, Authentication)


def test_no_token_is_401_with_a_bearer_challenge(testapp):
    response = testapp.get("/api/v1/accounts/ada", status=401)
    assert_problem(response, 401, "Unauthorized")
    assert response.headers["WWW-Authenticate"] == CHALLENGE
    assert response.json["detail"] == MISSING_CREDENTIALS


@pytest.mark.parametrize(
    ("header", "detail"),
    [("", MISSING_CREDENTIALS), (" \t", MISSING_CREDENTIALS), ("Basic YWRhOnB3", MALFORMED_HEADER),
     ("Bearer", MALFORMED_HEADER), ("Token x", MALFORMED_HEADER), ("abc", MALFORMED_HEADER),
     ("Bearer a b", MALFORMED_HEADER), ("Bearer not-a-token", REJECTED_CREDENTIALS)],
)  # fmt: skip
def test_unusable_authorization_headers_are_401_saying_why(testapp, header, detail):
    response = testapp.get("/api/v1/accounts/ada", headers={"Authorization": header}, status=401)
    assert response.json["detail"] == detail


def test_someone_elses_account_is_403_whether_it_exists_or_not(testapp, make_account, auth):
    make_account("bob")
    _, token = make_account("ada")
    for path in ("/api/v1/accounts/bob", "/api/v1/accounts/nobody/tasks"):
        response = testapp.get(path, headers=auth(token), status=403)
        assert_problem(response, 403, "Forbidden")
        assert response.json["detail"] == "The token does not give access to this account."


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


@pytest.mark.parametrize(
    "template",
    ["Bearer\t{}", "Bearer \t  {}", "  bearer {}\t", "BEARER {}"],
)
def test_spaces_or_tabs_separate_the_scheme_from_the_token(testapp, make_account, template):
    username, token = make_account()
    headers = {"Authorization": template.format(token)}
    testapp.get(f"/api/v1/accounts/{username}", headers=headers, status=200)


@pytest.mark.parametrize(
    "template",
    [
        "Bearer {0}, Bearer {0}",  # two headers as waitress joins them
        "Bearer {0},Bearer {0}",  # two headers as gunicorn joins them
        "Bearer {0} {0}",  # two credentials
        "Bearer{0}",
        "Bearer \u00a0{0}",  # not HTTP whitespace
    ],
)
def test_several_authorization_headers_or_credentials_are_401(testapp, make_account, template):
    username, token = make_account()
    # WebTest cannot repeat a header; the environ holds what a WSGI server makes of two.
    environ = {"HTTP_AUTHORIZATION": template.format(token)}
    response = testapp.get(f"/api/v1/accounts/{username}", extra_environ=environ, status=401)
    assert response.headers["WWW-Authenticate"] == CHALLENGE


def test_a_token_whose_account_goes_right_after_the_lookup_is_401_on_postgresql(
    postgresql_app, postgresql_engine, postgresql_owner
):
    # Token and account are read in one statement; read apart, the account could be gone.
    with racing(postgresql_engine, "DELETE FROM accounts", after="SELECT tokens"):
        create(postgresql_app, postgresql_owner, status=401)
