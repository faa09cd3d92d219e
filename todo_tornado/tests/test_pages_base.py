"""What every page of the site shares (pages/base.py): sessions and cookies, CSRF, the security
headers, error pages and the stylesheet."""

import re
from pathlib import Path
from unittest import mock

from sqlalchemy.exc import OperationalError
from tornado.tcpclient import TCPClient
from tornado.testing import gen_test

from todo_tornado import auth
from todo_tornado.pages import PageHandler
from todo_tornado.pages.base import local_path

from .browsing import Browser, SiteTestCase
from .support import FOLDER

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
FORBIDDEN = (
    "Forbidden",
    "The form has expired or was not sent from this site. Reload the page and try again.",
)
NOT_FOUND = ("Page not found", "There is nothing at this address.")


class BrokenPage(PageHandler):
    SUPPORTED_METHODS = ("GET",)

    def get(self):
        raise RuntimeError("secret internals")


class HeadersTest(SiteTestCase):
    def test_pages_redirects_and_error_pages_carry_the_security_headers(self):
        ada = self.signed_in()
        for browser, path in [
            (self.browser, "/login"),
            (self.browser, "/"),
            (ada, "/tasks"),
            (ada, "/tasks?page=9"),
            (ada, "/nothing-here"),
            (ada, "/logout"),
            (self.browser, "/favicon.ico"),
        ]:
            with self.subTest(path=path):
                headers = browser.get(path).headers
                self.assertEqual(
                    {name: headers.get(name) for name in SECURITY_HEADERS}, SECURITY_HEADERS
                )

    def test_the_api_keeps_its_own_headers(self):
        self.assertNotIn("Content-Security-Policy", self.request("GET", "/api/v1").headers)


class CookieTest(SiteTestCase):
    def test_every_cookie_is_http_only_and_same_site_lax_and_the_session_ends_with_the_browser(
        self,
    ):
        self.create_account("ada")
        self.browser.post("/login", username="ada", password="correct horse")
        names = {morsel.key for morsel in self.browser.set_cookies}
        self.assertEqual(names, {"_xsrf", "session", "flash"})
        for morsel in self.browser.set_cookies:
            with self.subTest(cookie=morsel.key):
                self.assertEqual((morsel["httponly"], morsel["samesite"]), (True, "Lax"))
                self.assertFalse(morsel["secure"])
        session = next(morsel for morsel in self.browser.set_cookies if morsel.key == "session")
        self.assertEqual((session["expires"], session["max-age"]), ("", ""))

    def test_a_cookie_that_is_not_signed_by_the_site_signs_nobody_in(self):
        secret = self.create_account("ada")
        self.browser.cookies["session"] = secret  # the token itself, without the signature
        self.assert_redirect(self.browser.get("/tasks"), "/login?next=%2Ftasks", status=302)


class SecureCookieTest(SiteTestCase):
    secure_cookies = True

    def test_with_secure_cookies_every_cookie_is_secure(self):
        self.create_account("ada")
        self.browser.post("/login", username="ada", password="correct horse")
        self.assertTrue(self.browser.set_cookies)
        for morsel in self.browser.set_cookies:
            with self.subTest(cookie=morsel.key):
                self.assertTrue(morsel["secure"])


class CsrfTest(SiteTestCase):
    def test_a_form_without_its_token_or_with_a_wrong_one_is_refused_and_changes_nothing(self):
        ada = self.signed_in()
        for fields in ({}, {"_xsrf": "2|00000000|" + "0" * 32 + "|1"}, {"_xsrf": "forged"}):
            with self.subTest(fields=fields):
                for path in ("/tasks", "/logout", "/account/delete"):
                    response = ada.post(path, csrf=False, name="Forged", **fields)
                    self.assert_error_page(response, 403, *FORBIDDEN)
        self.assertEqual(self.tasks(), [])
        self.assertEqual(ada.get("/tasks").code, 200)  # still signed in

    def test_a_token_from_another_browser_is_refused(self):
        ada = self.signed_in()
        response = ada.post("/tasks", _xsrf=Browser(self).csrf_token(), name="Forged")
        self.assertEqual(response.code, 403)

    def test_the_api_stays_exempt(self):
        token = self.create_account("ada")
        self.browser.csrf_token()  # the browser has a CSRF cookie, which the API ignores
        response = self.request("POST", "/api/v1/accounts/ada/tasks", {"name": "x"}, token=token)
        self.assertEqual(response.code, 201)


