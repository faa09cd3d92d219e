from unittest import mock

from django.db import InterfaceError, OperationalError, connection
from django.test import override_settings
from django.urls import reverse

from todos.views import info

from .helpers import ApiTestCase

BIG_BODY = "x" * 65537
NOTHING_HERE = "There is nothing at this path."
SERVED = ["127.0.0.1", "localhost"]  # the contract's default ALLOWED_HOSTS
BEHIND_A_PROXY = {  # what TRUST_PROXY_HEADERS=true sets (test_config.py checks that)
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "USE_X_FORWARDED_HOST": True,
}


class ProblemDetailsTests(ApiTestCase):
    """Every error under /api is problem+json (todos/errors.py), whatever DEBUG says; the
    site's paths get HTML pages (pages/tests/test_errors.py)."""

    def test_unknown_paths_are_404_problems(self):
        """Under /api, with DEBUG off and on: a problem, never an HTML page."""
        paths = ("/api", "/api/", "/api/v1/", "/api/v1/nope", "/api/v1/accounts/", "/api/x/y")
        for debug in (False, True):
            for path in paths:
                with self.subTest(path=path, debug=debug), override_settings(DEBUG=debug):
                    problem = self.assertProblem(self.client.get(path), 404, "Not Found")
                    self.assertEqual(problem["detail"], NOTHING_HERE)

    def test_unknown_paths_below_an_account_are_unknown_paths(self):
        """Below a task there is nothing, whatever the method: the same 404, not a task's."""
        account = self.create_account("ada")
        token = self.token_for(account)
        task = self.create_task(account)
        path = reverse("todos:task", args=["ada", task.pk]) + "/subtasks"
        for method in ("GET", "POST", "DELETE"):
            with self.subTest(method=method):
                response = self.send(method, path, token=token)
                problem = self.assertProblem(response, 404, "Not Found")
                self.assertEqual(problem["detail"], NOTHING_HERE)

    def test_empty_path_segments_are_unknown_paths(self):
        """/api/v1//health names nothing: a 404 problem, never a redirect; //api/v1 is not under
        /api, so it is the site's 404 page."""
        for path in ("/api/v1//health", "/api/v1/accounts//login"):
            with self.subTest(path=path):
                # PATH_INFO as the server passes it; the test client would read //api as a host.
                response = self.client.get("/", PATH_INFO=path)
                problem = self.assertProblem(response, 404, "Not Found")
                self.assertEqual(problem["detail"], NOTHING_HERE)
        response = self.client.get("/", PATH_INFO="//api/v1")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")

    def test_errors_raised_in_views_are_problems_with_debug_on_too(self):
        """A view's own error keeps its status, detail and headers with DEBUG on."""
        with override_settings(DEBUG=True):
            response = self.client.post(reverse("todos:logout"))
        problem = self.assertProblem(response, 401, "Unauthorized")
        self.assertEqual(
            problem["detail"],
            "No bearer token was sent: add the header Authorization: Bearer <token>.",
        )
        self.assertEqual(response["WWW-Authenticate"], 'Bearer realm="api"')

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
        problem = self.assertProblem(response, 405, "Method Not Allowed")
        self.assertEqual(
            problem["detail"],
            "This path does not support the method: the Allow header lists the ones it does.",
        )

    def test_unexpected_exception_is_a_500_problem_without_internals(self):
        """A bug becomes a bare 500 problem, with DEBUG off and on; the traceback is only logged."""
        self.client.raise_request_exception = False
        failure = RuntimeError("secret internals")
        for debug in (False, True):
            with (
                self.subTest(debug=debug),
                override_settings(DEBUG=debug),
                mock.patch.object(info.InfoView, "get", side_effect=failure),
                self.assertLogs("django.request", "ERROR") as logs,
            ):
                response = self.client.get(reverse("todos:info"))
            problem = self.assertProblem(response, 500, "Internal Server Error")
            self.assertNotIn("secret internals", response.content.decode())
            self.assertEqual(problem["detail"], "The server could not complete the request.")
            self.assertIn("secret internals", "\n".join(logs.output))

    def test_admin_is_served(self):
        """The admin is wired up: /admin/ asks an anonymous visitor to log in."""
        response = self.client.get(reverse("admin:index"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])


