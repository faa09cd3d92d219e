import os
from unittest import mock

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, override_settings
from django.urls import reverse

from todo_django.settings import env_origins
from todos.views import info

from .helpers import ApiTestCase
from .test_config import run

ALLOWED = "https://app.example"
ALLOWED_WITH_PORT = "http://localhost:3000"
PREFLIGHT = {"Origin": ALLOWED, "Access-Control-Request-Method": "PATCH"}
EXPOSED = "Location, WWW-Authenticate, Retry-After"


def cors_headers(response):
    return {name: value for name, value in response.items() if name.startswith("Access-Control-")}


def vary(response):
    return {part.strip() for part in response.get("Vary", "").split(",")}


class CorsTestMixin:
    def assertCorsFor(self, response, origin):
        """What every answer to an allowed origin but its preflight carries."""
        self.assertEqual(
            cors_headers(response),
            {"Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": EXPOSED},
        )
        self.assertIn("Origin", vary(response))


@override_settings(CORS_ORIGINS=frozenset())
class CorsOffTests(ApiTestCase):
    """Without CORS_ORIGINS, nothing differs from a server without CORS (todos/cors.py)."""

    def test_a_preflight_is_an_ordinary_options_405(self):
        """OPTIONS with Origin and Access-Control-Request-Method: 405, no CORS header."""
        response = self.client.options(reverse("todos:accounts"), headers=PREFLIGHT)
        self.assertProblem(response, 405, "Method Not Allowed")
        self.assertEqual(cors_headers(response), {})

    def test_no_answer_carries_cors_headers_or_varies_on_origin(self):
        """A GET with an Origin is answered as if it had none."""
        response = self.client.get(reverse("todos:info"), headers={"Origin": ALLOWED})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(cors_headers(response), {})
        self.assertNotIn("Origin", vary(response))


@override_settings(CORS_ORIGINS=frozenset({ALLOWED, ALLOWED_WITH_PORT}))
class PreflightTests(ApiTestCase):
    """A preflight from an allowed origin is 204 on any path, before authentication."""

    def test_a_preflight_is_204_with_the_allow_headers(self):
        """Empty body; the origin as sent, the methods, the headers, the max age; Vary: Origin."""
        for origin in (ALLOWED, ALLOWED_WITH_PORT):
            with self.subTest(origin=origin):
                response = self.client.options(
                    reverse("todos:task", args=["someone", 1]),
                    headers={**PREFLIGHT, "Origin": origin},
                )
                self.assertEqual(response.status_code, 204)
                self.assertEqual(response.content, b"")
                self.assertEqual(
                    cors_headers(response),
                    {
                        "Access-Control-Allow-Origin": origin,
                        "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, PATCH, DELETE",
                        "Access-Control-Allow-Headers": "Authorization, Content-Type",
                        "Access-Control-Max-Age": "600",
                    },
                )
                self.assertIn("Origin", vary(response))

    def test_a_preflight_is_answered_on_any_path(self):
        """Unknown paths too: the request that follows gets its own 404."""
        for path in (reverse("todos:info"), "/api/v1/no/such/path", "/elsewhere"):
            with self.subTest(path=path):
                response = self.client.options(path, headers=PREFLIGHT)
                self.assertEqual(response.status_code, 204)
                self.assertEqual(response["Access-Control-Allow-Origin"], ALLOWED)

    @override_settings(ALLOWED_HOSTS=["localhost"])
    def test_the_host_check_comes_first(self):
        """A preflight for a host not served is the Host check's 400, with the CORS headers."""
        response = self.client.options(
            reverse("todos:info"), headers={**PREFLIGHT, "Host": "evil.example"}
        )
        self.assertProblem(response, 400, "Bad Request")
        self.assertEqual(response["Access-Control-Allow-Origin"], ALLOWED)


@override_settings(CORS_ORIGINS=frozenset({ALLOWED, ALLOWED_WITH_PORT}))
class AllowedOriginTests(CorsTestMixin, ApiTestCase):
    """Every other answer to an allowed origin, errors included, carries the CORS headers."""

    def get(self, path, **headers):
        return self.client.get(path, headers={"Origin": ALLOWED_WITH_PORT, **headers})

    def test_a_success_carries_the_cors_headers(self):
        """200: the origin as sent, the exposed headers, Vary: Origin."""
        response = self.get(reverse("todos:info"))
        self.assertEqual(response.status_code, 200)
        self.assertCorsFor(response, ALLOWED_WITH_PORT)

    def test_a_401_carries_the_cors_headers(self):
        """A view's error: the page can read its WWW-Authenticate."""
        response = self.get(reverse("todos:account", args=["nobody"]))
        self.assertProblem(response, 401, "Unauthorized")
        self.assertCorsFor(response, ALLOWED_WITH_PORT)

    def test_a_404_carries_the_cors_headers(self):
        """An unknown path, Django's 404 made a problem by ProblemDetailsMiddleware."""
        response = self.get("/api/v1/no/such/path")
        self.assertProblem(response, 404, "Not Found")
        self.assertCorsFor(response, ALLOWED_WITH_PORT)

    def test_a_500_carries_the_cors_headers(self):
        """An unexpected exception, made a 500 problem by ProblemDetailsMiddleware."""
        self.client.raise_request_exception = False
        with (
            mock.patch.object(info.InfoView, "get", side_effect=RuntimeError("bug")),
            self.assertLogs("django.request", "ERROR"),
        ):
            response = self.get(reverse("todos:info"))
        self.assertProblem(response, 500, "Internal Server Error")
        self.assertCorsFor(response, ALLOWED_WITH_PORT)

    def test_an_options_without_request_method_is_405_with_the_cors_headers(self):
        """Without Access-Control-Request-Method an OPTIONS is not a preflight."""
        response = self.client.options(
            reverse("todos:accounts"), headers={"Origin": ALLOWED_WITH_PORT}
        )
        self.assertProblem(response, 405, "Method Not Allowed")
        self.assertCorsFor(response, ALLOWED_WITH_PORT)

    @override_settings(ALLOWED_HOSTS=["localhost"])
    def test_the_host_checks_400_carries_the_cors_headers(self):
        """The 400 answered before routing, for a host not served."""
        response = self.get(reverse("todos:info"), Host="evil.example")
        self.assertProblem(response, 400, "Bad Request")
        self.assertCorsFor(response, ALLOWED_WITH_PORT)


