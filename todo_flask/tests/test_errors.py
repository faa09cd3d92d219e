import io
import json
import logging

import pytest

from todo_flask import create_app

# The details the contract fixes (shared_spec/README.md, Errors) where Werkzeug has its own.
NOTHING_HERE = "There is nothing at this path."
METHOD_NOT_SUPPORTED = (
    "This path does not support the method: the Allow header lists the ones it does."
)


def assert_problem(response, status, title):
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert response.json["type"] == "about:blank"
    assert response.json["title"] == title
    assert response.json["status"] == status
    assert response.json["detail"]


# Outside /api an unknown path is the site's 404 page (tests/test_pages.py).
@pytest.mark.parametrize("path", ["/api", "/api/nope", "/api/v1/", "/api/v1/accounts/"])
def test_unknown_api_paths_are_a_problem(client, path):
    for response in client.get(path), client.post(path):
        assert_problem(response, 404, "Not Found")
        assert response.json["detail"] == NOTHING_HERE


def test_an_unknown_path_below_an_account_is_an_unknown_path(client, headers):
    response = client.get("/api/v1/accounts/ada/tasks/1/subtasks", headers=headers)
    assert_problem(response, 404, "Not Found")
    assert response.json["detail"] == NOTHING_HERE


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/api/v1", "GET, HEAD"),
        ("OPTIONS", "/api/v1/health", "GET, HEAD"),
        ("GET", "/api/v1/accounts", "POST"),
        ("GET", "/api/v1/accounts/logout", "POST"),
        ("POST", "/api/v1/accounts/ada", "DELETE, GET, HEAD, PATCH"),
        ("OPTIONS", "/api/v1/accounts/ada/tasks", "GET, HEAD, POST"),
        ("POST", "/api/v1/accounts/ada/tasks/1", "DELETE, GET, HEAD, PATCH, PUT"),
    ],
)
def test_wrong_methods_are_405_with_allow(client, method, path, allow):
    # No token and a body too large: routing is decided first.
    response = client.open(path, method=method, data=b"x" * 70000)
    assert_problem(response, 405, "Method Not Allowed")
    assert response.json["detail"] == METHOD_NOT_SUPPORTED
    assert sorted(response.headers["Allow"].split(", ")) == allow.split(", ")


TASKS = "/api/v1/accounts/ada/tasks"


def test_a_body_over_64_kib_is_413_before_authentication(client):
    response = client.post(TASKS, data=b" " * 65537, content_type="application/json")
    assert response.status_code == 413
    assert response.json["title"] == "Content Too Large"


def test_a_body_of_64_kib_is_read(client, headers):
    body = json.dumps({"name": "x"}).encode().ljust(65536)
    response = client.post(TASKS, headers=headers, data=body, content_type="application/json")
    assert response.status_code == 201


def chunked(client, headers, stream):
    """POST the body `stream` reads with Transfer-Encoding: chunked, no Content-Length, as
    gunicorn hands it on (wsgi.input_terminated: the server has taken the chunks apart)."""
    return client.post(
        TASKS,
        headers={**headers, "Transfer-Encoding": "chunked", "Content-Type": "application/json"},
        input_stream=stream,
        environ_overrides={"wsgi.input_terminated": True},
    )


def test_a_chunked_body_over_64_kib_is_413_before_authentication(client):
    response = chunked(client, {}, io.BytesIO(b" " * 65537))
    assert response.status_code == 413
    assert response.json["detail"] == "The request body is larger than 65536 bytes."


class BadChunks(io.BytesIO):
    def readinto(self, buffer):
        raise RuntimeError("Invalid chunk size")  # gunicorn raises its own ParseException


def test_a_body_the_server_cannot_read_is_400(client):
    response = chunked(client, {}, BadChunks())
    assert response.status_code == 400
    assert response.json["detail"] == "The request body could not be read."


def test_a_chunked_body_of_64_kib_is_read(client, headers):
    body = json.dumps({"name": "x"}).encode().ljust(65536)
    response = chunked(client, headers, io.BytesIO(body))
    assert response.status_code == 201


