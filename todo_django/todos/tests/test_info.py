import django
from django.test import TestCase


class InfoViewTests(TestCase):
    def test_describes_the_api(self):
        """GET /api/v1 names the API, the framework and its installed version."""
        response = self.client.get("/api/v1")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        info = response.json()
        self.assertEqual(info["name"], "To-Do List API")
        self.assertEqual(info["api_version"], "1.0.0")
        self.assertEqual(info["framework"], "django")
        self.assertEqual(info["framework_version"], django.get_version())

    def test_lists_the_fourteen_routes_in_order(self):
        """The routes member lists the contract's routes, first and last where the contract says."""
        routes = self.client.get("/api/v1").json()["routes"]
        self.assertEqual(len(routes), 14)
        self.assertEqual(routes[0], "GET /api/v1")
        self.assertEqual(routes[-1], "DELETE /api/v1/accounts/{username}/tasks/{id}")

    def test_head_has_headers_but_no_body(self):
        """HEAD is answered like GET, without a body."""
        response = self.client.head("/api/v1")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"")

    def test_trailing_slash_is_an_unknown_path(self):
        """/api/v1/ is not /api/v1: paths never end in a slash."""
        response = self.client.get("/api/v1/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response["Content-Type"], "application/problem+json")
