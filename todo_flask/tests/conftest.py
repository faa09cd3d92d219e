import pytest
from werkzeug.security import generate_password_hash

from todo_flask import create_app
from todo_flask.db import db
from todo_flask.models import Account

PASSWORD = "correct horse"
# Like flaskr's data.sql, the fixture accounts come with a ready-made (cheap) hash, so tests
# that only log in stay fast; registering and changing passwords still use the real hasher.
PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


@pytest.fixture
def app(tmp_path):
    """A new app with its own SQLite file (tests run in parallel safely) and two accounts."""
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite3'}",
        }
    )
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
    yield app
    with app.app_context():
        db.engine.dispose()


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
