"""Sessions, CSRF, escaping, headers, cookies and error pages (shared_spec/ui.md)."""

from html.parser import HTMLParser
from http.cookies import SimpleCookie

import pytest
import requests
from browsing import (
    add_task,
    api_tasks,
    api_token,
    click,
    follow,
    hidden_fields,
    login_next,
    new_person,
    path_of,
    sign_in,
    sign_up,
    task_names,
)
from harness import startable
from playwright.sync_api import expect

HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}
FORBIDDEN = "The form has expired or was not sent from this site. Reload the page and try again."


@pytest.mark.parametrize("forgery", ["no token", "a wrong token"])
def test_a_form_posted_without_its_csrf_token_is_refused_and_changes_nothing(page, api, forgery):
    person = sign_up(page)
    page.goto("/tasks")
    fields = hidden_fields(page, "add-form")
    assert fields, "the add form carries a CSRF token in a hidden field"
    if forgery == "no token":
        fields = {}
    else:
        fields = {name: (value or "x")[::-1] + "x" for name, value in fields.items()}
    for path, form in [("/tasks", {"name": "Forged"}), ("/logout", {})]:
        response = page.request.post(path, form={**fields, **form}, max_redirects=0)
        assert response.status == 403, path
        assert 'data-testid="error-title"' in response.text()
    page.goto("/tasks")
    expect(page.get_by_test_id("whoami")).to_have_text(person.username)  # still signed in
    assert task_names(page) == []
    assert api_tasks(api, api_token(api, person), person) == []


def test_a_name_that_looks_like_a_script_is_shown_as_text(page):
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message) or dialog.dismiss())
    sign_up(page)
    name = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    add_task(page, name, note="<b>bold?</b>")
    assert task_names(page) == [name]
    expect(page.get_by_test_id("task-note")).to_have_text("<b>bold?</b>")
    follow(page, page.get_by_test_id("edit"))
    expect(page.get_by_test_id("edit-form").locator('[name="name"]')).to_have_value(name)
    assert dialogs == []
    assert page.locator("script, main img, main b").count() == 0


def test_every_page_carries_the_security_headers(page, running):
    sign_up(page)
    paths = ["/", "/tasks", "/tasks?page=9", "/account", "/nothing-here", "/logout"]
    for path in paths:
        response = page.request.get(path, max_redirects=0)
        for header, value in HEADERS.items():
            assert response.headers.get(header) == value, (path, header)
    signed_out = requests.get(running.base_url + "/login", timeout=10)
    assert {header: signed_out.headers.get(header) for header in HEADERS} == HEADERS


def test_cookies_are_http_only_same_site_and_the_session_ends_with_the_browser(new_context):
    context = new_context()
    page = context.new_page()
    sign_up(page)
    cookies = context.cookies()
    assert cookies
    for cookie in cookies:
        assert (cookie["name"], cookie["httpOnly"], cookie["sameSite"]) == (
            cookie["name"],
            True,
            "Lax",
        )
    # What a browser keeps after it closes: only cookies with an expiry. They sign nobody in.
    kept = {"cookies": [c for c in cookies if c["expires"] != -1], "origins": []}
    reopened = new_context_with(new_context, kept)
    reopened.goto("/tasks")
    assert login_next(reopened) == "/tasks"


def new_context_with(new_context, state):
    """A page in a new context that starts with the cookies of `state` (a storage state)."""
    context = new_context()
    if state["cookies"]:
        context.add_cookies(state["cookies"])
    return context.new_page()


def test_a_copy_of_the_cookies_taken_before_sign_out_opens_nothing(new_context):
    context = new_context()
    page = context.new_page()
    sign_up(page)
    copied = context.storage_state()
    assert new_context_with(new_context, copied).goto("/tasks").url.endswith("/tasks")
    click(page, page.get_by_test_id("logout"))
    thief = new_context_with(new_context, copied)
    thief.goto("/tasks")
    assert login_next(thief) == "/tasks"