class ErrorPageTest(SiteTestCase):
    debug = True  # Tornado's debug mode would show a traceback page; write_error replaces it

    def get_app(self):
        app = super().get_app()
        app.add_handlers(r".*", [(r"/broken", BrokenPage)])
        return app

    def test_an_unknown_path_is_the_404_page_whatever_the_method(self):
        for method in ("GET", "POST", "PUT", "PROPFIND"):
            with self.subTest(method=method):
                response = self.browser.request(
                    method, "/no/such/page", body="" if method != "GET" else None
                )
                self.assert_error_page(response, 404, *NOT_FOUND)
        response = self.browser.get("//api/v1")  # not under /api
        self.assert_error_page(response, 404, *NOT_FOUND)

    def test_a_fault_is_the_500_page_without_internals(self):
        with self.assertLogs("tornado.application", "ERROR"):
            response = self.browser.get("/broken")
        self.assert_error_page(
            response, 500, "Server error", "The server could not complete the request."
        )
        self.assertNotIn("secret internals", response.text)

    def test_the_database_unreachable_is_the_500_page(self):
        ada = self.signed_in()
        fault = OperationalError("SELECT", {}, Exception("unable to open database file"))
        with (
            mock.patch.object(auth, "find_caller", side_effect=fault),
            self.assertLogs(level="WARNING"),
        ):
            response = ada.get("/tasks")
        self.assert_error_page(
            response, 500, "Server error", "The server could not complete the request."
        )

    def test_an_unsupported_method_is_the_405_page_with_allow(self):
        response = self.browser.request("DELETE", "/tasks")
        self.assert_error_page(
            response, 405, "Method not allowed", "This address does not support that method."
        )
        self.assertEqual(response.headers["Allow"], "GET, HEAD, POST")


class StaticTest(SiteTestCase):
    def test_the_stylesheet_is_the_shared_one_served_from_static(self):
        href = re.search(
            r'<link rel="stylesheet" href="([^"]+)">', self.browser.get("/login").text
        )[1]
        self.assertTrue(href.startswith("/static/style.css?v="))
        response = self.browser.get(href)
        self.assertEqual((response.code, response.headers["Content-Type"]), (200, "text/css"))
        self.assertEqual(response.body, Path(FOLDER, "todo_tornado/static/style.css").read_bytes())

    def test_a_missing_file_is_the_404_page(self):
        for path in ("/static/nothing.css", "/static/", "/favicon.ico", "/robots.txt"):
            with self.subTest(path=path):
                self.assert_error_page(self.browser.get(path), 404, *NOT_FOUND)


class FormBodyTest(SiteTestCase):
    @gen_test
    async def test_a_form_body_over_64_kib_is_refused_before_any_page_code_runs(self):
        stream = await TCPClient().connect("127.0.0.1", self.get_http_port())
        await stream.write(b"POST /login HTTP/1.1\r\nHost: localhost\r\n")
        await stream.write(b"Content-Type: application/x-www-form-urlencoded\r\n")
        await stream.write(b"Content-Length: 65537\r\n\r\nusername=")
        answer = await stream.read_until_close()  # Tornado's own answer, then it closes
        self.assertEqual(answer, b"HTTP/1.1 400 Bad Request\r\n\r\n")


class LocalPathTest(SiteTestCase):
    def test_only_paths_of_this_site_are_followed(self):
        self.assertEqual(local_path("/tasks?status=open&page=2"), "/tasks?status=open&page=2")
        self.assertEqual(local_path("/t\u00e2che"), "/t%C3%A2che")  # Location is ASCII
        for url in (
            "",
            "tasks",
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "/tasks\\x",
            "/tasks\nx",
            "/tasks\x7f",
            "/tasks\x85",
        ):
            with self.subTest(url=url):
                self.assertIsNone(local_path(url))
        self.assertIsNone(local_path("/account", under="/tasks"))
