from unittest import mock

from django.test import override_settings
from django.urls import reverse

from todos import views

from .helpers import ApiTestCase

BIG_BODY = "x" * 65537


class ProblemDetailsTests(ApiTestCase):
    """Every error is problem+json (todos/errors.py), whatever DEBUG says."""

    def test_unknown_paths_are_404_problems(self):
        """Outside and inside /api/v1, with DEBUG off and on: a problem, never an HTML page."""
        for debug in (False, True):
            for path in ("/", "/nope", "/api/v1/nope", "/api/v1/accounts/", "/static/nope"):
                with self.subTest(path=path, debug=debug), override_settings(DEBUG=debug):
                    self.assertProblem(self.client.get(path), 404, "Not Found")

    def test_errors_raised_in_views_are_problems_with_debug_on_too(self):
        """A view's own error keeps its status, detail and headers with DEBUG on."""
        with override_settings(DEBUG=True):
            response = self.client.post(reverse("todos:logout"))
        problem = self.assertProblem(response, 401, "Unauthorized")
        self.assertEqual(problem["detail"], "The bearer token is missing, invalid or expired.")
        self.assertTrue(response["WWW-Authenticate"].startswith("Bearer"))

    def test_body_over_64_kib_is_413_before_authentication(self):
        """An oversized body is refused before the token is even looked at."""
        response = self.send("POST", reverse("todos:tasks", args=["ada"]), BIG_BODY)
        problem = self.assertProblem(response, 413, "Content Too Large")
        self.assertEqual(problem["detail"], "The request body is larger than 65536 bytes.")

    def test_body_of_exactly_64_kib_is_read(self):
        """65536 bytes is within the limit: this one fails later, as invalid JSON."""
        response = self.send("POST", reverse("todos:accounts"), "x" * 65536)
        self.assertEqual(response.status_code, 400)

    def test_method_is_checked_before_body_size(self):
        """405 wins over 413: routing comes first."""
        response = self.send("DELETE", reverse("todos:accounts"), BIG_BODY)
        self.assertProblem(response, 405, "Method Not Allowed")

    def test_unexpected_exception_is_a_500_problem_without_internals(self):
        """A bug becomes a bare 500 problem, with DEBUG off and on; the traceback is only logged."""
        self.client.raise_request_exception = False
        failure = RuntimeError("secret internals")
        for debug in (False, True):
            with (
                self.subTest(debug=debug),
                override_settings(DEBUG=debug),
                mock.patch.object(views.InfoView, "get", side_effect=failure),
                self.assertLogs("django.request", "ERROR") as logs,
            ):
                response = self.client.get(reverse("todos:info"))
            problem = self.assertProblem(response, 500, "Internal Server Error")
            self.assertNotIn("secret internals", response.content.decode())
            self.assertNotIn("Traceback", problem["detail"])
            self.assertIn("secret internals", "\n".join(logs.output))

    def test_admin_is_served(self):
        """The admin is wired up: /admin/ asks an anonymous visitor to log in."""
        response = self.client.get(reverse("admin:index"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])
