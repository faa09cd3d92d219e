from unittest import mock

from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.urls import reverse

from pages.views import tasks
from todos.models import Account

from .helpers import PageTestCase

FORBIDDEN = "The form has expired or was not sent from this site. Reload the page and try again."


class ErrorPageTests(PageTestCase):
    """Errors of the site's paths are HTML pages in the layout, DEBUG on or off (pages/errors.py);
    the API's stay problem+json."""

    def assertErrorPage(self, response, status, title, detail):
        self.assertEqual(response.status_code, status)
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")
        self.assertContains(
            response, f'<h1 data-testid="error-title">{title}</h1>', status_code=status, html=True
        )
        self.assertContains(
            response, f'<p data-testid="error-detail">{detail}</p>', status_code=status, html=True
        )
        self.assertContains(response, f"<title>{title} · To-Do</title>", status_code=status)
        self.assertEqual(response["Content-Length"], str(len(response.content)))
        for internals in ("Traceback", "URLconf", "settings.py", "DEBUG"):
            self.assertNotContains(response, internals, status_code=status)

    def test_unknown_paths_are_the_404_page(self):
        """Outside /api an unknown path is HTML (not problem+json), with DEBUG on too."""
        for debug in (False, True):
            for path in ("/nope", "/tasks/", "/static/nope.css", "/apiary", "/account/x"):
                with self.subTest(path=path, debug=debug), override_settings(DEBUG=debug):
                    response = self.client.get(path)
                    self.assertErrorPage(
                        response, 404, "Page not found", "There is nothing at this address."
                    )

    def test_api_paths_keep_problem_json(self):
        """/api and below: the API's 404, whatever the site does."""
        for path in ("/api", "/api/nope"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response["Content-Type"], "application/problem+json")

    def test_methods_a_path_does_not_take_are_the_405_page_with_allow(self):
        """DELETE /tasks, POST /: the 405 page, Allow listing the methods the path takes."""
        self.create_account("ada")
        self.sign_in("ada")
        for debug in (False, True):
            for path, allow in (("/", "GET, HEAD"), (reverse("pages:tasks"), "GET, HEAD, POST")):
                with self.subTest(path=path, debug=debug), override_settings(DEBUG=debug):
                    response = self.client.delete(path)
                    self.assertErrorPage(
                        response,
                        405,
                        "Method not allowed",
                        "This address does not support that method.",
                    )
                    self.assertEqual(response["Allow"], allow)

    def test_a_post_without_the_csrf_token_is_the_403_page_and_changes_nothing(self):
        """Sign-up without the form's token (or with a wrong one): 403, no account."""
        client = Client(enforce_csrf_checks=True)
        form = {"username": "ada", "email": "a@b", "password": "12345678", "confirm": "12345678"}
        client.get(reverse("pages:signup"))  # a session holding a CSRF secret
        for debug in (False, True):
            for token in ({}, {"csrfmiddlewaretoken": "x" * 64}):
                with self.subTest(debug=debug, token=token), override_settings(DEBUG=debug):
                    response = client.post(reverse("pages:signup"), {**form, **token})
                    self.assertErrorPage(response, 403, "Forbidden", FORBIDDEN)
        self.assertFalse(Account.objects.exists())

    def test_a_bug_is_the_500_page_without_internals(self):
        """An unexpected exception: the 500 page, DEBUG on or off; the traceback is only logged."""
        self.client.raise_request_exception = False
        self.create_account("ada")
        self.sign_in("ada")
        failure = RuntimeError("secret internals")
        for debug in (False, True):
            with (
                self.subTest(debug=debug),
                override_settings(DEBUG=debug),
                mock.patch.object(tasks, "show_list", side_effect=failure),
                self.assertLogs("django.request", "ERROR") as logs,
            ):
                response = self.client.get(reverse("pages:tasks"))
            self.assertErrorPage(
                response, 500, "Server error", "The server could not complete the request."
            )
            self.assertNotContains(response, "secret internals", status_code=500)
            self.assertIn("secret internals", "\n".join(logs.output))

    def test_an_unreachable_database_is_the_500_page_on_the_site(self):
        """The site answers 500 (the API's 503 is the API's), and recovers afterwards."""
        self.client.raise_request_exception = False
        self.create_account("ada")
        self.sign_in("ada")
        for debug in (False, True):
            with (
                self.subTest(debug=debug),
                override_settings(DEBUG=debug),
                mock.patch.object(connection, "cursor", side_effect=OperationalError("down")),
                self.assertLogs("django.request", "ERROR"),
            ):
                response = self.client.get(reverse("pages:tasks"))
            self.assertErrorPage(
                response, 500, "Server error", "The server could not complete the request."
            )
        self.assertEqual(self.client.get(reverse("pages:tasks")).status_code, 200)

    def test_a_request_django_refuses_is_a_400_page(self):
        """A form body over 64 KiB (Django's RequestDataTooBig): HTML, not a technical page."""
        for debug in (False, True):
            with self.subTest(debug=debug), override_settings(DEBUG=debug):
                response = self.client.post(reverse("pages:login"), {"username": "x" * 70000})
                self.assertErrorPage(
                    response, 400, "Bad request", "The request could not be understood."
                )

    def test_error_pages_show_who_is_signed_in(self):
        """The layout's header, with the account's name, on a 404 of a signed-in visitor."""
        self.create_account("ada")
        self.sign_in("ada")
        for debug in (False, True):
            with self.subTest(debug=debug), override_settings(DEBUG=debug):
                response = self.client.get("/nope")
                self.assertContains(
                    response,
                    '<a href="/account" data-testid="whoami">ada</a>',
                    status_code=404,
                    html=True,
                )
