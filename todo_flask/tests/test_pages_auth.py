"""Signing up, in and out in the browser (pages/auth.py): sessions, `next`, CSRF."""

from datetime import timedelta

import pytest
from conftest import SiteActions, by_testid
from sqlalchemy import func, select, update

from todo_flask.db import db
from todo_flask.models import Account, Task, Token, utc_now

NEW_ACCOUNT = {
    "username": "cleo",
    "email": "cleo@example.com",
    "password": "long enough",
    "confirm": "long enough",
}


def count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_the_home_page_sends_each_visitor_where_they_belong(site):
    assert site.client.get("/").headers["Location"] == "/login"
    site.login()
    assert site.client.get("/").headers["Location"] == "/tasks"
    assert site.client.get("/login").headers["Location"] == "/tasks"
    assert site.client.get("/signup").headers["Location"] == "/tasks"


def test_sign_up_creates_the_account_and_signs_it_in(app, site):
    response = site.post("/signup", NEW_ACCOUNT)
    assert response.status_code == 303
    assert response.headers["Location"] == "/tasks"
    page = site.client.get("/tasks")
    assert by_testid(page, "flash") == ["Your account was created."]
    assert by_testid(page, "whoami") == ["cleo"]
    assert count(app, Account) == 3


def test_sign_up_with_invalid_fields_shows_them_again_and_saves_nothing(app, site):
    fields = {"username": "x!", "email": "cleo", "password": "short", "confirm": "other"}
    response = site.post("/signup", fields)
    assert response.status_code == 400
    assert by_testid(response, "error-username") == [
        "Must be 3 to 32 letters, digits or underscores."
    ]
    assert by_testid(response, "error-email") == [
        "Must be an email address (name@domain) of at most 254 characters."
    ]
    assert by_testid(response, "error-password") == ["Must be a string of 8 to 128 characters."]
    assert by_testid(response, "error-confirm") == ["The two passwords do not match."]
    assert 'value="cleo"' in response.text  # the email typed
    assert 'value="short"' not in response.text  # passwords are never sent back
    assert 'aria-describedby="signup-username-error"' in response.text
    assert count(app, Account) == 2


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("ada", "This username is already taken."),
        ("login", "This username is reserved."),
        (" \u3000 ", "This field is required."),
    ],
)
def test_sign_up_usernames(site, username, message):
    response = site.post("/signup", {**NEW_ACCOUNT, "username": username})
    assert response.status_code == 400
    assert by_testid(response, "error-username") == [message]


def test_sign_in_starts_a_session_and_follows_a_local_next(site):
    response = site.login(next="/tasks?status=open")
    assert response.headers["Location"] == "/tasks?status=open"
    assert by_testid(site.client.get("/tasks"), "flash") == ["You are signed in."]


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "", "tasks", "/a\\b", "/\x7f"],
)
def test_sign_in_ignores_a_next_that_is_not_a_local_path(site, target):
    assert site.login(next=target).headers["Location"] == "/tasks"


@pytest.mark.parametrize(("username", "password"), [("ada", "wrong password"), ("no one", "x")])
def test_a_failed_sign_in_says_so_above_the_form(site, username, password):
    response = site.post("/login", {"username": username, "password": password})
    assert response.status_code == 400
    assert by_testid(response, "form-error") == ["The username or password is incorrect."]
    assert f'value="{username}"' in response.text
    assert site.client.get("/tasks").status_code == 302


def test_sign_in_fields_are_required(site):
    response = site.post("/login", {"username": " ", "password": ""})
    assert response.status_code == 400
    assert by_testid(response, "error-username") == ["This field is required."]
    assert by_testid(response, "error-password") == ["This field is required."]


def test_a_page_needs_a_session_and_remembers_where_it_was(site):
    response = site.client.get("/tasks?status=done&page=2")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/tasks?status%3Ddone%26page%3D2"
    sign_in = site.client.get(response.headers["Location"])
    assert 'name="next" type="hidden" value="/tasks?status=done&amp;page=2"' in sign_in.text


def test_a_form_sent_without_a_session_is_the_403_page(app, site):
    response = site.post("/tasks", {"name": "x"})
    assert response.status_code == 403
    assert by_testid(response, "error-title") == ["Forbidden"]
    assert count(app, Task) == 0


@pytest.mark.parametrize("token", [None, "wrong"])
def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(app, ada, token):
    data = {"name": "x"} | ({"csrf_token": token} if token else {})
    response = ada.client.post("/tasks", data=data)
    assert response.status_code == 403
    assert by_testid(response, "error-detail") == [
        "The form has expired or was not sent from this site. Reload the page and try again."
    ]
    assert ada.client.post("/logout", data=data).status_code == 403
    assert count(app, Task) == 0
    assert ada.client.get("/tasks").status_code == 200  # still signed in


def test_the_session_cookie_ends_with_the_browser_and_is_httponly_lax(site):
    cookie = site.login().headers["Set-Cookie"]
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Expires" not in cookie
    assert "Max-Age" not in cookie
    assert "Secure" not in cookie


def test_secure_cookies(make_app, monkeypatch):
    monkeypatch.setenv("SECURE_COOKIES", "true")
    site = SiteActions(make_app().test_client())
    assert "Secure" in site.login().headers["Set-Cookie"]


def test_sign_out_ends_the_session_on_the_server(app, ada):
    copy = ada.client.get_cookie("session").value
    response = ada.post("/logout")
    assert response.status_code == 303
    assert response.headers["Location"] == "/login"
    assert by_testid(ada.client.get("/login"), "flash") == ["You are signed out."]
    assert count(app, Token) == 0
    thief = app.test_client()
    thief.set_cookie("session", copy)
    assert thief.get("/tasks").status_code == 302  # the copy opens nothing


def test_a_new_session_on_every_sign_in(app, site):
    site.client.get("/login")
    before = site.client.get_cookie("session").value
    site.login()
    after = site.client.get_cookie("session").value
    assert after != before
    visitor = app.test_client()
    visitor.set_cookie("session", before)
    assert visitor.get("/tasks").status_code == 302
    site.login()  # again: a second session, a second token
    assert count(app, Token) == 2


def test_a_forged_session_cookie_signs_no_one_in(client):
    client.set_cookie("session", '{"token": "x"}')
    assert client.get("/tasks").status_code == 302


def test_a_session_ends_after_the_token_ttl(app, ada):
    with app.app_context():
        db.session.execute(update(Token).values(expires_at=utc_now() - timedelta(seconds=1)))
        db.session.commit()
    assert ada.client.get("/tasks").status_code == 302


def test_an_api_password_change_ends_browser_sessions(ada, auth):
    headers = auth.login()
    body = {"password": "a new password"}
    assert ada.client.patch("/api/v1/accounts/ada", json=body, headers=headers).status_code == 200
    assert ada.client.get("/tasks").status_code == 302


def test_deleting_the_account_through_the_api_ends_browser_sessions(ada, headers):
    assert ada.client.delete("/api/v1/accounts/ada", headers=headers).status_code == 204
    assert ada.client.get("/tasks").status_code == 302


def test_the_session_cookie_opens_nothing_in_the_api(ada):
    response = ada.client.get("/api/v1/accounts/ada")  # the cookie goes with it; bearer only
    assert response.status_code == 401
