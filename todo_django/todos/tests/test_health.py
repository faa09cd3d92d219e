from unittest import mock

from django.db import DatabaseError
from django.test import TestCase


class HealthViewTests(TestCase):
    def test_reports_a_working_database(self):
        """GET /api/v1/health queries the database and says both are fine."""
        response = self.client.get("/api/v1/health")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok", "database": "ok"})

    def test_unreachable_database_is_503(self):
        """When the database cannot be queried, health is a 503 problem, not a 500."""
        with mock.patch("todos.views.connection.cursor", side_effect=DatabaseError("down")):
            response = self.client.get("/api/v1/health")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Content-Type"], "application/problem+json")
        self.assertEqual(response.json()["title"], "Service Unavailable")
