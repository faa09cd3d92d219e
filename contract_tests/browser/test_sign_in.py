"""Signing up, in and out (shared_spec/ui.md, Pages and actions; Forms and validation)."""

from urllib.parse import quote

import pytest
from browsing import (
    api_token,
    click,
    field_error,
    login_next,
    new_person,
    path_of,
    sign_in,
    sign_up,
    submit,
)
from playwright.sync_api import expect

WRONG_LOGIN = "The username or password is incorrect."


def test_the_root_sends_a_visitor_to_sign_in_and_a_member_to_the_tasks(page):
    page.goto("/")
    assert path_of(page) == "/login"
    expect(page.locator("h1")).to_have_text("Sign in")
    expect(page).to_have_title("Sign in · To-Do")
    sign_up(page)
    page.goto("/")
    assert path_of(page) == "/tasks"
    expect(page).to_have_title("Tasks · To-Do")


def test_signing_up_signs_in_and_the_account_is_in_the_api(page, api):
    person = sign_up(page)
    assert path_of(page) == "/tasks"
    expect(page.get_by_test_id("flash")).to_have_text("Your account was created.")
    expect(page.get_by_test_id("no-tasks")).to_have_text("No tasks here yet.")
    token = api_token(api, person)
    account = api.get(f"/api/v1/accounts/{person.username}", token=token).json()
    assert account["email"] == person.email


def test_signing_out_then_in_again(page):
    person = sign_up(page)
    response = click(page, page.get_by_test_id("logout"))
    assert response.status == 303
    assert path_of(page) == "/login"
    expect(page.get_by_test_id("flash")).to_have_text("You are signed out.")
    expect(page.get_by_test_id("whoami")).to_have_count(0)
    page.goto("/tasks")
    assert login_next(page) == "/tasks"
    sign_in(page, person)
    assert path_of(page) == "/tasks"
    expect(page.get_by_test_id("flash")).to_have_text("You are signed in.")
    expect(page.get_by_test_id("whoami")).to_have_text(person.username)


def test_a_signed_in_person_skips_the_sign_in_and_sign_up_pages(page):
    sign_up(page)
    for path in ("/login", "/signup"):
        page.goto(path)
        assert path_of(page) == "/tasks"


@pytest.mark.parametrize("mistake", ["password", "username"])
def test_a_wrong_username_or_password_gets_one_message(page, mistake):
    person = sign_up(page)
    click(page, page.get_by_test_id("logout"))
    typed = {"username": person.username, "password": person.password}
    typed[mistake] += "x"
    response = submit(page, "login-form", **typed)
    assert response.status == 400
    expect(page.get_by_test_id("form-error")).to_have_text(WRONG_LOGIN)
    expect(page.locator("#login-username")).to_have_value(typed["username"])
    expect(page.locator("#login-password")).to_have_value("")
    expect(page.get_by_test_id("whoami")).to_have_count(0)


def test_a_page_asked_for_before_signing_in_is_shown_after_it(page):
    person = sign_up(page)
    click(page, page.get_by_test_id("logout"))
    page.goto("/tasks?status=done")
    assert login_next(page) == "/tasks?status=done"
    submit(page, "login-form", username=person.username, password=person.password)
    assert path_of(page) == "/tasks?status=done"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"],
)
def test_a_next_that_leaves_the_site_is_not_followed(page, running, next_url):
    person = sign_up(page)
    click(page, page.get_by_test_id("logout"))
    page.goto("/login?next=" + quote(next_url, safe=""))
    submit(page, "login-form", username=person.username, password=person.password)
    assert page.url == running.base_url + "/tasks"


def test_sign_up_errors_are_shown_beside_their_fields_and_nothing_is_saved(page, api):
    person = new_person()
    page.goto("/signup")
    typed = dict(username="no spaces", email=person.email, password="short", confirm="shorter")
    response = submit(page, "signup-form", **typed)
    assert response.status == 400
    expect(field_error(page, "signup", "username")).to_have_text(
        "Must be 3 to 32 letters, digits or underscores."
    )
    expect(field_error(page, "signup", "password")).to_have_text(
        "Must be a string of 8 to 128 characters."
    )
    expect(field_error(page, "signup", "confirm")).to_have_text("The two passwords do not match.")
    expect(page.get_by_test_id("error-email")).to_have_count(0)
    expect(page.locator("#signup-username")).to_have_value("no spaces")
    expect(page.locator("#signup-email")).to_have_value(person.email)
    expect(page.locator("#signup-password")).to_have_value("")

    typed = dict(username=person.username, email="not-an-email")
    response = submit(
        page, "signup-form", **typed, password=person.password, confirm=person.password
    )
    assert response.status == 400
    expect(field_error(page, "signup", "email")).to_have_text(
        "Must be an email address (name@domain) of at most 254 characters."
    )
    expect(page.get_by_test_id("error-username")).to_have_count(0)

    response = submit(page, "signup-form", username=" ", email="", password="", confirm="")
    assert response.status == 400
    for field in ("username", "email", "password", "confirm"):
        expect(field_error(page, "signup", field)).to_have_text("This field is required.")

    login = {"username": person.username, "password": person.password}
    assert api.post("/api/v1/accounts/login", json=login).status_code == 401


def test_a_taken_username_is_refused_and_the_first_account_is_untouched(new_context, api):
    person = sign_up(new_context().new_page())
    page = new_context().new_page()
    page.goto("/signup")
    response = submit(
        page,
        "signup-form",
        username=person.username,
        email="other@example.com",
        password="another password",
        confirm="another password",
    )
    assert response.status == 400
    expect(field_error(page, "signup", "username")).to_have_text("This username is already taken.")
    api_token(api, person)  # the first account still signs in with its own password
