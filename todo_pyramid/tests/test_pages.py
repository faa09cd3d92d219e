"""What every page of the site shares (pages/__init__.py): the security headers, the stylesheet,
CSRF, the session cookie's flags, and an API that knows nothing of them (WebTest)."""

from pathlib import Path

import pytest
from sqlalchemy import select

from todo_pyramid.models import Task

from .conftest import csrf_token, sign_up, texts

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
STYLESHEET = Path(__file__).parent.parent / "todo_pyramid" / "static" / "style.css"


@pytest.mark.parametrize(
    ("path", "status"),
    [("/", 302), ("/tasks", 200), ("/tasks?page=9", 302), ("/account", 200), ("/nothing", 404),
     ("/logout", 405), ("/tasks/1/edit", 404)],
)  # fmt: skip
def test_every_page_of_the_site_carries_the_security_headers(testapp, path, status):
    sign_up(testapp)
    response = testapp.get(path, status=status)
    assert {header: response.headers.get(header) for header in HEADERS} == HEADERS


def test_a_visitors_pages_carry_them_too_but_not_the_api(testapp):
    response = testapp.get("/login")
    assert {header: response.headers.get(header) for header in HEADERS} == HEADERS
    response = testapp.get("/api/v1")
    assert not set(HEADERS) & set(response.headers)


def test_the_stylesheet_is_served_from_the_layouts_link(testapp):
    page = testapp.get("/login")
    href = page.html.find("link", rel="stylesheet")["href"]
    response = testapp.get(href)
    assert response.content_type == "text/css"
    assert response.body == STYLESHEET.read_bytes()


def test_the_footer_names_the_framework(testapp):
    assert texts(testapp.get("/login"), "framework")[0].startswith("Pyramid 2.")


@pytest.mark.parametrize("token", [None, "wrong"])
def test_a_form_without_its_csrf_token_is_forbidden_and_changes_nothing(testapp, dbsession, token):
    sign_up(testapp)
    body = {"name": "Forged"} if token is None else {"name": "Forged", "csrf_token": token}
    for path in ("/tasks", "/logout", "/account/delete"):
        page = testapp.post(path, body, status=403)
        assert texts(page, "error-title") == ["Forbidden"]
        assert texts(page, "error-detail") == [
            "The form has expired or was not sent from this site. Reload the page and try again."
        ]
    assert texts(testapp.get("/tasks"), "whoami") == ["ada"]  # still signed in
    assert dbsession.scalars(select(Task)).all() == []


def test_signing_in_gives_a_new_csrf_token(testapp):
    before = csrf_token(testapp.get("/login"))
    sign_up(testapp)
    assert csrf_token(testapp.get("/tasks")) != before


def test_the_api_needs_no_csrf_token_and_sets_no_cookie(testapp):
    body = {"username": "ada", "email": "ada@example.com", "password": "correct horse battery"}
    response = testapp.post_json("/api/v1/accounts", body, status=201)
    assert "Set-Cookie" not in response.headers


def test_the_api_never_reads_the_session_cookie(testapp):
    sign_up(testapp)
    testapp.get("/api/v1/accounts/ada", status=401)  # the cookie is sent, no bearer token


def test_with_secure_cookies_the_session_cookie_is_secure(live_app, sqlite_engine):
    browser = live_app(sqlite_engine, **{"session.secure_cookies": "true"})
    cookie = browser.get("/login").headers["Set-Cookie"]
    assert "secure" in [part.strip().lower() for part in cookie.split(";")]


def test_a_page_that_changes_nothing_sets_no_cookie(testapp):
    sign_up(testapp)
    assert "Set-Cookie" in testapp.get("/tasks").headers  # the flash message was taken out
    assert "Set-Cookie" not in testapp.get("/tasks").headers
