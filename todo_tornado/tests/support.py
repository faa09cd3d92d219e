"""ApiTestCase: Tornado's AsyncHTTPTestCase around make_app, with a fresh SQLite file per test."""

import contextlib
import functools
import json
import os
import shutil
import tempfile
import unittest
import uuid
from pathlib import Path
from unittest import mock

import psycopg
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import create_engine, delete
from sqlalchemy.orm import Session
from tornado.httputil import HTTPHeaders
from tornado.testing import AsyncHTTPTestCase

from todo_tornado import auth
from todo_tornado.app import make_app, server_options
from todo_tornado.config import DEFAULT_ALLOWED_HOSTS, Config, database_url
from todo_tornado.models import Account, Task, utcnow

FOLDER = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse"
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def migrate(url: str) -> None:
    alembic = AlembicConfig(str(FOLDER / "alembic.ini"))
    alembic.set_main_option("sqlalchemy.url", url)
    alembic.attributes["configure_logger"] = False
    command.upgrade(alembic, "head")


@functools.cache
def migrated_template() -> Path:
    """One database per test process built by the real migrations, copied for every test."""
    path = Path(tempfile.mkdtemp(prefix="todo_tornado_template_")) / "template.sqlite3"
    migrate(f"sqlite:///{path}")
    return path


@functools.cache
def password_hash() -> str:
    return auth.hash_password(PASSWORD)  # the real bcrypt cost, computed once per process


class ApiTestCase(AsyncHTTPTestCase):
    token_ttl_seconds = 3600
    allowed_hosts = DEFAULT_ALLOWED_HOSTS
    trust_proxy_headers = False
    cors_origins = ()
    secure_cookies = False
    debug = False

    def get_app(self):
        self.config = Config(
            self.make_database(),
            self.token_ttl_seconds,
            self.allowed_hosts,
            self.trust_proxy_headers,
            self.cors_origins,
            secret_key="test secret",
            secure_cookies=self.secure_cookies,
        )
        self.engine = create_engine(self.config.database_url)  # for fixtures and checks
        self.app = make_app(self.config, debug=self.debug)
        return self.app

    def get_httpserver_options(self):
        return server_options(self.config)  # the production server's settings (__main__.py)

    def make_database(self) -> str:
        """A fresh, migrated SQLite file for this test; its URL."""
        self.folder = Path(tempfile.mkdtemp(prefix="todo_tornado_test_"))
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.database = self.folder / "test.sqlite3"
        shutil.copy(migrated_template(), self.database)
        return f"sqlite:///{self.database}"

    def tearDown(self):
        super().tearDown()
        self.app.settings["db"].engine.dispose()
        self.engine.dispose()

    def request(self, method, path, body=None, token=None, headers=None, raw=None):
        """Fetch ``path``; a dict body is sent as JSON unless ``raw`` bytes are given.

        ``headers`` may be an HTTPHeaders, to send a header more than once.
        """
        headers = HTTPHeaders(headers or {})
        if body is not None:
            headers.setdefault("Content-Type", "application/json")
            raw = json.dumps(body).encode()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.fetch(
            path,
            method=method,
            body=raw,
            headers=headers,
            allow_nonstandard_methods=True,
            raise_error=False,
        )

    def json(self, response):
        return json.loads(response.body)

    def assert_problem(self, response, status, title):
        self.assertEqual(response.code, status)
        self.assertEqual(response.headers["Content-Type"], "application/problem+json")
        problem = self.json(response)
        self.assertEqual(problem["type"], "about:blank")
        self.assertEqual((problem["title"], problem["status"]), (title, status))
        self.assertNotIn("Traceback", problem["detail"])
        return problem

    def url(self, path):
        return f"http://127.0.0.1:{self.get_http_port()}{path}"

    # Fixtures written straight to the database: only the tests about passwords pay for bcrypt.
    def create_account(self, username="ada", email="ada@example.com") -> str:
        """An account with PASSWORD and a bearer token for it, which is returned."""
        with Session(self.engine) as session:
            account = Account(
                username=username, email=email, password_hash=password_hash(), date_joined=utcnow()
            )
            session.add(account)
            session.flush()
            secret, token = auth.new_token(account, self.token_ttl_seconds)
            session.add(token)
            session.commit()
        return secret

    def create_tasks(self, username, count, **values):
        with Session(self.engine) as session:
            account = session.query(Account).filter_by(username=username).one()
            for number in range(1, count + 1):
                session.add(
                    Task(
                        account_id=account.id,
                        name=f"task {number}",
                        creation_date=utcnow(),
                        **values,
                    )
                )
            session.commit()

    def delete_account(self, username):
        """What a racing DELETE /accounts/{username} does, through the server's own engine (its
        SQLite connections enforce ON DELETE CASCADE): the account, its tasks and tokens go."""
        with self.app.settings["db"].engine.begin() as connection:
            connection.execute(delete(Account).where(Account.username == username))

    @contextlib.contextmanager
    def deleted_after_authentication(self, username):
        """Within it, a racing DELETE of the account commits just after prepare() found the
        caller, before the handler's own unit of work."""
        find_caller = auth.find_caller

        def find_then_delete(session, secret):
            caller = find_caller(session, secret)
            self.delete_account(username)
            return caller

        with mock.patch.object(auth, "find_caller", find_then_delete):
            yield


class PostgresTestCase(ApiTestCase):
    """The same tests on a fresh PostgreSQL database (TEST_POSTGRES_URL names the server).

    Without a server the tests are skipped with the reason, except in CI, where that fails.
    """

    def make_database(self) -> str:
        name = f"todo_tornado_test_{uuid.uuid4().hex[:12]}"
        try:
            admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
        except psycopg.OperationalError as error:
            if os.environ.get("CI") == "true":
                raise
            raise unittest.SkipTest(f"no PostgreSQL at {POSTGRES_ADMIN_URL}: {error}") from None
        with admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        self.addCleanup(drop_database, name)
        url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
        migrate(database_url({"DATABASE_URL": url}))
        return database_url({"DATABASE_URL": url})


def drop_database(name: str) -> None:
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
