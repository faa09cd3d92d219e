"""ApiTestCase: Tornado's AsyncHTTPTestCase around make_app, with a fresh SQLite file per test."""

import functools
import json
import shutil
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from todo_tornado.app import make_app
from todo_tornado.config import Config
from todo_tornado.models import Account, Task, utcnow
from tornado.testing import AsyncHTTPTestCase

from todo_tornado import auth

FOLDER = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse"


@functools.cache
def migrated_template() -> Path:
    """One database per test process built by the real migrations, copied for every test."""
    path = Path(tempfile.mkdtemp(prefix="todo_tornado_template_")) / "template.sqlite3"
    alembic = AlembicConfig(str(FOLDER / "alembic.ini"))
    alembic.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    alembic.attributes["configure_logger"] = False
    command.upgrade(alembic, "head")
    return path


@functools.cache
def password_hash() -> str:
    return auth.hash_password(PASSWORD)  # the real bcrypt cost, computed once per process


class ApiTestCase(AsyncHTTPTestCase):
    token_ttl_seconds = 3600
    debug = False

    def get_app(self):
        self.folder = Path(tempfile.mkdtemp(prefix="todo_tornado_test_"))
        self.database = self.folder / "test.sqlite3"
        shutil.copy(migrated_template(), self.database)
        self.config = Config(f"sqlite:///{self.database}", self.token_ttl_seconds)
        self.engine = create_engine(self.config.database_url)  # for fixtures and checks
        self.app = make_app(self.config, debug=self.debug)
        return self.app

    def tearDown(self):
        super().tearDown()
        self.app.settings["db"].engine.dispose()
        self.engine.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    def request(self, method, path, body=None, token=None, headers=None, raw=None):
        """Fetch ``path``; a dict body is sent as JSON unless ``raw`` bytes are given."""
        headers = dict(headers or {})
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