def test_cookies_from_before_sign_in_sign_nobody_in(new_context):
    """No session fixation: whoever planted the visitor's cookies is not signed in with them."""
    person = sign_up(new_context().new_page())
    context = new_context()
    page = context.new_page()
    page.goto("/login")
    planted = context.storage_state()
    sign_in(page, person)
    assert path_of(page) == "/tasks"
    attacker = new_context_with(new_context, planted)
    attacker.goto("/tasks")
    assert login_next(attacker) == "/tasks"


def test_unknown_addresses_and_methods_are_pages_in_the_layout(page):
    response = page.goto("/no/such/page")
    assert response.status == 404
    assert response.headers["content-type"].startswith("text/html")
    expect(page.get_by_test_id("error-title")).to_have_text("Page not found")
    expect(page.get_by_test_id("error-detail")).to_have_text("There is nothing at this address.")
    expect(page.locator("header.site a.brand")).to_have_text("To-Do")
    response = page.goto("/logout")
    assert response.status == 405
    assert "POST" in [m.strip() for m in response.headers["allow"].split(",")]
    expect(page.get_by_test_id("error-title")).to_have_text("Method not allowed")
    expect(page.get_by_test_id("error-detail")).to_have_text(
        "This address does not support that method."
    )


def test_a_post_without_a_session_is_the_forbidden_page(page):
    sign_up(page)
    page.goto("/tasks")
    fields = hidden_fields(page, "add-form")
    click(page, page.get_by_test_id("logout"))
    response = page.request.post("/tasks", form={**fields, "name": "late"}, max_redirects=0)
    assert response.status == 403
    assert FORBIDDEN in response.text()


def test_the_stylesheet_is_served(page):
    page.goto("/login")
    href = page.locator('link[rel="stylesheet"]').get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/css")
    assert "--accent" in response.text()
    assert page.locator("header.site").evaluate("e => getComputedStyle(e).display") == "flex"


class HiddenFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name") != "next":
            self.fields[attrs["name"]] = attrs.get("value") or ""


def set_cookies(response):
    """Every cookie a response sets, as morsels (with their attributes)."""
    cookies = []
    for header in response.raw.headers.getlist("Set-Cookie"):
        cookie = SimpleCookie()
        cookie.load(header)
        cookies += cookie.values()
    return cookies


@startable
def test_with_secure_cookies_every_cookie_is_secure(running):
    server = running.start_another(SECURE_COOKIES="true")
    try:
        signup = requests.get(server.base_url + "/signup", timeout=10)
        first = set_cookies(signup)
        parser = HiddenFields()
        parser.feed(signup.text)
        username = new_person().username
        form = {**parser.fields, "username": username, "email": f"{username}@example.com"}
        form.update(password="correct horse battery", confirm="correct horse battery")
        # The cookies go back by hand: a client follows Secure and keeps them from http://.
        cookie_header = "; ".join(f"{c.key}={c.coded_value}" for c in first)
        created = requests.post(
            server.base_url + "/signup",
            data=form,
            headers={"Cookie": cookie_header},
            allow_redirects=False,
            timeout=10,
        )
        assert created.status_code == 303, created.text
        cookies = first + set_cookies(created)
        assert cookies
        for cookie in cookies:
            assert (cookie.key, cookie["secure"], cookie["httponly"], cookie["samesite"]) == (
                cookie.key,
                True,
                True,
                "Lax",
            )
    finally:
        server.stop()


def test_head_answers_as_get_does(page):
    sign_up(page)
    for path in ("/", "/login", "/tasks", "/account", "/no/such/page"):
        get = page.request.get(path, max_redirects=0)
        head = page.request.head(path, max_redirects=0)
        assert (head.status, head.headers.get("location")) == (
            get.status,
            get.headers.get("location"),
        )
        assert head.body() == b"", path
