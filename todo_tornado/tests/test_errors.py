"""Every API error is problem+json: unknown paths under /api, 405, and a server fault even with
debug on. (The site's error pages are in test_pages_base.py.)"""

from tornado.tcpclient import TCPClient
from tornado.testing import gen_test

from todo_tornado.handlers.base import BaseHandler

from .support import ApiTestCase

# The details the contract fixes for every implementation (shared_spec/README.md, Errors).
NOTHING_HERE = "There is nothing at this path."
METHOD_NOT_SUPPORTED = (
    "This path does not support the method: the Allow header lists the ones it does."
)
SERVER_FAULT = "The server could not complete the request."


class BrokenHandler(BaseHandler):
    SUPPORTED_METHODS = ("GET",)

    def get(self):
        raise RuntimeError("secret internals")


class UnknownPathTest(ApiTestCase):
    def test_unknown_paths_under_api_are_404_whatever_the_method(self):
        for method, path in [
            ("GET", "/api"),
            ("GET", "/api/"),
            ("GET", "/api/v1/"),
            ("GET", "/api/v1/accounts/"),
            ("POST", "/api/nowhere"),
            ("DELETE", "/api/v1/accounts/ada/tasks/1/more"),
            ("OPTIONS", "/api/v2"),
            ("PROPFIND", "/api/v1x/y"),
        ]:
            with self.subTest(method=method, path=path):
                problem = self.assert_problem(self.request(method, path), 404, "Not Found")
                self.assertEqual(problem["detail"], NOTHING_HERE)

    def test_an_answer_before_the_body_is_read_says_the_connection_closes(self):
        # Tornado closes it rather than read the body; a client reusing it would fail.
        self.assertEqual(self.request("POST", "/api/nowhere").headers["Connection"], "close")
        self.assertEqual(self.request("PUT", "/api/v1").headers["Connection"], "close")  # 405

    @gen_test
    async def test_an_answer_after_the_body_keeps_the_connection(self):
        stream = await TCPClient().connect("127.0.0.1", self.get_http_port())
        for path in (b"/api/v1/accounts/ada", b"/api/v1"):  # a 401, then on the same connection
            await stream.write(b"GET " + path + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
            head = await stream.read_until(b"\r\n\r\n")
            length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
            await stream.read_bytes(length)
            self.assertNotIn(b"Connection: close", head)
        self.assertTrue(head.startswith(b"HTTP/1.1 200 OK"))
        stream.close()

    def test_head_of_an_unknown_path_has_no_body(self):
        response = self.request("HEAD", "/api/nowhere")
        self.assertEqual((response.code, response.body), (404, b""))
        self.assertEqual(response.headers["Content-Type"], "application/problem+json")

    def test_routing_comes_before_size_and_auth(self):
        response = self.request("PUT", "/api/v1/accounts", raw=b"x" * 70000)
        problem = self.assert_problem(response, 405, "Method Not Allowed")
        self.assertEqual(response.headers["Allow"], "POST")
        self.assertEqual(problem["detail"], METHOD_NOT_SUPPORTED)


class ServerFaultTest(ApiTestCase):
    debug = True  # Tornado's debug mode would show a traceback page; write_error replaces it

    def get_app(self):
        app = super().get_app()
        app.add_handlers(r".*", [(r"/broken", BrokenHandler)])
        return app

    def test_an_unexpected_exception_is_a_500_problem_without_internals(self):
        with self.assertLogs("tornado.application", "ERROR"):  # logged server-side
            response = self.request("GET", "/broken")
        problem = self.assert_problem(response, 500, "Internal Server Error")
        self.assertNotIn(b"secret internals", response.body)
        self.assertEqual(problem["detail"], SERVER_FAULT)


class EmptySegmentTest(ApiTestCase):
    def test_empty_path_segments_are_unknown_paths(self):
        token = self.create_account("ada")
        for path in (
            "/api//v1",
            "/api/v1//health",
            "/api/v1/accounts//tasks",
            "/api/v1/accounts/ada//tasks",
        ):
            with self.subTest(path=path):
                response = self.request("GET", path, token=token)
                problem = self.assert_problem(response, 404, "Not Found")
                self.assertEqual(problem["detail"], NOTHING_HERE)


class HostTest(ApiTestCase):
    """ALLOWED_HOSTS (the default here: 127.0.0.1 and localhost), checked before routing."""

    HOST_DETAIL = "The Host header names a host this server does not serve."

    def test_an_unserved_host_is_400_on_every_path_and_method(self):
        for method, path in [
            ("GET", "/api/v1"),
            ("GET", "/nowhere"),
            ("GET", "/static/style.css"),
            ("POST", "/login"),
            ("OPTIONS", "/api/v1"),
            ("POST", "/api/v1/accounts/ada/tasks"),
        ]:
            with self.subTest(method=method, path=path):
                response = self.request(method, path, headers={"Host": "evil.example"})
                problem = self.assert_problem(response, 400, "Bad Request")
                self.assertEqual(problem["detail"], self.HOST_DETAIL)

    def test_the_host_comes_before_the_body_size(self):
        response = self.request(
            "POST", "/api/v1/accounts", raw=b"x" * 70000, headers={"Host": "evil.example"}
        )
        self.assert_problem(response, 400, "Bad Request")

    def test_names_compare_without_case_or_port_and_urls_keep_the_host_as_sent(self):
        token = self.create_account("ada")
        for host in ("LocalHost", "localhost:8080", "127.0.0.1"):
            with self.subTest(host=host):
                response = self.request(
                    "GET", "/api/v1/accounts/ada", token=token, headers={"Host": host}
                )
                self.assertEqual(self.json(response)["url"], f"http://{host}/api/v1/accounts/ada")

    def test_proxy_headers_are_ignored_unless_trusted(self):
        token = self.create_account("ada")
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}
        response = self.request("GET", "/api/v1/accounts/ada", token=token, headers=headers)
        self.assertEqual(self.json(response)["url"], self.url("/api/v1/accounts/ada"))


