import io
import json
import os
import runpy
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from django.core.management import get_commands, load_command_class
from django.core.servers.basehttp import WSGIRequestHandler
from django.test import SimpleTestCase

from todo_django.wsgi import ChunkedBodyMiddleware
from todos.management.commands.runserver import DevelopmentServer

PROJECT = Path(__file__).resolve().parents[2]
SHOW_DATABASE = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'], default=str))"
)
SHOW_HTTP = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps({name: getattr(settings, name, None) for name in ("
    "'ALLOWED_HOSTS', 'SECURE_PROXY_SSL_HEADER', 'USE_X_FORWARDED_HOST', "
    "'DATA_UPLOAD_MAX_NUMBER_FIELDS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE')}))"
)
# A request to the real settings and database, as a server would send it.
GET_IN_PROCESS = (
    "import sys, django; django.setup(); from django.test import Client; "
    "response = Client().get(sys.argv[1], headers={'Host': 'localhost', "
    "'Authorization': 'Bearer x'}); print(response.status_code, response.get('Retry-After'))"
)
CHUNKED_BODY = b'4\r\n{"a"\r\n5;ext=1\r\n: 1}\n\r\n0\r\nTrailer: x\r\n\r\n'


def run(args, **environment):
    """Run Python in the project folder with exactly these settings variables. The settings
    tests run `python -m django`, since manage.py would add a developer's .env to them."""
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    env.update(
        DJANGO_SETTINGS_MODULE="todo_django.settings", DATABASE_URL="sqlite:////srv/todo/db.sqlite3"
    )
    env.update(environment)
    return subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True, check=False
    )


class SettingsTests(SimpleTestCase):
    """Start-up configuration from the environment (todo_django/settings.py)."""

    def test_refuses_to_start_without_a_secret_key_when_debug_is_off(self):
        """With DEBUG off, a missing SECRET_KEY stops start-up with a message naming it."""
        result = run(["-m", "django", "check"], DEBUG="false")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY must be set", result.stderr)

    def test_debug_uses_a_development_key(self):
        """With DEBUG on, the project starts without a SECRET_KEY."""
        result = run(["-m", "django", "check"], DEBUG="true")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_refuses_an_invalid_token_lifetime(self):
        """TOKEN_TTL_SECONDS must be a positive integer, or start-up stops naming it."""
        for ttl in ("0", "-5", "abc"):
            with self.subTest(ttl=ttl):
                result = run(["-m", "django", "check"], SECRET_KEY="k", TOKEN_TTL_SECONDS=ttl)
                self.assertNotEqual(result.returncode, 0)
                self.assertIn("TOKEN_TTL_SECONDS must be a positive integer", result.stderr)

    def test_sqlite_gets_wal_busy_timeout_and_immediate_transactions(self):
        """An SQLite DATABASE_URL gets the options that let concurrent writers queue."""
        database = json.loads(run(["-c", SHOW_DATABASE], SECRET_KEY="k").stdout)
        self.assertEqual(database["NAME"], "/srv/todo/db.sqlite3")
        self.assertEqual(database["OPTIONS"]["transaction_mode"], "IMMEDIATE")
        self.assertIn("journal_mode=WAL", database["OPTIONS"]["init_command"])

    def test_hosts_default_to_the_local_names_and_proxies_are_not_trusted(self):
        """ALLOWED_HOSTS defaults to 127.0.0.1,localhost; forwarded headers count for nothing."""
        http = json.loads(run(["-c", SHOW_HTTP], SECRET_KEY="k").stdout)
        self.assertEqual(http["ALLOWED_HOSTS"], ["127.0.0.1", "localhost"])
        self.assertIsNone(http["SECURE_PROXY_SSL_HEADER"])
        self.assertFalse(http["USE_X_FORWARDED_HOST"])

    def test_allowed_hosts_and_trusted_proxy_headers_come_from_the_environment(self):
        """ALLOWED_HOSTS is a comma-separated list (`*` any); TRUST_PROXY_HEADERS=true takes the
        scheme from X-Forwarded-Proto and the host from X-Forwarded-Host."""
        environment = {"ALLOWED_HOSTS": " api.example.com, [::1] ,*", "TRUST_PROXY_HEADERS": "true"}
        http = json.loads(run(["-c", SHOW_HTTP], SECRET_KEY="k", **environment).stdout)
        self.assertEqual(http["ALLOWED_HOSTS"], ["api.example.com", "[::1]", "*"])
        self.assertEqual(http["SECURE_PROXY_SSL_HEADER"], ["HTTP_X_FORWARDED_PROTO", "https"])
        self.assertTrue(http["USE_X_FORWARDED_HOST"])
        result = run(["-m", "django", "check"], SECRET_KEY="k", TRUST_PROXY_HEADERS="maybe")
        self.assertIn("TRUST_PROXY_HEADERS must be true or false", result.stderr)

    def test_secure_cookies_come_from_the_environment(self):
        """SECURE_COOKIES (default false) marks the session cookie (and any CSRF cookie) Secure;
        anything but true or false stops start-up, naming it."""
        http = json.loads(run(["-c", SHOW_HTTP], SECRET_KEY="k").stdout)
        self.assertEqual(
            (http["SESSION_COOKIE_SECURE"], http["CSRF_COOKIE_SECURE"]), (False, False)
        )
        http = json.loads(run(["-c", SHOW_HTTP], SECRET_KEY="k", SECURE_COOKIES="true").stdout)
        self.assertEqual((http["SESSION_COOKIE_SECURE"], http["CSRF_COOKIE_SECURE"]), (True, True))
        result = run(["-m", "django", "check"], SECRET_KEY="k", SECURE_COOKIES="sometimes")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECURE_COOKIES must be true or false", result.stderr)

    def test_no_cap_on_the_number_of_query_parameters(self):
        """Django's 1,000-field cap (a 400 for unknown query parameters) is lifted."""
        http = json.loads(run(["-c", SHOW_HTTP], SECRET_KEY="k").stdout)
        self.assertIsNone(http["DATA_UPLOAD_MAX_NUMBER_FIELDS"])

    def test_an_unreachable_database_is_a_503_with_retry_after(self):
        """An SQLite file that cannot be opened, a PostgreSQL server refusing connections:
        503 with Retry-After, not 500, on a route that needs the database."""
        for url in ("sqlite:////nonexistent/todo.sqlite3", "postgresql://todo@127.0.0.1:1/todo"):
            with self.subTest(url=url):
                result = run(
                    ["-c", GET_IN_PROCESS, "/api/v1/accounts/ada"], SECRET_KEY="k", DATABASE_URL=url
                )
                # The last line: the settings log to stdout too.
                answer = result.stdout.splitlines()[-1]
                self.assertEqual(answer.split(), ["503", "5"], result.stderr)

    def test_postgresql_url_selects_the_postgresql_backend(self):
        """A postgresql:// DATABASE_URL selects psycopg, without SQLite's options."""
        url = "postgresql://todo:pw@db.example:5433/todo"
        database = json.loads(run(["-c", SHOW_DATABASE], SECRET_KEY="k", DATABASE_URL=url).stdout)
        self.assertEqual(database["ENGINE"], "django.db.backends.postgresql")
        self.assertEqual(
            (database["HOST"], database["PORT"], database["NAME"]), ("db.example", 5433, "todo")
        )
        self.assertNotIn("transaction_mode", database.get("OPTIONS", {}))


class EnvFileTests(SimpleTestCase):
    """manage.py reads a .env file beside it, for the variables the environment does not set."""

    def check(self, env_file, **environment):
        """`manage.py check` from a folder holding a copy of manage.py and this .env file."""
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        shutil.copy(PROJECT / "manage.py", folder)
        (folder / ".env").write_text(env_file)
        return run([str(folder / "manage.py"), "check"], PYTHONPATH=str(PROJECT), **environment)

    def test_management_commands_take_debug_from_the_env_file(self):
        """DEBUG=true in .env lets manage.py start without a SECRET_KEY; comments are skipped."""
        result = self.check("# local settings\nDEBUG = true\n")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_the_environment_wins_over_the_env_file(self):
        """DEBUG=false in the environment overrides the file's DEBUG=true."""
        result = self.check("DEBUG=true\n", DEBUG="false")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY must be set", result.stderr)


class ChunkedBodyMiddlewareTests(SimpleTestCase):
    """todo_django/wsgi.py: gunicorn's chunked bodies get the Content-Length Django reads."""

    def call(self, environ):
        seen = {}

        def application(environ, start_response):
            seen.update(environ, body=environ["wsgi.input"].read())
            return []

        ChunkedBodyMiddleware(application)(environ, None)
        return seen

    def test_a_chunked_body_is_read_and_given_its_length(self):
        """No CONTENT_LENGTH and wsgi.input_terminated (gunicorn's chunked body): read to the
        end, so Django sees the body and its length."""
        seen = self.call(
            {"wsgi.input": io.BytesIO(b'{"name": "a"}'), "wsgi.input_terminated": True}
        )
        self.assertEqual((seen["CONTENT_LENGTH"], seen["body"]), ("13", b'{"name": "a"}'))

    def test_a_chunked_body_over_the_limit_is_read_one_byte_past_it(self):
        """65537 bytes are enough for ApiView's 413; the rest is never read into memory."""
        stream = io.BytesIO(b" " * 80000)
        seen = self.call({"wsgi.input": stream, "wsgi.input_terminated": True})
        self.assertEqual(seen["CONTENT_LENGTH"], "65537")
        self.assertEqual(stream.tell(), 65537)

    def test_other_bodies_are_left_alone(self):
        """A Content-Length body, or a server that does not mark its input terminated."""
        for environ in (
            {"CONTENT_LENGTH": "2", "wsgi.input": io.BytesIO(b"{}"), "wsgi.input_terminated": True},
            {"wsgi.input": io.BytesIO(b"{}")},
        ):
            with self.subTest(environ=environ):
                self.assertEqual(
                    self.call(environ).get("CONTENT_LENGTH"), environ.get("CONTENT_LENGTH")
                )


class RunserverCommandTests(SimpleTestCase):
    """`manage.py runserver` (todos/management/commands/runserver.py)."""

    def test_development_server_queues_bursts_of_connections(self):
        """Our runserver (not staticfiles') listens with room for 50 simultaneous clients."""
        app = get_commands()["runserver"]
        self.assertEqual(app, "todos")
        command = load_command_class(app, "runserver")
        self.assertGreaterEqual(command.server_cls.request_queue_size, 50)

    def test_whitenoise_serves_static_files_in_development_too(self):
        """runserver leaves /static/ to WhiteNoise (--nostatic by default), as gunicorn does."""
        command = load_command_class("todos", "runserver")
        options = command.create_parser("manage.py", "runserver").parse_args([])
        self.assertFalse(options.use_static_handler)

    def exchange(self, request):
        """Send raw bytes to the development server (with an application that echoes the path,
        the body and its length) and return everything it answers until it closes."""

        def echo(environ, start_response):
            length = environ.get("CONTENT_LENGTH") or "0"
            body = environ["wsgi.input"].read(int(length))
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [f"{environ['PATH_INFO']} {length} ".encode() + body]

        server = DevelopmentServer(("127.0.0.1", 0), WSGIRequestHandler)
        server.set_app(echo)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            with socket.create_connection(server.server_address, timeout=10) as client:
                client.sendall(request)
                answer = b""
                while chunk := client.recv(65536):
                    answer += chunk
            return answer
        finally:
            server.shutdown()
            server.server_close()

    def test_development_server_decodes_chunked_bodies(self):
        """Django's handler would pass an empty body; ours decodes the chunks first."""
        answer = self.exchange(
            b"POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            + CHUNKED_BODY
        )
        self.assertTrue(answer.startswith(b"HTTP/1.1 200"), answer)
        self.assertTrue(answer.endswith(b'\r\n\r\n/ 9 {"a": 1}\n'), answer)

    def test_development_server_cuts_long_chunked_bodies_one_byte_past_the_limit(self):
        """A chunked body over 64 KiB reaches the application as 65537 bytes (a 413)."""
        chunk = b"9c40\r\n" + b" " * 40000 + b"\r\n"  # 40000 bytes
        answer = self.exchange(
            b"POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            + chunk * 2
            + b"0\r\n\r\n"
        )
        self.assertIn(b"\r\n\r\n/ 65537 ", answer)

    def test_development_server_keeps_the_path_as_sent(self):
        """http.server would turn //api/v1 into /api/v1; the application sees //api/v1."""
        for path in (b"//api/v1", b"/api/v1//health"):
            with self.subTest(path=path):
                answer = self.exchange(b"GET " + path + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
                self.assertTrue(answer.endswith(b"\r\n\r\n" + path + b" 0 "), answer)

    def test_development_server_refuses_malformed_chunks(self):
        answer = self.exchange(
            b"POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
        )
        self.assertTrue(answer.startswith(b"HTTP/1.1 400"), answer)


class ProductionServerTests(SimpleTestCase):
    """gunicorn, as `make serve-django` and the Dockerfile run it."""

    def test_gunicorn_trusts_no_forwarded_headers_itself(self):
        """gunicorn.conf.py: gunicorn would take X-Forwarded-Proto from 127.0.0.1 by default;
        only Django decides, and only when TRUST_PROXY_HEADERS is true."""
        config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
        self.assertEqual(config["forwarded_allow_ips"], "")

    def test_gunicorn_takes_header_lines_of_8_kib(self):
        """The contract's smallest header line limit (8192 bytes and the CRLF gunicorn counts),
        above gunicorn's default of 8190."""
        config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
        self.assertGreaterEqual(config["limit_request_field_size"], 8192 + 2)

    def test_docker_image_runs_gunicorn_with_threaded_workers(self):
        """The Dockerfile's gunicorn has `make serve-django`'s flags: gthread workers, so slow
        clients hold threads and not workers, and 8190-byte request lines."""
        dockerfile = (PROJECT / "Dockerfile").read_text()
        command = json.loads(dockerfile.split("\nCMD ", 1)[1])[-1]
        gunicorn = shlex.split(command.split("exec ", 1)[1])
        for flag, value in (
            ("--worker-class", "gthread"),
            ("--threads", "8"),
            ("--limit-request-line", "8190"),
        ):
            with self.subTest(flag=flag):
                self.assertEqual(gunicorn[gunicorn.index(flag) + 1], value)
