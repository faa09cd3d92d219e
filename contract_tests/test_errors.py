"""Errors every route shares: unknown paths, methods, media types, bodies, sizes, their order."""

import pytest

LIMIT = 65536
# The details shared_spec/README.md fixes for every implementation (Errors; contract 1.3.0).
NOTHING_HERE = "There is nothing at this path."
METHOD_NOT_SUPPORTED = (
    "This path does not support the method: the Allow header lists the ones it does."
)
TASK_NOT_FOUND = "The task was not found."


@pytest.mark.parametrize(
    "path",
    ["/api", "/api/v2", "/api/v1/", "/api/v1/nothing", "/api/v1/accounts/", "/api/x/y"],
)
def test_an_unknown_path_is_not_found(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response.json()["detail"] == NOTHING_HERE


def test_an_unknown_path_below_an_account_is_not_found(api, account):
    response = api.get(f"{account.tasks_path}/1/subtasks", token=account.token)
    assert response.status_code == 404
    assert response.json()["detail"] == NOTHING_HERE


@pytest.mark.parametrize("task_id", ["0", "1", "99999999999999999999"])
def test_a_task_that_is_not_there_is_not_found(api, account, task_id):
    response = api.get(f"{account.tasks_path}/{task_id}", token=account.token)
    assert response.status_code == 404
    assert response.json()["detail"] == TASK_NOT_FOUND


ALLOWED = {
    "/api/v1": {"GET", "HEAD"},
    "/api/v1/health": {"GET", "HEAD"},
    "/api/v1/accounts": {"POST"},
    "/api/v1/accounts/login": {"POST"},
    "/api/v1/accounts/logout": {"POST"},
    "/api/v1/accounts/someone": {"GET", "HEAD", "PATCH", "DELETE"},
    "/api/v1/accounts/someone/tasks": {"GET", "HEAD", "POST"},
    "/api/v1/accounts/someone/tasks/1": {"GET", "HEAD", "PUT", "PATCH", "DELETE"},
}
ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


@pytest.mark.parametrize(
    ("path", "method"),
    [(path, m) for path, allowed in ALLOWED.items() for m in ALL_METHODS if m not in allowed],
)
def test_a_method_the_path_does_not_have_is_not_allowed(api, path, method):
    response = api.request(method, path, json={} if method in ("POST", "PUT", "PATCH") else None)
    assert response.status_code == 405
    allow = {m.strip() for m in response.headers["Allow"].split(",")}
    assert allow == ALLOWED[path]
    assert response.json()["detail"] == METHOD_NOT_SUPPORTED


BODY_ROUTES = [
    ("POST", "/api/v1/accounts"),
    ("POST", "/api/v1/accounts/login"),
    ("PATCH", "{account}"),
    ("POST", "{account}/tasks"),
    ("PUT", "{task}"),
    ("PATCH", "{task}"),
]


@pytest.fixture
def body_route(request, api, account):
    """(method, url, token) for a body-taking route, owned by `account` where it needs auth."""
    method, path = request.param
    task = api.post(account.tasks_path, token=account.token, json={"name": "t"}).json()
    return method, path.format(account=account.path, task=task["url"]), account.token


def parametrize_body_routes(test):
    ids = [f"{method} {path}" for method, path in BODY_ROUTES]
    return pytest.mark.parametrize("body_route", BODY_ROUTES, ids=ids, indirect=True)(test)


@parametrize_body_routes
def test_a_body_without_a_content_type_is_unsupported(api, body_route):
    method, url, token = body_route
    response = api.request(method, url, token=token, data=b'{"name": "x"}')
    assert response.status_code == 415


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_a_body_of_another_media_type_is_unsupported(api, account, content_type):
    headers = {"Content-Type": content_type}
    response = api.post(account.tasks_path, token=account.token, data=b"name=x", headers=headers)
    assert response.status_code == 415


@parametrize_body_routes
def test_malformed_json_is_a_bad_request(api, body_route):
    method, url, token = body_route
    headers = {"Content-Type": "application/json"}
    response = api.request(method, url, token=token, data=b'{"name": ', headers=headers)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "body",
    [b"", b"[]", b'"a string"', b"42", b"null", b'{"name": "\xff\xfe"}', b'{"name": "\\ud800"}'],
)
def test_a_body_that_is_not_a_utf8_json_object_is_a_bad_request(api, account, body):
    headers = {"Content-Type": "application/json"}
    response = api.post(account.tasks_path, token=account.token, data=body, headers=headers)
    assert response.status_code == 400


@parametrize_body_routes
def test_a_body_over_64_kib_is_too_large(api, body_route):
    method, url, token = body_route
    body = b'{"note": "' + b"x" * LIMIT + b'"}'
    headers = {"Content-Type": "application/json"}
    response = api.request(method, url, token=token, data=body, headers=headers)
    assert response.status_code == 413


@pytest.mark.parametrize("media_type", ["application/json; charset=utf-8", "Application/JSON"])
def test_json_media_type_parameters_and_case_are_accepted(api, account, media_type):
    body, headers = b'{"name": "ok"}', {"Content-Type": media_type}
    response = api.post(account.tasks_path, token=account.token, data=body, headers=headers)
    assert response.status_code == 201


def test_a_body_of_exactly_64_kib_is_read(api, account):
    padding = LIMIT - len(b'{"name": "x", "note": ""}')
    body = b'{"name": "x", "note": "' + b"n" * padding + b'"}'
    assert len(body) == LIMIT
    headers = {"Content-Type": "application/json"}
    response = api.post(account.tasks_path, token=account.token, data=body, headers=headers)
    assert response.status_code == 422  # read and judged: the note is too long


class TestOrderOfChecks:
    """shared_spec/README.md: 405, then 413, 401/403, task 404, 415, 400, 422, 409."""

    def test_not_allowed_before_anything_else(self, api):
        response = api.request("PUT", "/api/v1/accounts", data=b"x" * (LIMIT + 1))
        assert response.status_code == 405

    def test_too_large_before_unauthorized(self, api, account):
        response = api.post(account.tasks_path, data=b"x" * (LIMIT + 1))
        assert response.status_code == 413

    def test_unauthorized_before_unsupported_media_type(self, api, account):
        response = api.post(account.tasks_path, data=b"x", headers={"Content-Type": "text/plain"})
        assert response.status_code == 401

    def test_forbidden_before_a_bad_body(self, api, account, make_account):
        intruder = make_account()
        response = api.post(account.tasks_path, token=intruder.token, data=b"{")
        assert response.status_code == 403

    def test_missing_task_before_a_bad_body(self, api, account):
        url = f"{account.tasks_path}/999999"
        response = api.put(url, token=account.token, data=b"{")  # and no Content-Type
        assert response.status_code == 404

    def test_unsupported_media_type_before_bad_json(self, api, account):
        headers = {"Content-Type": "text/plain"}
        response = api.post(account.tasks_path, token=account.token, data=b"{", headers=headers)
        assert response.status_code == 415

    def test_bad_json_before_field_errors(self, api):
        headers = {"Content-Type": "application/json"}
        response = api.post("/api/v1/accounts", data=b'{"username": 1,', headers=headers)
        assert response.status_code == 400

    def test_field_errors_before_a_conflict(self, api, account):
        body = {"username": account.username, "email": "bad", "password": "long enough"}
        response = api.post("/api/v1/accounts", json=body)
        assert response.status_code == 422
