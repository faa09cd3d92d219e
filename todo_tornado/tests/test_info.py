"""GET /api/v1 and GET /api/v1/health."""

import tornado

from .support import ApiTestCase


class InfoTest(ApiTestCase):
    def test_describes_the_api(self):
        response = self.request("GET", "/api/v1")
        self.assertEqual(response.code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        info = self.json(response)
        self.assertEqual(info["framework"], "tornado")
        self.assertEqual(info["framework_version"], tornado.version)
        self.assertEqual(len(info["routes"]), 14)
        self.assertEqual(info["routes"][0], "GET /api/v1")
        self.assertEqual(info["routes"][-1], "DELETE /api/v1/accounts/{username}/tasks/{id}")

    def test_head_has_the_headers_of_get_and_no_body(self):
        get, head = self.request("GET", "/api/v1"), self.request("HEAD", "/api/v1")
        self.assertEqual(head.code, 200)
        self.assertEqual(head.body, b"")
        self.assertEqual(head.headers["Content-Length"], get.headers["Content-Length"])

    def test_options_is_405_with_allow(self):
        response = self.request("OPTIONS", "/api/v1")
        self.assert_problem(response, 405, "Method Not Allowed")
        self.assertEqual(response.headers["Allow"], "GET, HEAD")


class HealthTest(ApiTestCase):
    def test_ok_when_the_database_answers(self):
        response = self.request("GET", "/api/v1/health")
        self.assertEqual(
            (response.code, self.json(response)), (200, {"status": "ok", "database": "ok"})
        )

    def test_503_when_the_database_cannot_be_queried(self):
        self.database.unlink()
        self.database.parent.rmdir()  # SQLite cannot create a file in a missing folder
        response = self.request("GET", "/api/v1/health")
        self.assert_problem(response, 503, "Service Unavailable")
