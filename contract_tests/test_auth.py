"""Who may call what: the bearer-token matrix over every protected route."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from client import Api, parse_timestamp
from conftest import unique_username
from harness import startable

# The 403's detail (shared_spec/README.md, Errors; contract 1.3.0).
NOT_YOURS = "The token does not give access to this account."
# Every 401's challenge, the same everywhere (Authentication; contract 1.3.0).
CHALLENGE = 'Bearer realm="api"'

# Every protected route, with a body that would be valid, "{task}" standing for an existing task.
PROTECTED = [
    ("POST", "/api/v1/accounts/logout", None),
    ("GET", "{account}", None),
    ("PATCH", "{account}", {"email": "changed@example.com"}),
    ("DELETE", "{account}", None),
    ("GET", "{account}/tasks", None),
    ("POST", "{account}/tasks", {"name": "x"}),
    ("GET", "{task}", None),
    ("PUT", "{task}", {"name": "x"}),
    ("PATCH", "{task}", {"name": "x"}),
    ("DELETE", "{task}", None),
]
OWNED = [route for route in PROTECTED if route[1] != "/api/v1/accounts/logout"]
ROUTE_IDS = [f"{method} {path}" for method, path, _ in PROTECTED]


def call(api, account, task_url, method, path, body, **kwargs):
    path = path.format(account=account.path, task=task_url)
    return api.request(method, path, json=body, **kwargs)


@pytest.fixture
def task_url(api, account):
    return api.post(account.tasks_path, token=account.token, json={"name": "mine"}).json()["url"]


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED, ids=ROUTE_IDS)
class TestUnauthenticated:
    def test_no_authorization_header(self, api, account, task_url, method, path, body):
        response = call(api, account, task_url, method, path, body)
        assert response.status_code == 401

    def test_unknown_token(self, api, account, task_url, method, path, body):
        response = call(api, account, task_url, method, path, body, token="not-a-real-token")
        assert response.status_code == 401

    def test_revoked_token(self, api, account, task_url, method, path, body):
        api.post("/api/v1/accounts/logout", token=account.token)
        response = call(api, account, task_url, method, path, body, token=account.token)
        assert response.status_code == 401


@pytest.mark.parametrize(("method", "path", "body"), OWNED, ids=ROUTE_IDS[1:])
class TestSomeoneElse:
    def test_another_accounts_token_is_forbidden(
        self, api, account, make_account, task_url, method, path, body
    ):
        intruder = make_account()
        response = call(api, account, task_url, method, path, body, token=intruder.token)
        assert response.status_code == 403
        assert response.json()["detail"] == NOT_YOURS
        # Nothing was changed or removed on the way.
        assert api.get(task_url, token=account.token).json()["name"] == "mine"

    def test_a_username_that_does_not_exist_is_forbidden_too(
        self, api, account, task_url, method, path, body
    ):
        stranger = f"/api/v1/accounts/{unique_username()}"
        path = path.replace("{account}", stranger).replace(
            "{task}", task_url.replace(account.path, stranger)
        )
        response = call(api, account, task_url, method, path, body, token=account.token)
        assert response.status_code == 403
        assert response.json()["detail"] == NOT_YOURS


# The contract's three 401 details (shared_spec/README.md, Authentication; contract 1.2.0).
MISSING = "No bearer token was sent: add the header Authorization: Bearer <token>."
MALFORMED = "The Authorization header must be Bearer followed by one token."
REJECTED = "The bearer token is invalid or expired: log in again for a new one."


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer ", "Token {token}", "Basic dXNlcjpwYXNz", "{token}", "Bearer a b"]
)
def test_a_malformed_authorization_header_is_unauthorized(api, account, header):
    headers = {"Authorization": header.format(token=account.token)}
    response = api.get(account.tasks_path, headers=headers)
    assert response.status_code == 401
    # A token pasted without "Bearer " is told so, not taken for a wrong token.
    assert response.json()["detail"] == MALFORMED


@pytest.mark.parametrize("headers", [{}, {"Authorization": ""}])
def test_no_token_at_all_is_unauthorized_saying_so(api, account, headers):
    response = api.get(account.tasks_path, headers=headers)
    assert response.status_code == 401
    assert response.json()["detail"] == MISSING
    assert response.headers["WWW-Authenticate"] == CHALLENGE


def test_an_unknown_token_is_unauthorized_saying_so(api, account):
    response = api.get(account.tasks_path, token="not-a-token-anyone-was-given")
    assert response.status_code == 401
    assert response.json()["detail"] == REJECTED
    assert response.headers["WWW-Authenticate"] == CHALLENGE


def test_the_scheme_is_case_insensitive(api, account):
    headers = {"Authorization": f"bearer {account.token}"}
    assert api.get(account.path, headers=headers).status_code == 200


def test_a_deleted_accounts_token_stops_working(api, account):
    api.delete(account.path, token=account.token)
    assert api.get("/api/v1/accounts/logout", token=account.token).status_code == 405
    response = api.post("/api/v1/accounts/logout", token=account.token)
    assert response.status_code == 401
    assert response.json()["detail"] == REJECTED


@startable
def test_tokens_expire_after_token_ttl_seconds(running, make_account):
    ttl = 5  # long enough to use the token once even on a loaded machine
    short = running.start_another(TOKEN_TTL_SECONDS=str(ttl))
    try:
        api = Api(short.base_url)
        account = make_account()  # registered through the leg's server, same database
        credentials = {"username": account.username, "password": account.password}
        issued = api.post("/api/v1/accounts/login", json=credentials).json()
        expires_at = parse_timestamp(issued["expires_at"])
        assert expires_at - datetime.now(UTC) <= timedelta(seconds=ttl)
        assert api.get(account.path, token=issued["token"]).status_code == 200
        time.sleep(max(0.0, (expires_at - datetime.now(UTC)).total_seconds()) + 1.5)
        assert api.get(account.path, token=issued["token"]).status_code == 401
    finally:
        short.stop()
