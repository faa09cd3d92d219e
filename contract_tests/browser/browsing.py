"""What a person does on the site, step by step, for the browser suite (shared_spec/ui.md)."""

import os
import re
import shutil
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

expect.set_options(timeout=10_000)

PASSWORD = "correct horse battery"
# Flags for a headless Chromium on a machine without a network beyond the registries: without the
# background-networking ones, Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium(playwright):
    """Debian's chromium (or the one CHROMIUM names), headless; LookupError when there is none."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        raise LookupError("no chromium: `make ui` installs Debian's package, or set CHROMIUM")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


@dataclass
class Person:
    """Someone with an account, as the browser suite signs them up."""

    username: str
    email: str
    password: str = PASSWORD


def new_person():
    username = f"b_{uuid.uuid4().hex[:16]}"
    return Person(username, f"{username}@example.com")


def submit(page, testid, **fields):
    """Fill the form `data-testid=testid` by field name, submit it, wait for the page it leads to.

    Returns the response to the POST itself (a 303 when the form was accepted).
    """
    form = page.get_by_test_id(testid)
    for name, value in fields.items():
        form.locator(f'[name="{name}"]').fill(value)
    return click(page, form.locator('button[type="submit"]'))


def click(page, button):
    """Click a button that posts a form; returns the POST's response once the next page is shown."""
    with (
        page.expect_navigation(),
        page.expect_response(lambda response: response.request.method == "POST") as posted,
    ):
        button.click()
    return posted.value


def follow(page, link):
    """Click a link; return once the page it leads to has loaded.

    A bare click returns as soon as the navigation starts, when the new page's
    body may not be parsed yet: reading it then sees an empty list.
    """
    with page.expect_navigation():
        link.click()


def sign_up(page, person=None):
    person = person or new_person()
    page.goto("/signup")
    submit(
        page,
        "signup-form",
        username=person.username,
        email=person.email,
        password=person.password,
        confirm=person.password,
    )
    expect(page.get_by_test_id("whoami")).to_have_text(person.username)
    return person


def sign_in(page, person):
    page.goto("/login")
    submit(page, "login-form", username=person.username, password=person.password)


def add_task(page, name, note="", due_date=""):
    page.goto("/tasks")
    submit(page, "add-form", name=name, note=note, due_date=due_date)
    expect(page.get_by_test_id("flash")).to_have_text("The task was added.")


def task_item(page, name):
    """The list item of the task called `name` on the page shown."""
    return page.get_by_test_id("task").filter(
        has=page.get_by_test_id("task-name").get_by_text(name, exact=True)
    )


def task_names(page):
    return page.get_by_test_id("task-name").all_inner_texts()


def path_of(page):
    """The path and query of the page the browser shows."""
    return re.sub(r"^https?://[^/]+", "", page.url)


def api_token(api, person):
    response = api.post(
        "/api/v1/accounts/login", json={"username": person.username, "password": person.password}
    )
    assert response.status_code == 200, response.text
    return response.json()["token"]


def api_tasks(api, token, person):
    """The account's tasks as the API lists them (up to 100)."""
    response = api.get(f"/api/v1/accounts/{person.username}/tasks?limit=100", token=token)
    assert response.status_code == 200, response.text
    return response.json()["tasks"]


def hidden_fields(page, testid):
    """The hidden fields of a form on the page shown (its CSRF token, whatever its name)."""
    inputs = page.get_by_test_id(testid).locator('input[type="hidden"]')
    return {
        field.get_attribute("name"): field.get_attribute("value") or "" for field in inputs.all()
    }


def field_error(page, form, field):
    """The error shown beside `field` of `form`, checked to be tied to its input for readers."""
    error = page.get_by_test_id(f"{form}-form").get_by_test_id(f"error-{field}")
    expect(error).to_have_attribute("id", f"{form}-{field}-error")
    field_input = page.locator(f"#{form}-{field}")
    expect(field_input).to_have_attribute("aria-invalid", "true")
    expect(field_input).to_have_attribute("aria-describedby", f"{form}-{field}-error")
    return error


def login_next(page):
    """On the sign-in page: the path it will return to (the decoded `next` of its URL)."""
    url = urlsplit(page.url)
    assert url.path == "/login", page.url
    return parse_qs(url.query).get("next", [None])[0]
