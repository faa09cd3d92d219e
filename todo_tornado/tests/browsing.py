"""SiteTestCase: the site's tests, with a Browser that keeps cookies and sends CSRF tokens."""

import re
from html import unescape
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tornado.web import create_signed_value

from todo_tornado import auth
from todo_tornado.models import Account, Task

from .support import ApiTestCase

SECRET_KEY = "test secret"  # what support.ApiTestCase gives make_app
HIDDEN_XSRF = re.compile(r'name="_xsrf" value="([^"]+)"')


class Browser:
    """One browser: the cookies it was given, sent back on each request (no redirect followed)."""

    def __init__(self, test: ApiTestCase):
        self.test = test
        self.cookies = {}  # name -> value as sent in a Cookie header
        self.set_cookies = []  # every Set-Cookie morsel received, with its attributes

    def get(self, path, method="GET"):
        return self.request(method, path)

    def post(self, path, csrf=True, **fields):
        """Post a form; csrf=True adds the token of a form the site showed this browser."""
        if csrf and "_xsrf" not in fields:
            fields["_xsrf"] = self.csrf_token()
        return self.request("POST", path, urlencode(fields))

    def request(self, method, path, body=None):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = self.test.fetch(
            path,
            method=method,
            body=body,
            headers=headers,
            follow_redirects=False,
            raise_error=False,
            allow_nonstandard_methods=True,
        )
        for header in response.headers.get_list("Set-Cookie"):
            cookie = SimpleCookie()
            cookie.load(header)
            for morsel in cookie.values():
                self.set_cookies.append(morsel)
                if morsel.value:
                    self.cookies[morsel.key] = morsel.coded_value
                else:  # cleared (expired)
                    self.cookies.pop(morsel.key, None)
        response.text = response.body.decode()
        return response

    def csrf_token(self) -> str:
        """The token of the forms the site shows this browser (the page sets its cookie)."""
        page = self.get("/login")
        if page.code == 302:  # signed in
            page = self.get("/account")
        return unescape(HIDDEN_XSRF.search(page.text)[1])

    def sign_in_as(self, secret: str):
        """Hold a session whose token is `secret` (as sign-in would, without paying for bcrypt)."""
        signed = create_signed_value(SECRET_KEY, "session", secret)
        self.cookies["session"] = '"' + signed.decode() + '"'


class SiteTestCase(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.browser = Browser(self)

    def signed_in(self, username="ada") -> Browser:
        """A browser signed in to a new account, which also has an API token: browser.token."""
        browser = Browser(self)
        browser.token = self.create_account(username, f"{username}@example.com")
        browser.sign_in_as(self.create_token(username))
        return browser

    def create_token(self, username) -> str:
        with Session(self.engine) as session:
            account = session.scalars(select(Account).filter_by(username=username)).one()
            secret, token = auth.new_token(account, self.token_ttl_seconds)
            session.add(token)
            session.commit()
        return secret

    def assert_page(self, response, status, title):
        self.assertEqual(response.code, status)
        self.assertTrue(response.headers["Content-Type"].startswith("text/html"))
        self.assertIn(f"<title>{title} · To-Do</title>", response.text)

    def assert_error_page(self, response, status, title, detail):
        self.assert_page(response, status, title)
        self.assertIn(f'<h1 data-testid="error-title">{title}</h1>', response.text)
        self.assertIn(f'<p data-testid="error-detail">{detail}</p>', response.text)
        self.assertNotIn("Traceback", response.text)

    def assert_redirect(self, response, location, status=303):
        self.assertEqual((response.code, response.headers["Location"]), (status, location))

    def assert_field_error(self, response, form, field, message):
        error_id = f"{form}-{field}-error"
        self.assertIn(
            f'<span class="error" id="{error_id}" data-testid="error-{field}">{message}</span>',
            response.text,
        )
        self.assertRegex(
            response.text,
            rf'id="{form}-{field}"[^>]* aria-invalid="true" aria-describedby="{error_id}"',
        )

    def flashes(self, browser, path="/account") -> list[str]:
        """The messages the next page shows."""
        return re.findall(r'<li data-testid="flash">([^<]*)</li>', browser.get(path).text)

    def count(self, model, **where) -> int:
        with Session(self.engine) as session:
            query = select(func.count()).select_from(model).filter_by(**where)
            return session.scalar(query)

    def tasks(self, username="ada") -> list[Task]:
        with Session(self.engine) as session:
            account = session.scalars(select(Account).filter_by(username=username)).one()
            return session.scalars(select(Task).filter_by(account_id=account.id)).all()
