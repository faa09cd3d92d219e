"""The account page (pages/account.py): details, email, password, deleting the account."""

from conftest import PASSWORD, SiteActions, by_testid
from sqlalchemy import func, select

from todo_flask.db import db
from todo_flask.models import Account, Task, Token


def test_the_account_page(ada):
    ada.add_task()
    page = ada.client.get("/account")
    assert page.status_code == 200
    assert by_testid(page, "account-username") == ["ada"]
    assert by_testid(page, "account-email") == ["ada@example.com"]
    assert by_testid(page, "account-task-count") == ["1"]
    assert "<dt>Member since</dt><dd>" in page.text


def test_changing_the_email(ada, client, headers):
    response = ada.post("/account/email", {"email": "ada@new.example"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/account"
    page = ada.client.get("/account")
    assert by_testid(page, "flash") == ["Your email was changed."]
    assert client.get("/api/v1/accounts/ada", headers=headers).json["email"] == "ada@new.example"


def test_an_invalid_email_shows_the_page_again_with_the_error_on_that_form_only(ada):
    response = ada.post("/account/email", {"email": "not an email"})
    assert response.status_code == 400
    assert by_testid(response, "error-email") == [
        "Must be an email address (name@domain) of at most 254 characters."
    ]
    assert 'value="not an email"' in response.text
    assert 'data-testid="error-current_password"' not in response.text
    assert by_testid(ada.client.get("/account"), "account-email") == ["ada@example.com"]


def test_changing_the_password_ends_every_other_session_and_api_token(app, ada, client, auth):
    other_browser = SiteActions(app.test_client())
    other_browser.login()
    headers = auth.login()
    fields = {
        "current_password": PASSWORD,
        "password": "a new password",
        "confirm": "a new password",
    }
    response = ada.post("/account/password", fields)
    assert response.status_code == 303
    page = ada.client.get("/account")  # this session goes on
    assert by_testid(page, "flash") == [
        "Your password was changed. Your other sessions and API tokens were signed out."
    ]
    assert other_browser.client.get("/tasks").status_code == 302
    assert client.get("/api/v1/accounts/ada", headers=headers).status_code == 401
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Token)) == 1
    assert auth.login(password="a new password")


def test_an_invalid_password_change_changes_nothing(app, ada, auth):
    fields = {"current_password": "wrong", "password": "short", "confirm": "other"}
    response = ada.post("/account/password", fields)
    assert response.status_code == 400
    assert by_testid(response, "error-current_password") == ["The password is incorrect."]
    assert by_testid(response, "error-password") == ["Must be a string of 8 to 128 characters."]
    assert by_testid(response, "error-confirm") == ["The two passwords do not match."]
    assert 'id="password-current_password"' in response.text
    assert 'aria-describedby="delete-account-current_password-error"' not in response.text
    assert auth.login()  # the old password still opens the account


def test_deleting_the_account(app, ada, headers):
    ada.add_task()
    copy = ada.client.get_cookie("session").value
    response = ada.post("/account/delete", {"current_password": PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == "/login"
    assert by_testid(ada.client.get("/login"), "flash") == ["Your account was deleted."]
    with app.app_context():
        assert db.session.scalar(select(Account).where(Account.username == "ada")) is None
        assert db.session.scalar(select(func.count()).select_from(Task)) == 0
    assert ada.client.get("/api/v1/accounts/ada", headers=headers).status_code == 401
    thief = app.test_client()
    thief.set_cookie("session", copy)
    assert thief.get("/account").status_code == 302


def test_deleting_the_account_needs_its_password(app, ada):
    response = ada.post("/account/delete", {"current_password": ""})
    assert response.status_code == 400
    assert by_testid(response, "error-current_password") == ["This field is required."]
    assert 'aria-describedby="delete-account-current_password-error"' in response.text
    assert ada.client.get("/account").status_code == 200


def test_the_site_on_postgresql(postgresql_app):
    # A POST locks the session's account first there (auth.live_token), as the API's writes do.
    site = SiteActions(postgresql_app.test_client())
    site.login()
    site.add_task()
    fields = {
        "current_password": PASSWORD,
        "password": "a new password",
        "confirm": "a new password",
    }
    assert site.post("/account/password", fields).status_code == 303
    assert by_testid(site.client.get("/tasks"), "task-name") == ["Buy milk"]
    assert site.post("/logout").status_code == 303
