"""The site as a whole (pages/__init__.py, errors.py): its layout, headers, stylesheet, and
error pages, beside the API's problem+json."""

import logging

import pytest
from conftest import by_testid

from todo_flask import create_app

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def assert_error_page(response, status, title, detail):
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert by_testid(response, "error-title") == [title]
    assert by_testid(response, "error-detail") == [detail]
    assert f"<title>{title} · To-Do</title>" in response.text


@pytest.mark.parametrize("path", ["/", "/login", "/tasks", "/nope", "/logout"])
def test_every_page_redirect_and_error_page_has_the_security_headers(client, path):
    response = client.get(path)
    for name, value in HEADERS.items():
        assert response.headers[name] == value


def test_the_api_has_none_of_them(client):
    response = client.get("/api/v1")
    assert "Content-Security-Policy" not in response.headers
    assert "Set-Cookie" not in response.headers


def test_the_layout_links_the_stylesheet_and_names_the_framework(client):
    page = client.get("/login")
    assert '<link rel="stylesheet" href="/static/style.css">' in page.text
    assert by_testid(page, "framework")[0].startswith("Flask 3.")
    with client.get("/static/style.css") as stylesheet:  # closes the file it streams
        assert stylesheet.status_code == 200
        assert stylesheet.mimetype == "text/css"
        assert b"ul.flashes" in stylesheet.data


def test_the_layout_shows_who_is_signed_in(site):
    assert 'data-testid="whoami"' not in site.client.get("/login").text
    site.login()
    page = site.client.get("/tasks")
    assert by_testid(page, "whoami") == ["ada"]
    assert 'data-testid="logout"' in page.text
    assert "<script" not in page.text
    assert "style=" not in page.text


@pytest.mark.parametrize("path", ["/nope", "/tasks/", "/tasks/1", "/apifoo", "/static/nope.css"])
def test_an_unknown_site_path_is_the_404_page(client, path):
    response = client.get(path)
    assert_error_page(response, 404, "Page not found", "There is nothing at this address.")


def test_a_method_a_page_does_not_support_is_the_405_page_with_allow(client):
    response = client.get("/logout")
    assert_error_page(
        response, 405, "Method not allowed", "This address does not support that method."
    )
    assert response.headers["Allow"] == "POST"
    assert sorted(client.delete("/tasks").headers["Allow"].split(", ")) == ["GET", "HEAD", "POST"]


def test_the_host_check_comes_first_and_stays_problem_json(client):
    response = client.get("/tasks", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"


def test_the_api_keeps_problem_json(client):
    assert client.get("/api/v1/nope").mimetype == "application/problem+json"


def test_an_unexpected_exception_is_the_500_page(failing_app, caplog):
    with caplog.at_level(logging.ERROR):
        response = failing_app.test_client().get("/boom")
    assert_error_page(response, 500, "Server error", "The server could not complete the request.")
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text
    assert response.headers["X-Frame-Options"] == "DENY"


def test_without_a_database_a_page_is_the_500_page(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'no' / 'x.sqlite3'}"})
    client = app.test_client()
    with client.session_transaction() as session:
        session["token"] = "some-token"  # so that the page looks the session up
    response = client.get("/tasks")
    assert_error_page(response, 500, "Server error", "The server could not complete the request.")
    assert client.get("/api/v1/health").status_code == 503  # the API's answer stays
