"""Every error is problem+json: unknown paths, wrong methods, and the unexpected (WebTest)."""

import logging

import pytest

from todo_pyramid.views import info

from .conftest import assert_problem


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


def test_an_oversized_body_on_an_unknown_path_is_still_404(testapp):
    testapp.post("/api/v1/nope", b"x" * 70000, status=404)


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
