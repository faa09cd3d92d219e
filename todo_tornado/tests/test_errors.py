"""Every error is problem+json: unknown paths, 405, and a server fault even with debug on."""

from todo_tornado.handlers.base import BaseHandler

from .support import ApiTestCase


class BrokenHandler(BaseHandler):
    SUPPORTED_METHODS = ("GET",)

    def get(self):
        raise RuntimeError("secret internals")


class UnknownPathTest(ApiTestCase):
    def test_unknown_paths_are_404_whatever_the_method(self):
        for method, path in [
            ("GET", "/"),
            ("GET", "/api/v1/accounts/"),
            ("POST", "/nowhere"),
            ("DELETE", "/api/v1/accounts/ada/tasks/1/more"),
            ("OPTIONS", "/api/v2"),
            ("PROPFIND", "/api/v1x"),
        ]:
            with self.subTest(method=method, path=path):
                self.assert_problem(self.request(method, path), 404, "Not Found")

    def test_head_of_an_unknown_path_has_no_body(self):
        response = self.request("HEAD", "/nowhere")
        self.assertEqual((response.code, response.body), (404, b""))
        self.assertEqual(response.headers["Content-Type"], "application/problem+json")

    def test_routing_comes_before_size_and_auth(self):
        response = self.request("PUT", "/api/v1/accounts", raw=b"x" * 70000)
        self.assert_problem(response, 405, "Method Not Allowed")
        self.assertEqual(response.headers["Allow"], "POST")


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
        self.assertNotIn("RuntimeError", problem["detail"])
