"""Logging in and out: POST /api/v1/accounts/login and /logout."""

import pytest
from sqlalchemy import delete, select

from todo_flask.models import Account, Token


def test_login(client):
    response = client.post(
        "/api/v1/accounts/login", json={"username": "ada", "password": "correct horse"}
    )
    assert response.status_code == 200
    assert set(response.json) == {"token", "token_type", "expires_at", "username"}
    assert response.json["token_type"] == "Bearer"
    assert response.json["username"] == "ada"


@pytest.mark.parametrize(
    ("username", "password"), [("ada", "wrong password"), ("nobody", "correct horse")]
)
def test_login_failures_look_the_same(client, username, password):
    response = client.post(
        "/api/v1/accounts/login", json={"username": username, "password": password}
    )
    assert response.status_code == 401
    assert response.json["detail"] == "The username or password is incorrect."


def test_usernames_are_case_sensitive(client):
    response = client.post(
        "/api/v1/accounts/login", json={"username": "ADA", "password": "correct horse"}
    )
    assert response.status_code == 401


def test_logout_revokes_only_the_presented_token(client, auth):
    first, second = auth.login(), auth.login()
    assert client.post("/api/v1/accounts/logout", headers=first).status_code == 204
    assert client.get("/api/v1/accounts/ada", headers=first).status_code == 401
    assert client.get("/api/v1/accounts/ada", headers=second).status_code == 200


def test_a_login_racing_the_deletion_of_the_account_is_401(race):
    """A DELETE of the account is under way: the login waits, then finds no such user (not a
    token its foreign key refuses: 500)."""
    response = race(
        lambda racing: racing.execute(delete(Account).where(Account.username == "ada")),
        lambda client: client.post(
            "/api/v1/accounts/login", json={"username": "ada", "password": "correct horse"}
        ),
    )
    assert response.status_code == 401


def test_a_logout_racing_another_logout_of_its_token_is_401(race, postgresql_headers):
    def log_out(racing):
        racing.execute(select(Account.id).where(Account.username == "ada").with_for_update())
        racing.execute(delete(Token))

    response = race(
        log_out,
        lambda client: client.post("/api/v1/accounts/logout", headers=postgresql_headers),
    )
    assert response.status_code == 401
