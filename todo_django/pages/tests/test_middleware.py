from pathlib import Path

from django.test import Client
from django.urls import reverse

from .helpers import PASSWORD, PageTestCase

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "pages" / "style.css"


class SecurityHeadersTests(PageTestCase):
    """Every answer of the site carries the contract's headers (settings.MIDDLEWARE and
    pages/middleware.py): pages, redirects and error pages."""

    def assertSecurityHeaders(self, response):
        for header, value in SECURITY_HEADERS.items():
            self.assertEqual(response.get(header), value, header)

    def test_pages_redirects_and_error_pages(self):
        """A page, a redirect, a form with errors, and the 404, 405 and 403 pages."""
        self.client.raise_request_exception = False
        csrf_client = Client(enforce_csrf_checks=True)
        for name, response in (
            ("page", self.client.get(reverse("pages:login"))),
            ("redirect", self.client.get("/")),
            ("form error", self.client.post(reverse("pages:login"), {})),
            ("404", self.client.get("/nope")),
            ("405", self.client.get(reverse("pages:logout"))),
            ("403", csrf_client.post(reverse("pages:login"))),
        ):
            with self.subTest(name):
                self.assertSecurityHeaders(response)

    def test_the_api_has_no_content_security_policy(self):
        """The API answers JSON, not pages: no CSP there (the others are on every answer)."""
        response = self.client.get(reverse("todos:info"))
        self.assertNotIn("Content-Security-Policy", response)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")


class SessionCookieTests(PageTestCase):
    """The browser session is django.contrib.sessions' cookie (settings.py)."""

    def test_the_session_cookie_is_http_only_lax_and_ends_with_the_browser(self):
        """HttpOnly, SameSite=Lax, no Max-Age or Expires, not Secure by default."""
        self.create_account("ada")
        self.client.get(reverse("pages:login"))
        response = self.client.post(
            reverse("pages:login"), {"username": "ada", "password": PASSWORD}
        )
        cookie = response.cookies["sessionid"]
        self.assertTrue(cookie["httponly"])
        self.assertEqual(cookie["samesite"], "Lax")
        self.assertEqual((cookie["max-age"], cookie["expires"]), ("", ""))
        self.assertEqual(cookie["secure"], "")  # SECURE_COOKIES is false by default

    def test_there_is_no_csrf_cookie(self):
        """The CSRF secret is kept in the session: the only cookie is the session's."""
        response = self.client.get(reverse("pages:signup"))
        self.assertEqual(set(response.cookies), {"sessionid"})


class LayoutTests(PageTestCase):
    """pages/templates/pages/base.html: the skeleton every page shares."""

    def test_the_stylesheet_is_linked_and_served(self):
        """The link of {% static %} answers the stylesheet (WhiteNoise), as text/css."""
        response = self.client.get(reverse("pages:login"))
        self.assertContains(response, '<link rel="stylesheet" href="/static/pages/style.css">')
        stylesheet = self.client.get("/static/pages/style.css")
        self.assertEqual(stylesheet.status_code, 200)
        self.assertTrue(stylesheet["Content-Type"].startswith("text/css"))
        self.assertEqual(b"".join(stylesheet.streaming_content), STYLESHEET.read_bytes())

    def test_signed_out_header_and_footer(self):
        """Sign in and sign up links; the footer names Django's version and links the API."""
        response = self.client.get(reverse("pages:signup"))
        self.assertContains(response, '<a href="/login">Sign in</a>', html=True)
        self.assertContains(response, '<a href="/api/v1">API</a>', html=True)
        self.assertContains(response, '<span data-testid="framework">Django 5.2')
        self.assertNotContains(response, 'data-testid="flashes"')
        self.assertNotContains(response, "<script")
        self.assertNotContains(response, "style=")

    def test_signed_in_header(self):
        """Tasks, the account's name and a sign-out form with its CSRF token."""
        self.create_account("ada")
        self.sign_in("ada")
        response = self.client.get(reverse("pages:tasks"))
        self.assertContains(response, '<a href="/account" data-testid="whoami">ada</a>', html=True)
        self.assertContains(
            response, 'action="/logout"><input type="hidden" name="csrfmiddlewaretoken"'
        )
