"""GET /api/v1 and GET /api/v1/health, and what every route does while the database is away."""

import contextlib
import gc
import os
import sqlite3
import unittest
from pathlib import Path

import psycopg
import tornado
from sqlalchemy import event

from .support import POSTGRES_ADMIN_URL, ApiTestCase, PostgresTestCase

UNAVAILABLE = "The database cannot be reached; try again later."


class InfoTest(ApiTestCase):
    def test_describes_the_api(self):
        response = self.request("GET", "/api/v1")
        self.assertEqual(response.code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        info = self.json(response)
        self.assertEqual(info["framework"], "tornado")
        self.assertEqual(info["framework_version"], tornado.version)
        self.assertEqual(info["api_version"], "1.4.0")
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
        problem = self.assert_problem(response, 503, "Service Unavailable")
        self.assertEqual((problem["detail"], response.headers["Retry-After"]), (UNAVAILABLE, "5"))


class DatabaseOutageTest(ApiTestCase):
    """Every route that needs the database answers 503 while it is away, and works again,
    without a restart, once it is back."""

    def setUp(self):
        super().setUp()
        self.token = self.create_account("ada")

    def assert_every_route(self, status):
        login = {"username": "ada", "password": "wrong horse"}
        for method, path, body in [
            ("GET", "/api/v1/health", None),
            ("POST", "/api/v1/accounts/login", login),
            ("GET", "/api/v1/accounts/ada", None),
            ("GET", "/api/v1/accounts/ada/tasks", None),
            ("POST", "/api/v1/accounts/ada/tasks", {"name": "milk"}),
        ]:
            with self.subTest(method=method, path=path):
                response = self.request(method, path, body, token=self.token)
                if status == 503:
                    problem = self.assert_problem(response, 503, "Service Unavailable")
                    self.assertEqual(problem["detail"], UNAVAILABLE)
                    self.assertEqual(response.headers["Retry-After"], "5")
                else:
                    self.assertLess(response.code, 500)
        self.assertEqual(self.request("GET", "/api/v1").code, 200)  # info needs no database

    def test_a_database_file_that_cannot_be_opened(self):
        away = self.folder.with_name(self.folder.name + "_away")
        self.folder.rename(away)  # SQLite: "unable to open database file"
        self.assert_every_route(503)
        away.rename(self.folder)
        self.assert_every_route(200)

    def test_a_connection_opened_while_the_file_was_read_only_is_dropped(self):
        # What chmod a-w does to connections opened meanwhile, for any user (root included):
        # they stay read-only after the file is writable again.
        engine = self.app.settings["db"].engine
        read_only = [True]

        @event.listens_for(engine, "do_connect")
        def connect(dialect, record, cargs, cparams):
            if read_only[0]:
                return sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, **cparams)
            return None

        self.engine.dispose()  # the fixtures' connections
        self.assertEqual(self.request("GET", "/api/v1/health").code, 200)  # reads still work
        create = {"name": "milk"}
        gc.disable()  # a collection would close a forgotten connection by chance
        self.addCleanup(gc.enable)
        response = self.request("POST", "/api/v1/accounts/ada/tasks", create, token=self.token)
        problem = self.assert_problem(response, 503, "Service Unavailable")
        self.assertEqual(problem["detail"], UNAVAILABLE)
        # Really closed: SQLite would give a file it still has open to the next connection.
        self.assertEqual(open_handles(self.database), 0)
        read_only[0] = False
        response = self.request("POST", "/api/v1/accounts/ada/tasks", create, token=self.token)
        self.assertEqual(response.code, 201)


def open_handles(path: Path) -> int:
    """How many of this process's file descriptors are open on path (Linux's /proc)."""
    if not Path("/proc/self/fd").is_dir():
        raise unittest.SkipTest("needs /proc/self/fd")
    count = 0
    for fd in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):  # the listing's own descriptor, gone by now
            count += os.readlink(fd) == str(path)
    return count


class PostgresOutageTest(PostgresTestCase):
    def test_503_while_postgresql_refuses_connections_then_back(self):
        token = self.create_account("ada")
        self.assertEqual(self.request("GET", "/api/v1/accounts/ada", token=token).code, 200)
        name = self.config.database_url.rsplit("/", 1)[1]
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            admin.execute(  # what a restart does to the pooled connections
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )
        response = self.request("GET", "/api/v1/accounts/ada", token=token)
        self.assert_problem(response, 503, "Service Unavailable")
        self.assertEqual(response.headers["Retry-After"], "5")
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        self.assertEqual(self.request("GET", "/api/v1/accounts/ada", token=token).code, 200)
