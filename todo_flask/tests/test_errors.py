import logging

import pytest

from todo_flask import create_app


def assert_problem(response, status, title):
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert response.json["type"] == "about:blank"
    assert response.json["title"] == title
    assert response.json["status"] == status
    assert response.json["detail"]


@pytest.mark.parametrize("path", ["/nope", "/api/v1/", "/api/v1/accounts/", "/static/x.css"])
def test_unknown_paths_are_a_problem(client, path):
    assert_problem(client.get(path), 404, "Not Found")
    assert_problem(client.post(path), 404, "Not Found")


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
    assert sorted(response.headers["Allow"].split(", ")) == allow.split(", ")


def test_head_is_get_without_a_body(client):
    response = client.head("/api/v1")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.data == b""


@pytest.fixture
def failing_app(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    app.debug = True  # even in debug mode, no traceback and no debugger page

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret internals")

    return app


def test_an_unexpected_exception_is_a_500_problem(failing_app, caplog):
    with caplog.at_level(logging.ERROR):
        response = failing_app.test_client().get("/api/v1/boom")
    assert_problem(response, 500, "Internal Server Error")
    assert set(response.json) == {"type", "title", "status", "detail"}
    assert b"secret internals" not in response.data
    assert b"Traceback" not in response.data
    assert "secret internals" in caplog.text  # logged on the server side instead
