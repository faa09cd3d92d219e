from unittest import mock

import django
from django.db import OperationalError, connection
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from .helpers import ApiTestCase


class InfoViewTests(TestCase):
    def test_describes_the_api(self):
        """GET /api/v1 names the API, the framework and its installed version."""
        response = self.client.get(reverse("todos:info"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        info = response.json()
        self.assertEqual(info["name"], "To-Do List API")
        self.assertEqual(info["api_version"], "1.4.0")
        self.assertEqual(info["framework"], "django")
        self.assertEqual(info["framework_version"], django.get_version())

    def test_lists_the_fourteen_routes_in_order(self):
        """The routes member lists the contract's routes, first and last where the contract says."""
        routes = self.client.get(reverse("todos:info")).json()["routes"]
        self.assertEqual(len(routes), 14)
        self.assertEqual(routes[0], "GET /api/v1")
        self.assertEqual(routes[-1], "DELETE /api/v1/accounts/{username}/tasks/{id}")

    def test_head_has_headers_but_no_body(self):
        """HEAD is answered like GET, without a body."""
        response = self.client.head(reverse("todos:info"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"")

    def test_trailing_slash_is_an_unknown_path(self):
        """/api/v1/ is not /api/v1: paths never end in a slash."""
        response = self.client.get(reverse("todos:info") + "/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response["Content-Type"], "application/problem+json")


class HealthViewTests(ApiTestCase):
    def test_reports_a_working_database(self):
        """GET /api/v1/health queries the database and says both are fine."""
        response = self.client.get(reverse("todos:health"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok", "database": "ok"})

    def test_unreachable_database_is_503_until_it_is_back(self):
        """While the database cannot be reached, health is a 503 problem with Retry-After (not a
        500); once it is back, health says so again."""
        failure = OperationalError("unable to open database file")
        with mock.patch.object(connection, "cursor", side_effect=failure):
            response = self.client.get(reverse("todos:health"))
        problem = self.assertProblem(response, 503, "Service Unavailable")
        self.assertEqual(problem["detail"], "The database cannot be reached; try again later.")
        self.assertEqual(response["Retry-After"], "5")
        self.assertEqual(self.client.get(reverse("todos:health")).status_code, 200)


class RouteNameTests(SimpleTestCase):
    """The named routes of todos/urls.py are the contract's paths; other tests use the names."""

    def test_each_name_reverses_to_its_contract_path(self):
        expected = {
            ("info", ()): "/api/v1",
            ("health", ()): "/api/v1/health",
            ("accounts", ()): "/api/v1/accounts",
            ("login", ()): "/api/v1/accounts/login",
            ("logout", ()): "/api/v1/accounts/logout",
            ("account", ("ada",)): "/api/v1/accounts/ada",
            ("tasks", ("ada",)): "/api/v1/accounts/ada/tasks",
            ("task", ("ada", 7)): "/api/v1/accounts/ada/tasks/7",
        }
        for (name, args), path in expected.items():
            with self.subTest(name=name):
                self.assertEqual(reverse(f"todos:{name}", args=args), path)