class AnyHostTest(ApiTestCase):
    allowed_hosts = ("*",)

    def test_a_star_serves_any_host(self):
        response = self.request("GET", "/api/v1/health", headers={"Host": "api.example:8443"})
        self.assertEqual(response.code, 200)


class Ipv6HostTest(ApiTestCase):
    allowed_hosts = ("[::1]",)

    def test_an_ipv6_address_is_named_in_brackets(self):
        for host, status in (("[::1]:8888", 200), ("[::1]", 200), ("[::2]", 400)):
            with self.subTest(host=host):
                self.assertEqual(
                    self.request("GET", "/api/v1", headers={"Host": host}).code, status
                )


class TrustedProxyTest(ApiTestCase):
    """TRUST_PROXY_HEADERS=true behind a TLS-terminating proxy that serves api.example."""

    allowed_hosts = ("api.example",)
    trust_proxy_headers = True

    def test_urls_take_the_scheme_and_host_the_proxy_forwards(self):
        token = self.create_account("ada")
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "api.example"}
        response = self.request("GET", "/api/v1/accounts/ada", token=token, headers=headers)
        self.assertEqual(self.json(response)["url"], "https://api.example/api/v1/accounts/ada")

    def test_the_forwarded_host_is_the_one_checked(self):
        headers = {"X-Forwarded-Host": "evil.example", "Host": "api.example"}
        self.assert_problem(self.request("GET", "/api/v1", headers=headers), 400, "Bad Request")
        headers = {"X-Forwarded-Host": "api.example:443"}  # Host is 127.0.0.1:<port>, unserved
        self.assertEqual(self.request("GET", "/api/v1", headers=headers).code, 200)


class ChunkedBodyTest(ApiTestCase):
    """Transfer-Encoding: chunked (Tornado's client chunks a body_producer's body)."""

    TASK = b'{"name": "milk"}'

    def send_chunked(self, path, body: bytes, token=None):
        async def produce(write):
            for start in range(0, len(body), 8192):
                await write(body[start : start + 8192])

        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.fetch(
            path, method="POST", headers=headers, body_producer=produce, raise_error=False
        )

    def test_a_chunked_body_over_64_kib_is_413_before_401(self):
        body = self.TASK.ljust(65537)  # JSON may end in any amount of whitespace
        response = self.send_chunked("/api/v1/accounts/ada/tasks", body)
        self.assertNotIn("Content-Length", response.request.headers)  # sent chunked
        self.assert_problem(response, 413, "Content Too Large")

    def test_a_chunked_body_of_64_kib_is_accepted(self):
        token = self.create_account("ada")
        body = self.TASK.ljust(65536)
        response = self.send_chunked("/api/v1/accounts/ada/tasks", body, token=token)
        self.assertEqual((response.code, self.json(response)["name"]), (201, "milk"))

    @gen_test
    async def test_a_content_length_of_any_number_of_digits_over_the_limit_is_413(self):
        stream = await TCPClient().connect("127.0.0.1", self.get_http_port())
        length = b"9" * 10000  # past what int() converts; Tornado's client would not send it
        await stream.write(b"POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\n")
        await stream.write(b"Content-Length: " + length + b"\r\n\r\n{}")
        answer = await stream.read_until_close()  # the server closes after its answer
        self.assertTrue(answer.startswith(b"HTTP/1.1 413 Content Too Large\r\n"))
        self.assertIn(b"application/problem+json", answer)
