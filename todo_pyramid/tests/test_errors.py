"""Every error is problem+json, and the checks run in the contract's order (WebTest)."""

import logging

import pytest
from todo_pyramid.views import info

PROBLEM_MEMBERS = {"type", "title", "status", "detail"}


def assert_problem(response, status, title):
    assert response.status_code == status
    assert response.content_type == "application/problem+json"
    assert set(response.json) == PROBLEM_MEMBERS
    assert response.json["title"] == title
    assert response.json["status"] == status


@pytest.mark.parametrize("path", ["/nope", "/api/v1/nope", "/api/v1/accounts/", "/api/v1/"])
def test_unknown_paths_are_404(testapp, path):
    assert_problem(testapp.get(path, status=404), 404, "Not Found")


def test_a_path_that_is_not_utf8_is_404(testapp):
    assert_problem(testapp.get("/api/v1/%FF", status=404), 404, "Not Found")


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/api/v1", "GET, HEAD"),
        ("OPTIONS", "/api/v1/health", "GET, HEAD"),
        ("GET", "/api/v1/accounts", "POST"),
        ("GET", "/api/v1/accounts/login", "POST"),
        ("POST", "/api/v1/accounts/ada", "GET, HEAD, PATCH, DELETE"),
        ("PATCH", "/api/v1/accounts/ada/tasks", "GET, HEAD, POST"),
        ("POST", "/api/v1/accounts/ada/tasks/1", "GET, HEAD, PUT, PATCH, DELETE"),
    ],
)
def test_a_method_the_path_does_not_support_is_405_with_allow(testapp, method, path, allow):
    response = testapp.request(path, method=method, status=405)
    assert_problem(response, 405, "Method Not Allowed")
    assert response.headers["Allow"] == allow


def test_an_oversized_body_is_413_before_authentication(testapp):
    body = b'{"name": "' + b"x" * 65536 + b'"}'
    response = testapp.post(
        "/api/v1/accounts/ada/tasks", body, content_type="application/json", status=413
    )
    assert_problem(response, 413, "Content Too Large")


def test_an_oversized_body_on_an_unknown_path_is_still_404(testapp):
    testapp.post("/api/v1/nope", b"x" * 70000, status=404)


def test_no_token_is_401_with_a_bearer_challenge(testapp):
    response = testapp.get("/api/v1/accounts/ada", status=401)
    assert_problem(response, 401, "Unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Basic YWRhOnB3", "Bearer", "Bearer not-a-token", "Token x"])
def test_unusable_authorization_headers_are_401(testapp, header):
    testapp.get("/api/v1/accounts/ada", headers={"Authorization": header}, status=401)


def test_someone_elses_account_is_403_whether_it_exists_or_not(testapp, make_account, auth):
    make_account("bob")
    _, token = make_account("ada")
    for path in ("/api/v1/accounts/bob", "/api/v1/accounts/nobody/tasks"):
        assert_problem(testapp.get(path, headers=auth(token), status=403), 403, "Forbidden")


def test_authentication_comes_before_the_task_lookup(testapp):
    testapp.get("/api/v1/accounts/ada/tasks/999", status=401)


def test_the_task_lookup_comes_before_the_media_type(testapp, make_account, auth):
    username, token = make_account()
    url = f"/api/v1/accounts/{username}/tasks/999"
    testapp.patch(url, b"{}", headers=auth(token), status=404)


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_declared_json_is_415(testapp, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = testapp.post("/api/v1/accounts", b"{}", headers=headers, status=415)
    assert_problem(response, 415, "Unsupported Media Type")


def test_the_media_type_is_case_insensitive_and_may_carry_a_charset(testapp):
    content_type = "Application/JSON; charset=utf-8"
    testapp.post("/api/v1/accounts", b"{}", content_type=content_type, status=422)


@pytest.mark.parametrize(
    "body", [b"{", b"[1, 2]", b'"text"', b"\xff\xfe{}", b"", b"NaN", b'{"name": "\\ud800"}']
)
def test_a_body_that_is_not_a_json_object_is_400(testapp, body):
    response = testapp.post("/api/v1/accounts", body, content_type="application/json", status=400)
    assert_problem(response, 400, "Bad Request")


def test_field_errors_are_422_with_errors(testapp):
    response = testapp.post_json("/api/v1/accounts", {"username": "ada"}, status=422)
    assert response.content_type == "application/problem+json"
    assert set(response.json) == PROBLEM_MEMBERS | {"errors"}
    assert response.json["title"] == "Unprocessable Content"


def test_an_unexpected_exception_is_500_without_internals(testapp, monkeypatch, caplog):
    def broken(name):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(info, "version", broken)
    with caplog.at_level(logging.ERROR, logger="todo_pyramid"):
        response = testapp.get("/api/v1", status=500)
    assert_problem(response, 500, "Internal Server Error")
    assert "secret" not in response.text
    assert "Traceback" not in response.text
    assert "secret internals" in caplog.text  # logged for the operator, not sent to the client