@override_settings(CORS_ORIGINS=frozenset({ALLOWED}))
class OtherOriginTests(ApiTestCase):
    """An origin not listed, compared as an exact string, gets no CORS header at all."""

    def test_an_origin_not_listed_gets_no_cors_headers_but_varies_on_origin(self):
        """Its preflight is an ordinary OPTIONS (405); its GET is answered without CORS."""
        for origin in ("https://evil.example", "https://APP.example", "https://app.example:443"):
            with self.subTest(origin=origin):
                headers = {**PREFLIGHT, "Origin": origin}
                preflight = self.client.options(reverse("todos:info"), headers=headers)
                self.assertEqual(preflight.status_code, 405)
                self.assertEqual(cors_headers(preflight), {})
                response = self.client.get(reverse("todos:info"), headers={"Origin": origin})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(cors_headers(response), {})
                self.assertIn("Origin", vary(response))

    def test_a_request_without_origin_gets_no_cors_headers_but_varies_on_origin(self):
        """No Origin header: no CORS header, but caches are told the answer depends on it."""
        response = self.client.get(reverse("todos:info"))
        self.assertEqual(cors_headers(response), {})
        self.assertIn("Origin", vary(response))


@override_settings(CORS_ORIGINS=frozenset({"*"}))
class AnyOriginTests(CorsTestMixin, ApiTestCase):
    """CORS_ORIGINS=* allows any origin, named as sent (never `*`)."""

    def test_any_origin_is_allowed(self):
        """Its preflight is 204 and its GET carries the CORS headers, with the origin as sent."""
        origin = "https://anywhere.example:8443"
        preflight = self.client.options(
            reverse("todos:info"), headers={**PREFLIGHT, "Origin": origin}
        )
        self.assertEqual(preflight.status_code, 204)
        self.assertEqual(preflight["Access-Control-Allow-Origin"], origin)
        self.assertCorsFor(
            self.client.get(reverse("todos:info"), headers={"Origin": origin}), origin
        )

    def test_a_request_without_origin_gets_no_cors_headers(self):
        """No Origin header, no origin to name: no CORS header."""
        self.assertEqual(cors_headers(self.client.get(reverse("todos:info"))), {})


class CorsSettingsTests(SimpleTestCase):
    """CORS_ORIGINS from the environment (todo_django/settings.py)."""

    def origins(self, value):
        with mock.patch.dict(os.environ, {"CORS_ORIGINS": value}):
            return env_origins("CORS_ORIGINS")

    def test_comma_separated_origins_with_spaces_around_the_commas(self):
        """Spaces around the commas and an empty item are ignored."""
        self.assertEqual(
            self.origins(f" {ALLOWED} , {ALLOWED_WITH_PORT},"), {ALLOWED, ALLOWED_WITH_PORT}
        )

    def test_a_star_allows_any_origin(self):
        """`*` is kept as it is, for the middleware to allow any origin."""
        self.assertEqual(self.origins(" * "), {"*"})

    def test_unset_or_empty_is_off(self):
        """No origin at all: the middleware is not used."""
        self.assertEqual(self.origins(""), frozenset())
        with mock.patch.dict(os.environ):
            os.environ.pop("CORS_ORIGINS", None)
            self.assertEqual(env_origins("CORS_ORIGINS"), frozenset())

    def test_anything_but_origins_or_a_star_is_refused(self):
        """A host without a scheme, a path, a malformed scheme, a star among origins."""
        for value in ("app.example", "https://app.example/path", "ftp:/x", f"*, {ALLOWED}"):
            with (
                self.subTest(value=value),
                self.assertRaisesMessage(
                    ImproperlyConfigured, "CORS_ORIGINS must be * or comma-separated origins"
                ),
            ):
                self.origins(value)

    def test_an_invalid_value_stops_start_up(self):
        """As for TOKEN_TTL_SECONDS: the project does not start, and says which variable."""
        result = run(["-m", "django", "check"], SECRET_KEY="k", CORS_ORIGINS="app.example")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("CORS_ORIGINS must be * or comma-separated origins", result.stderr)
