"""Cross-origin requests: off without CORS_ORIGINS, and what the setting switches on."""

from .support import ApiTestCase
from .test_errors import BrokenHandler

ALLOWED = "https://app.example"
PREFLIGHT = {"Origin": ALLOWED, "Access-Control-Request-Method": "PATCH"}
EXPOSED = "Location, WWW-Authenticate, Retry-After"


def cors_headers(response) -> dict:
    return {
        name.lower(): value
        for name, value in response.headers.get_all()
        if name.lower().startswith("access-control-")
    }


class CorsOffTest(ApiTestCase):
    def test_no_response_carries_cors_headers(self):
        response = self.request("GET", "/api/v1", headers={"Origin": ALLOWED})
        self.assertEqual(response.code, 200)
        self.assertEqual(cors_headers(response), {})
        self.assertNotIn("Vary", response.headers)

    def test_a_preflight_is_an_ordinary_options_405(self):
        response = self.request("OPTIONS", "/api/v1/accounts", headers=PREFLIGHT)
        self.assert_problem(response, 405, "Method Not Allowed")
        self.assertEqual(response.headers["Allow"], "POST")
        self.assertEqual(cors_headers(response), {})


class CorsTest(ApiTestCase):
    cors_origins = (ALLOWED, "http://localhost:3000")

    def get_app(self):
        app = super().get_app()
        app.add_handlers(r".*", [(r"/broken", BrokenHandler)])
        return app

    def assert_cors_for(self, response, origin=ALLOWED):
        """What every answer to an allowed origin carries, except a preflight's."""
        expected = {
            "access-control-allow-origin": origin,
            "access-control-expose-headers": EXPOSED,
        }
        self.assertEqual(cors_headers(response), expected)
        self.assertEqual(response.headers["Vary"], "Origin")

    def test_a_preflight_from_an_allowed_origin_is_204_with_the_allow_headers(self):
        headers = {**PREFLIGHT, "Origin": "http://localhost:3000"}
        response = self.request("OPTIONS", "/api/v1/accounts/ada/tasks/1", headers=headers)
        self.assertEqual((response.code, response.body), (204, b""))
        self.assertEqual(
            cors_headers(response),
            {
                "access-control-allow-origin": "http://localhost:3000",
                "access-control-allow-methods": "GET, HEAD, POST, PUT, PATCH, DELETE",
                "access-control-allow-headers": "Authorization, Content-Type",
                "access-control-max-age": "600",
            },
        )
        self.assertEqual(response.headers["Vary"], "Origin")

    def test_a_preflight_is_204_on_any_path_without_a_token(self):
        for path in ("/api/v1", "/api/v1/accounts/ada", "/api/v1/no/such/path", "/elsewhere"):
            with self.subTest(path=path):
                response = self.request("OPTIONS", path, headers=PREFLIGHT)
                self.assertEqual(response.code, 204)
                self.assertEqual(response.headers["Access-Control-Allow-Origin"], ALLOWED)

    def test_an_answer_to_an_allowed_origin_carries_the_cors_headers(self):
        response = self.request("GET", "/api/v1", headers={"Origin": ALLOWED})
        self.assertEqual(response.code, 200)
        self.assert_cors_for(response)

    def test_errors_to_an_allowed_origin_carry_the_cors_headers(self):
        origin = {"Origin": ALLOWED}
        for method, path, status, title, headers in [
            ("GET", "/api/v1/accounts/ada", 401, "Unauthorized", origin),
            ("GET", "/api/v1/no/such/path", 404, "Not Found", origin),
            ("DELETE", "/api/v1/accounts", 405, "Method Not Allowed", origin),
            ("OPTIONS", "/api/v1/accounts", 405, "Method Not Allowed", origin),  # no preflight
            ("GET", "/api/v1", 400, "Bad Request", {**origin, "Host": "evil.example"}),
            ("OPTIONS", "/api/v1", 400, "Bad Request", {**PREFLIGHT, "Host": "evil.example"}),
        ]:
            with self.subTest(method=method, path=path, status=status):
                response = self.request(method, path, headers=headers)
                self.assert_problem(response, status, title)
                self.assert_cors_for(response)

    def test_a_body_over_64_kib_is_413_with_the_cors_headers(self):
        body = {"username": "ada", "email": "a@" + "b" * 65536, "password": "x" * 8}
        response = self.request("POST", "/api/v1/accounts", body, headers={"Origin": ALLOWED})
        self.assert_problem(response, 413, "Content Too Large")
        self.assert_cors_for(response)

    def test_a_server_fault_keeps_the_cors_headers(self):
        with self.assertLogs("tornado.application", "ERROR"):
            response = self.request("GET", "/broken", headers={"Origin": ALLOWED})
        self.assert_problem(response, 500, "Internal Server Error")
        self.assert_cors_for(response)

    def test_an_origin_not_listed_gets_no_cors_headers_but_varies_on_origin(self):
        for origin in ("https://evil.example", "https://APP.example", "http://app.example", ""):
            with self.subTest(origin=origin):
                preflight = {"Origin": origin, "Access-Control-Request-Method": "GET"}
                response = self.request("OPTIONS", "/api/v1", headers=preflight)
                self.assert_problem(response, 405, "Method Not Allowed")
                self.assertEqual(cors_headers(response), {})
                response = self.request("GET", "/api/v1", headers={"Origin": origin})
                self.assertEqual(cors_headers(response), {})
                self.assertEqual(response.headers["Vary"], "Origin")

    def test_a_request_without_origin_gets_no_cors_headers_but_varies_on_origin(self):
        response = self.request("GET", "/api/v1")
        self.assertEqual(cors_headers(response), {})
        self.assertEqual(response.headers["Vary"], "Origin")


class AnyOriginTest(ApiTestCase):
    cors_origins = ("*",)

    def test_any_origin_is_allowed_and_echoed(self):
        origin = "https://anywhere.example:8443"
        preflight = {"Origin": origin, "Access-Control-Request-Method": "GET"}
        response = self.request("OPTIONS", "/api/v1", headers=preflight)
        self.assertEqual(response.code, 204)
        self.assertEqual(response.headers["Access-Control-Allow-Origin"], origin)
        response = self.request("GET", "/api/v1", headers={"Origin": origin})
        self.assertEqual(response.headers["Access-Control-Allow-Origin"], origin)
        self.assertEqual(cors_headers(self.request("GET", "/api/v1")), {})