def test_head_is_get_without_a_body(client):
    response = client.head("/api/v1")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.data == b""


def test_an_unexpected_exception_is_a_500_problem(failing_app, caplog):
    with caplog.at_level(logging.ERROR):
        response = failing_app.test_client().get("/api/v1/boom")
    assert_problem(response, 500, "Internal Server Error")
    assert set(response.json) == {"type", "title", "status", "detail"}
    assert response.json["detail"] == "The server could not complete the request."
    assert b"secret internals" not in response.data
    assert b"Traceback" not in response.data
    assert "secret internals" in caplog.text  # logged on the server side instead


@pytest.mark.parametrize(
    "path", ["//api/v1", "/api//v1", "/api/v1//health", "/api/v1/accounts//ada", "/api/v1/"]
)
def test_empty_path_segments_are_unknown_paths(client, path):
    # Werkzeug would merge the slashes and answer an HTML 308 redirect. (PATH_INFO is set
    # directly: the test client would read "//api" as a URL naming the host "api".)
    response = client.get("/", environ_overrides={"PATH_INFO": path})
    assert_problem(response, 404, "Not Found")
    assert response.json["detail"] == NOTHING_HERE
    assert "Location" not in response.headers


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/api/v1"), ("GET", "/nope"), ("DELETE", "/api/v1"), ("POST", "/api/v1/accounts")],
)
def test_a_host_not_allowed_is_400_before_routing_and_body_size(client, method, path):
    response = client.open(path, method=method, headers={"Host": "evil.example"}, data=b"x" * 70000)
    assert_problem(response, 400, "Bad Request")
    assert response.json["detail"] == "The Host header names a host this server does not serve."


@pytest.mark.parametrize("host", ["localhost", "LocalHost:5000", "127.0.0.1:8443", "127.0.0.1"])
def test_allowed_hosts_ignore_case_and_port(client, host):
    assert client.get("/api/v1", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["", "localhost.evil.example", "evil.example:5000", "[::1]:5000"])
def test_other_hosts_are_400(client, host):
    assert client.get("/api/v1", headers={"Host": host}).status_code == 400


def test_an_ipv6_host_can_be_allowed(make_app):
    client = make_app(ALLOWED_HOSTS=["[::1]"]).test_client()
    assert client.get("/api/v1", headers={"Host": "[::1]:5000"}).status_code == 200


def test_a_star_allows_any_host(make_app):
    client = make_app(ALLOWED_HOSTS=["*"]).test_client()
    assert client.get("/api/v1", headers={"Host": "todo.example"}).status_code == 200


# Every route that needs the database, and one that has no token to look up.
DATABASE_ROUTES = [
    ("GET", "/api/v1/health", None),
    ("POST", "/api/v1/accounts", {"username": "cleo", "email": "c@x.y", "password": "p" * 8}),
    ("POST", "/api/v1/accounts/login", {"username": "ada", "password": "p" * 8}),
    ("POST", "/api/v1/accounts/logout", None),
    ("GET", "/api/v1/accounts/ada", None),
    ("DELETE", "/api/v1/accounts/ada", None),
    ("GET", "/api/v1/accounts/ada/tasks", None),
    ("POST", "/api/v1/accounts/ada/tasks", {"name": "x"}),
    ("PATCH", "/api/v1/accounts/ada/tasks/1", {}),
]


@pytest.mark.parametrize(
    "database_uri",
    [
        "sqlite:///{tmp_path}/no-such-folder/todo.sqlite3",  # "unable to open database file"
        "postgresql+psycopg://postgres@127.0.0.1:1/todo",  # connection refused
    ],
)
@pytest.mark.parametrize(("method", "path", "body"), DATABASE_ROUTES)
def test_without_a_database_every_route_is_503(tmp_path, database_uri, method, path, body):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_uri.format(tmp_path=tmp_path)})
    headers = {"Authorization": "Bearer some-token"}
    response = app.test_client().open(path, method=method, json=body, headers=headers)
    assert_problem(response, 503, "Service Unavailable")
    assert response.json["detail"] == "The database cannot be reached; try again later."
    assert response.headers["Retry-After"] == "5"
