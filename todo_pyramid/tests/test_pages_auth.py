"""The site's sign-up, sign-in and sign-out (pages/auth.py), through the whole app (WebTest)."""

import pytest

from .conftest import PASSWORD, login, page_form, sign_in, sign_up, texts

WRONG_LOGIN = "The username or password is incorrect."


def test_the_root_sends_a_visitor_to_sign_in_and_a_member_to_the_tasks(testapp):
    assert testapp.get("/", status=302).location == "http://example.com/login"
    sign_up(testapp)
    assert testapp.get("/", status=302).location == "http://example.com/tasks"


def test_signing_up_signs_in_and_the_account_is_in_the_api(testapp):
    response = sign_up(testapp)
    assert response.location == "http://example.com/tasks"
    page = response.follow()
    assert texts(page, "flash") == ["Your account was created."]
    assert texts(page, "whoami") == ["ada"]
    login(testapp, "ada", PASSWORD)  # the API knows the account and its password


def test_a_signed_in_person_skips_the_sign_in_and_sign_up_pages(testapp):
    sign_up(testapp)
    for path in ("/login", "/signup"):
        assert testapp.get(path, status=302).location == "http://example.com/tasks"


def test_sign_up_errors_are_shown_beside_their_fields_and_nothing_is_saved(testapp):
    form = page_form(testapp.get("/signup"), "signup-form")
    form["username"], form["email"] = "no spaces", "ada@example.com"
    form["password"], form["confirm"] = "short", "shorter"
    page = form.submit(status=400)
    assert texts(page, "error-username") == ["Must be 3 to 32 letters, digits or underscores."]
    assert texts(page, "error-password") == ["Must be a string of 8 to 128 characters."]
    assert texts(page, "error-confirm") == ["The two passwords do not match."]
    assert texts(page, "error-email") == []
    username = page.html.find(id="signup-username")
    assert username["value"] == "no spaces"
    assert username["aria-invalid"] == "true"
    assert username["aria-describedby"] == "signup-username-error"
    assert page.html.find(id="signup-password")["value"] == ""  # never shown again
    login(testapp, "ada", PASSWORD, status=401)


def test_blank_fields_are_required(testapp):
    form = page_form(testapp.get("/signup"), "signup-form")
    form["username"] = " \t"
    page = form.submit(status=400)
    for field in ("username", "email", "password", "confirm"):
        assert texts(page, f"error-{field}") == ["This field is required."]


def test_a_taken_username_is_refused_and_the_first_account_is_untouched(testapp, new_browser):
    sign_up(testapp)
    page = sign_up(new_browser(), password="another password", status=400)
    assert texts(page, "error-username") == ["This username is already taken."]
    login(testapp, "ada", PASSWORD)


@pytest.mark.parametrize("mistake", ["username", "password"])
def test_a_wrong_username_or_password_gets_one_message_above_the_form(testapp, mistake):
    sign_up(testapp)
    testapp.reset()  # a new visitor
    typed = {"username": "ada", "password": PASSWORD}
    typed[mistake] += "x"
    page = sign_in(testapp, **typed, status=400)
    assert texts(page, "form-error") == [WRONG_LOGIN]
    assert page.html.find(id="login-username")["value"] == typed["username"]
    assert page.html.find(id="login-password")["value"] == ""
    assert texts(page, "whoami") == []


def test_a_page_asked_for_before_signing_in_is_shown_after_it(testapp):
    sign_up(testapp)
    testapp.reset()
    response = testapp.get("/tasks?status=done", status=302)
    assert response.location == "http://example.com/login?next=%2Ftasks%3Fstatus%3Ddone"
    page = response.follow()
    assert page.html.find("input", attrs={"name": "next"})["value"] == "/tasks?status=done"
    form = page_form(page, "login-form")
    form["username"], form["password"] = "ada", PASSWORD
    response = form.submit(status=303)
    assert response.location.endswith("/tasks?status=done")
    assert texts(response.follow(), "flash") == ["You are signed in."]


@pytest.mark.parametrize(
    "next_path",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_a_next_that_leaves_the_site_is_not_followed(testapp, next_path):
    sign_up(testapp)
    testapp.reset()
    response = sign_in(testapp, next_path=next_path)
    assert response.location == "http://example.com/tasks"


def test_signing_out_ends_the_session_and_a_copy_of_its_cookie_opens_nothing(testapp, new_browser):
    sign_up(testapp)
    thief = new_browser()
    thief.set_cookie("session", testapp.cookies["session"])
    thief.get("/tasks", status=200)
    page = testapp.get("/tasks")
    form = page.forms[0]  # the layout's sign-out button comes first
    assert form.action == "/logout"
    response = form.submit(status=303)
    assert response.location == "http://example.com/login"
    page = response.follow()
    assert texts(page, "flash") == ["You are signed out."]
    assert texts(page, "whoami") == []
    # The token row is gone: the copy signs nobody in.
    assert thief.get("/tasks", status=302).location.startswith("http://example.com/login")


def test_cookies_from_before_signing_in_sign_nobody_in(testapp, new_browser):
    sign_up(new_browser())
    testapp.get("/login")
    planted = testapp.cookies["session"]
    sign_in(testapp)
    assert testapp.cookies["session"] != planted
    attacker = new_browser()
    attacker.set_cookie("session", planted)
    attacker.get("/tasks", status=302)


def test_the_session_cookie_is_http_only_same_site_and_ends_with_the_browser(testapp):
    cookie = sign_up(testapp).headers["Set-Cookie"]
    attributes = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert "secure" not in attributes  # SECURE_COOKIES is false by default
    assert not [part for part in attributes if part.startswith(("max-age", "expires"))]


def test_signing_out_needs_a_post(testapp):
    response = testapp.get("/logout", status=405)
    assert response.headers["Allow"] == "POST"
    assert texts(response, "error-title") == ["Method not allowed"]
