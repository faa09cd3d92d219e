"""The site's account page (pages/account.py), through the whole app (WebTest)."""

from sqlalchemy import select

from todo_pyramid.models import Account

from .conftest import PASSWORD, login, page_form, sign_in, sign_up, texts

NEW_PASSWORD = "a much better passphrase"


def test_the_account_page_shows_the_account(testapp):
    sign_up(testapp)
    page = testapp.get("/account")
    assert page.html.find("title").get_text() == "Account · To-Do"
    assert texts(page, "account-username") == ["ada"]
    assert texts(page, "account-email") == ["ada@example.com"]
    assert texts(page, "account-task-count") == ["0"]


def test_changing_the_email(testapp, auth):
    sign_up(testapp)
    form = page_form(testapp.get("/account"), "email-form")
    form["email"] = "not an email"
    page = form.submit(status=400)
    assert texts(page, "error-email") == [
        "Must be an email address (name@domain) of at most 254 characters."
    ]
    assert page.html.find(id="email-email")["value"] == "not an email"
    assert texts(page, "error-current_password") == []  # the other forms show no error
    form = page_form(page, "email-form")
    form["email"] = "new@example.org"
    response = form.submit(status=303)
    assert response.location == "http://example.com/account"
    page = response.follow()
    assert texts(page, "flash") == ["Your email was changed."]
    assert texts(page, "account-email") == ["new@example.org"]
    token = login(testapp).json["token"]
    assert testapp.get("/api/v1/accounts/ada", headers=auth(token)).json["email"] == (
        "new@example.org"
    )


def change_password(browser, current, new=NEW_PASSWORD, confirm=None, status=303):
    form = page_form(browser.get("/account"), "password-form")
    form["current_password"], form["password"] = current, new
    form["confirm"] = new if confirm is None else confirm
    return form.submit(status=status)


def test_a_wrong_current_password_or_confirmation_changes_nothing(testapp):
    sign_up(testapp)
    page = change_password(testapp, "wrong password", confirm="something else", status=400)
    assert texts(page, "error-current_password") == ["The password is incorrect."]
    assert texts(page, "error-confirm") == ["The two passwords do not match."]
    login(testapp, "ada", PASSWORD)


def test_a_password_change_keeps_this_session_and_ends_the_others_and_the_api_tokens(
    testapp, new_browser, auth
):
    sign_up(testapp)
    other = new_browser()
    sign_in(other)
    token = login(testapp).json["token"]
    response = change_password(testapp, PASSWORD)
    assert response.location == "http://example.com/account"
    assert texts(response.follow(), "flash") == [
        "Your password was changed. Your other sessions and API tokens were signed out."
    ]
    testapp.get("/tasks", status=200)  # this session goes on
    assert other.get("/tasks", status=302).location.startswith("http://example.com/login")
    testapp.get("/api/v1/accounts/ada", headers=auth(token), status=401)
    login(testapp, "ada", NEW_PASSWORD)


def test_a_password_changed_through_the_api_ends_the_browser_session(testapp, auth):
    sign_up(testapp)
    token = login(testapp).json["token"]
    body = {"password": NEW_PASSWORD}
    testapp.patch_json("/api/v1/accounts/ada", body, headers=auth(token), status=200)
    location = testapp.get("/account", status=302).location
    assert location == "http://example.com/login?next=%2Faccount"


def test_deleting_the_account(testapp, new_browser, dbsession):
    sign_up(testapp)
    other = new_browser()
    sign_in(other)
    form = page_form(testapp.get("/account"), "delete-account-form")
    form["current_password"] = "not my password"
    page = form.submit(status=400)
    error = page.html.find(attrs={"data-testid": "error-current_password"})
    assert (error.get_text(), error["id"]) == (
        "The password is incorrect.",
        "delete-account-current_password-error",
    )
    form = page_form(page, "delete-account-form")
    form["current_password"] = PASSWORD
    response = form.submit(status=303)
    assert response.location == "http://example.com/login"
    page = response.follow()
    assert texts(page, "flash") == ["Your account was deleted."]
    assert texts(page, "whoami") == []
    assert dbsession.scalars(select(Account)).all() == []
    other.get("/tasks", status=302)  # every session of the account ended with it
