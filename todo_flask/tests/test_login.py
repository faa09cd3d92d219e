"""Logging in and out: POST /api/v1/accounts/login and /logout."""

import pytest


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
