import os
import re
import threading
import time
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from werkzeug.security import generate_password_hash

from todo_flask import create_app
from todo_flask.db import db
from todo_flask.models import Account

PASSWORD = "correct horse"
# Like flaskr's data.sql, the fixture accounts come with a ready-made (cheap) hash, so tests
# that only log in stay fast; registering and changing passwords still use the real hasher.
PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
# A server where the race tests may create (and drop) a database of their own.
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
).replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture(autouse=True)
def secret_key(monkeypatch):
    """The app refuses to start without SECRET_KEY (test_config checks that it does)."""
    monkeypatch.setenv("SECRET_KEY", "a key for the tests only")


def seeded_app(database_uri, **config):
    """A new app on `database_uri` with the models' schema and two accounts, ada and bob."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri, **config})
    with app.app_context():
        db.create_all()  # the schema from the models; tests/test_db.py checks the migrations
        for username in ("ada", "bob"):
            db.session.add(
                Account(
                    username=username,
                    email=f"{username}@example.com",
                    password_hash=PASSWORD_HASH,
                )
            )
        db.session.commit()
    return app


@pytest.fixture
def make_app(tmp_path):
    """make_app(**config): a new app with its own SQLite file (tests run in parallel safely),
    two accounts, and the given settings instead of those from the environment."""
    apps = []

    def make_app(**config):
        apps.append(seeded_app(f"sqlite:///{tmp_path / f'test{len(apps)}.sqlite3'}", **config))
        return apps[-1]

    yield make_app
    for app in apps:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def failing_app(tmp_path):
    """An app whose /boom (a site page) and /api/v1/boom raise. It is not in testing mode, so
    the exception is handled as in production, and in debug mode: still no traceback, no
    debugger page (test_pages.py, test_errors.py)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    app.debug = True

    def boom():
        raise RuntimeError("secret internals")

    app.add_url_rule("/boom", view_func=boom)
    app.add_url_rule("/api/v1/boom", endpoint="api_boom", view_func=boom)
    return app


@pytest.fixture
def postgresql_app():
    """The same on a new PostgreSQL database, for what SQLite cannot show: two transactions
    writing at once (row locks, READ COMMITTED). Skipped where no PostgreSQL server answers."""
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"todo_flask_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}"))
    except OperationalError:
        admin.dispose()
        pytest.skip("no PostgreSQL server at TEST_POSTGRES_URL")
    app = seeded_app(admin.url.set(database=name).render_as_string(hide_password=False))
    yield app
    with app.app_context():
        db.engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def after_commit(monkeypatch):
    """after_commit(statement): the next commit is followed at once by `statement` (a DELETE)
    on another connection, as if a racing request ran it before the view has answered."""

    def after_commit(statement):
        commit = db.session.commit

        def commit_then_race():
            monkeypatch.setattr(db.session, "commit", commit)  # once
            commit()
            with db.engine.begin() as racing:
                racing.execute(statement)

        monkeypatch.setattr(db.session, "commit", commit_then_race)

    return after_commit


@pytest.fixture
def postgresql_headers(postgresql_app):
    """Ada's bearer token on postgresql_app."""
    return AuthActions(postgresql_app.test_client()).login()


@pytest.fixture
def race(postgresql_app):
    """race(racing_statements, request): run `request` (a function of a test client) while
    another transaction, mid-way like a racing request, has run `racing_statements` (a
    function of a connection); commit that one once `request` waits for one of its row locks.
    Return the response."""

    def race(racing_statements, request):
        responses = []
        with postgresql_app.app_context(), db.engine.connect() as racing:
            racing_statements(racing)
            thread = threading.Thread(
                target=lambda: responses.append(request(postgresql_app.test_client()))
            )
            thread.start()
            wait_for_a_lock_wait(thread)
            racing.commit()
            thread.join()
        return responses[0]

    return race


def wait_for_a_lock_wait(thread, timeout=10):
    """Return once a session of this database waits for a lock (or `thread` has ended)."""
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + timeout
    with db.engine.connect() as observer:
        while thread.is_alive() and time.monotonic() < deadline:
            if observer.execute(waiting).scalar():
                return
            observer.rollback()  # a new snapshot of pg_stat_activity on the next look
            time.sleep(0.02)


@pytest.fixture
def client(app):
    return app.test_client()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, username="ada", password=PASSWORD):
        """Log in and return the headers that carry the new token."""
        response = self._client.post(
            "/api/v1/accounts/login", json={"username": username, "password": password}
        )
        assert response.status_code == 200, response.json
        return {"Authorization": f"Bearer {response.json['token']}"}


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def headers(auth):
    """Ada's bearer token, ready to send."""
    return auth.login()


@pytest.fixture
def task(client, headers):
    """A task of Ada's, as the API returned it when it was created."""
    body = {"name": "  Buy milk  ", "note": "2 litres", "due_date": "2026-11-22T18:00:00+01:00"}
    response = client.post("/api/v1/accounts/ada/tasks", headers=headers, json=body)
    assert response.status_code == 201
    return response.json


# Flask-WTF's hidden field, as every form of the site writes it.
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


class SiteActions:
    """A browser on the site: the test client keeps the cookies, and every form sent carries
    the CSRF token of the page it came from, as a browser's would."""

    def __init__(self, client):
        self.client = client

    def csrf_token(self):
        page = self.client.get("/account")
        if page.status_code == 302:  # signed out: the sign-in page has a form too
            page = self.client.get("/login")
        return CSRF_FIELD.search(page.text)[1]

    def post(self, path, data=None):
        return self.client.post(path, data={"csrf_token": self.csrf_token(), **(data or {})})

    def login(self, username="ada", password=PASSWORD, **fields):
        response = self.post("/login", {"username": username, "password": password, **fields})
        assert response.status_code == 303, response.text
        return response

    def add_task(self, name="Buy milk", **fields):
        response = self.post("/tasks", {"name": name, **fields})
        assert response.status_code == 303, response.text
        return response


@pytest.fixture
def site(client):
    """A browser, signed out."""
    return SiteActions(client)


@pytest.fixture
def ada(site):
    """A browser where Ada is signed in."""
    site.login()
    return site


def by_testid(response, name):
    """The texts of the elements with data-testid=`name`, in page order."""
    return re.findall(rf'data-testid="{name}"[^>]*>([^<]*)<', response.text)