@override_settings(ALLOWED_HOSTS=SERVED)
class AllowedHostsTests(ApiTestCase):
    """Only the hosts of ALLOWED_HOSTS are served (todos/errors.py), before routing."""

    def get(self, path, host, **headers):
        return self.client.get(path, headers={"Host": host, **headers})

    def test_other_hosts_are_400_on_every_path(self):
        """A Host not served is a 400 problem, on an API path or an unknown one (not 404)."""
        for path in (reverse("todos:info"), "/nowhere", reverse("todos:accounts")):
            for host in ("evil.example", "evil.example:80", "localhost.evil.example"):
                with self.subTest(path=path, host=host):
                    problem = self.assertProblem(self.get(path, host), 400, "Bad Request")
                    self.assertEqual(
                        problem["detail"],
                        "The Host header names a host this server does not serve.",
                    )

    def test_served_hosts_match_without_port_or_case(self):
        """localhost on any port, in any case, is served, and URLs keep the Host as sent."""
        account = self.create_account("ada")
        token = self.token_for(account)
        url = reverse("todos:account", args=["ada"])
        for host in ("localhost", "localhost:1", "LocalHost:8000", "127.0.0.1:8000"):
            with self.subTest(host=host):
                response = self.get(url, host, Authorization=f"Bearer {token}")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json()["url"], f"http://{host}{url}")

    @override_settings(ALLOWED_HOSTS=["*"])
    def test_a_star_serves_any_host(self):
        self.assertEqual(self.get(reverse("todos:info"), "anything.example:9").status_code, 200)

    @override_settings(ALLOWED_HOSTS=["[::1]"])
    def test_an_ipv6_address_in_brackets_is_a_host_name(self):
        self.assertEqual(self.get(reverse("todos:info"), "[::1]:8000").status_code, 200)

    def test_forwarded_headers_are_ignored_by_default(self):
        """Without TRUST_PROXY_HEADERS, X-Forwarded-Host/-Proto neither pass nor change a URL."""
        response = self.client.post(
            reverse("todos:accounts"),
            {"username": "ada", "email": "ada@example.com", "password": "correct horse"},
            content_type="application/json",
            headers={
                "Host": "localhost:8000",
                "X-Forwarded-Host": "evil.example",
                "X-Forwarded-Proto": "https",
            },
        )
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response["Location"], "http://localhost:8000/api/v1/accounts/ada")

    @override_settings(**BEHIND_A_PROXY, ALLOWED_HOSTS=["api.example.com"])
    def test_trusted_proxy_headers_give_the_scheme_and_the_host(self):
        """Behind a proxy, URLs are https:// on the forwarded host, which must be served."""
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "api.example.com"}
        response = self.client.post(
            reverse("todos:accounts"),
            {"username": "ada", "email": "ada@example.com", "password": "correct horse"},
            content_type="application/json",
            headers={"Host": "10.0.0.5:8000", **headers},
        )
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response["Location"], "https://api.example.com/api/v1/accounts/ada")
        forwarded = {"X-Forwarded-Host": "evil.example"}
        response = self.get(reverse("todos:info"), "api.example.com", **forwarded)
        self.assertProblem(response, 400, "Bad Request")


class DatabaseUnavailableTests(ApiTestCase):
    """A database that cannot be reached is a 503 with Retry-After on every route that needs it
    (todos/errors.py), never a 500, and the next request after it is back works again."""

    def setUp(self):
        self.account = self.create_account("ada")
        self.token = self.token_for(self.account)
        self.logout_token = self.token_for(self.account)
        self.task = self.create_task(self.account)

    def requests(self):
        tasks = reverse("todos:tasks", args=["ada"])
        task = reverse("todos:task", args=["ada", self.task.pk])
        login = {"username": "ada", "password": "correct horse"}
        return [
            ("GET", reverse("todos:health"), None, None),
            ("POST", reverse("todos:accounts"), {**login, "username": "bob", "email": "b@c"}, None),
            ("POST", reverse("todos:login"), login, None),
            ("POST", reverse("todos:logout"), None, self.logout_token),
            ("GET", reverse("todos:account", args=["ada"]), None, self.token),
            ("PATCH", reverse("todos:account", args=["ada"]), {"email": "a@b"}, self.token),
            ("GET", tasks, None, self.token),
            ("POST", tasks, {"name": "Buy bread"}, self.token),
            ("PUT", task, {"name": "Buy bread"}, self.token),
            ("PATCH", task, {"completed": True}, self.token),
            ("DELETE", task, None, self.token),
            ("DELETE", reverse("todos:account", args=["ada"]), None, self.token),
        ]

    def test_every_route_that_needs_the_database_is_503_then_recovers(self):
        for failure in (
            OperationalError("attempt to write a readonly database"),
            InterfaceError("connection already closed"),
        ):
            for method, path, body, token in self.requests():
                with self.subTest(failure=failure, method=method, path=path):
                    with mock.patch.object(connection, "cursor", side_effect=failure):
                        response = self.send(method, path, body, token=token)
                    problem = self.assertProblem(response, 503, "Service Unavailable")
                    self.assertEqual(
                        problem["detail"], "The database cannot be reached; try again later."
                    )
                    self.assertEqual(response["Retry-After"], "5")
        for method, path, body, token in self.requests():
            with self.subTest(method=method, path=path, recovered=True):
                response = self.send(method, path, body, token=token)
                self.assertLess(response.status_code, 300, response.content)

    def test_info_does_not_need_the_database(self):
        with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
            self.assertEqual(self.client.get(reverse("todos:info")).status_code, 200)
