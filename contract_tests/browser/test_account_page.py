"""The account page: details, email, password, deletion (shared_spec/ui.md)."""

from browsing import (
    api_token,
    field_error,
    follow,
    login_next,
    path_of,
    sign_in,
    sign_up,
    submit,
)
from playwright.sync_api import expect

NEW_PASSWORD = "a much better passphrase"


def test_the_account_page_shows_the_account(page):
    person = sign_up(page)
    follow(page, page.get_by_test_id("whoami"))
    assert path_of(page) == "/account"
    expect(page).to_have_title("Account · To-Do")
    expect(page.get_by_test_id("account-username")).to_have_text(person.username)
    expect(page.get_by_test_id("account-email")).to_have_text(person.email)
    expect(page.get_by_test_id("account-task-count")).to_have_text("0")


def test_changing_the_email(page, api):
    person = sign_up(page)
    page.goto("/account")
    response = submit(page, "email-form", email="not an email")
    assert response.status == 400
    expect(field_error(page, "email", "email")).to_have_text(
        "Must be an email address (name@domain) of at most 254 characters."
    )
    assert submit(page, "email-form", email="new@example.org").status == 303
    assert path_of(page) == "/account"
    expect(page.get_by_test_id("flash")).to_have_text("Your email was changed.")
    expect(page.get_by_test_id("account-email")).to_have_text("new@example.org")
    token = api_token(api, person)
    assert api.get(f"/api/v1/accounts/{person.username}", token=token).json()["email"] == (
        "new@example.org"
    )


def test_a_password_change_ends_the_other_sessions_and_the_api_tokens(new_context, api):
    page = new_context().new_page()
    person = sign_up(page)
    other = new_context().new_page()
    sign_in(other, person)
    token = api_token(api, person)

    page.goto("/account")
    response = submit(
        page,
        "password-form",
        current_password="wrong password",
        password=NEW_PASSWORD,
        confirm=NEW_PASSWORD,
    )
    assert response.status == 400
    expect(field_error(page, "password", "current_password")).to_have_text(
        "The password is incorrect."
    )
    response = submit(
        page,
        "password-form",
        current_password=person.password,
        password=NEW_PASSWORD,
        confirm=NEW_PASSWORD,
    )
    assert response.status == 303
    expect(page.get_by_test_id("flash")).to_have_text(
        "Your password was changed. Your other sessions and API tokens were signed out."
    )
    page.goto("/tasks")
    assert path_of(page) == "/tasks"  # this session goes on

    other.goto("/tasks")
    assert login_next(other) == "/tasks"
    assert api.get(f"/api/v1/accounts/{person.username}", token=token).status_code == 401
    person.password = NEW_PASSWORD
    sign_in(other, person)
    assert path_of(other) == "/tasks"


def test_a_password_changed_through_the_api_ends_the_browser_session(page, api):
    person = sign_up(page)
    token = api_token(api, person)
    body = {"password": NEW_PASSWORD}
    response = api.patch(f"/api/v1/accounts/{person.username}", token=token, json=body)
    assert response.status_code == 200
    page.goto("/account")
    assert login_next(page) == "/account"


def test_deleting_the_account(page, api):
    person = sign_up(page)
    page.goto("/account")
    response = submit(page, "delete-account-form", current_password="not my password")
    assert response.status == 400
    expect(field_error(page, "delete-account", "current_password")).to_have_text(
        "The password is incorrect."
    )
    api_token(api, person)  # still there
    response = submit(page, "delete-account-form", current_password=person.password)
    assert response.status == 303
    assert path_of(page) == "/login"
    expect(page.get_by_test_id("flash")).to_have_text("Your account was deleted.")
    expect(page.get_by_test_id("whoami")).to_have_count(0)
    login = {"username": person.username, "password": person.password}
    assert api.post("/api/v1/accounts/login", json=login).status_code == 401
