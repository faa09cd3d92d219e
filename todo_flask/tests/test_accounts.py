import pytest
from sqlalchemy import func, select

from todo_flask.db import db
from todo_flask.models import Task, Token

NEW = {"username": "cleo", "email": "cleo@example.com", "password": "a long password"}


def test_register(client):
    response = client.post("/api/v1/accounts", json=NEW)
    assert response.status_code == 201
    assert response.headers["Location"] == "http://localhost/api/v1/accounts/cleo"
    account = response.json
    assert set(account) == {"username", "email", "date_joined", "task_count", "url", "tasks_url"}
    assert account["username"] == "cleo"
    assert account["task_count"] == 0
    assert account["url"] == "http://localhost/api/v1/accounts/cleo"
    assert account["tasks_url"] == "http://localhost/api/v1/accounts/cleo/tasks"
    assert account["date_joined"].endswith("Z") and len(account["date_joined"]) == 20


def test_urls_follow_the_requests_host(client):
    response = client.post("/api/v1/accounts", json=NEW, base_url="https://todo.example:8443")
    assert response.json["url"] == "https://todo.example:8443/api/v1/accounts/cleo"


def test_a_taken_username_is_409(client):
    response = client.post("/api/v1/accounts", json={**NEW, "username": "ada"})
    assert response.status_code == 409
    assert response.json["title"] == "Conflict"


def test_register_reports_every_bad_field(client):
    body = {"username": "no spaces", "password": "short", "id": 3}
    response = client.post("/api/v1/accounts", json=body)
    assert response.status_code == 422
    fields = {error["field"]: error["message"] for error in response.json["errors"]}
    assert set(fields) == {"username", "email", "password", "id"}
    assert fields["email"] == "This field is required."


def test_long_passwords_count_every_character(client, auth):
    password = "p" * 127 + "1"
    body = {**NEW, "password": password}
    assert client.post("/api/v1/accounts", json=body).status_code == 201
    assert auth.login("cleo", password)
    response = client.post(
        "/api/v1/accounts/login", json={"username": "cleo", "password": "p" * 127 + "2"}
    )
    assert response.status_code == 401


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


def test_get_account_counts_tasks(client, headers):
    client.post("/api/v1/accounts/ada/tasks", headers=headers, json={"name": "one"})
    response = client.get("/api/v1/accounts/ada", headers=headers)
    assert response.status_code == 200
    assert response.json["task_count"] == 1


def test_patch_email(client, headers):
    response = client.patch("/api/v1/accounts/ada", headers=headers, json={"email": "a@b.c"})
    assert response.status_code == 200
    assert response.json["email"] == "a@b.c"
    assert client.patch("/api/v1/accounts/ada", headers=headers, json={}).json == response.json


def test_patch_rejects_read_only_fields(client, headers):
    response = client.patch("/api/v1/accounts/ada", headers=headers, json={"username": "x_y"})
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "username"


def test_password_change_revokes_other_tokens(client, auth):
    mine, other = auth.login(), auth.login()
    body = {"password": "a new password"}
    assert client.patch("/api/v1/accounts/ada", headers=mine, json=body).status_code == 200
    assert client.get("/api/v1/accounts/ada", headers=mine).status_code == 200
    assert client.get("/api/v1/accounts/ada", headers=other).status_code == 401
    assert auth.login("ada", "a new password")


def test_delete_removes_tasks_and_tokens_and_frees_the_name(app, client, headers):
    client.post("/api/v1/accounts/ada/tasks", headers=headers, json={"name": "one"})
    assert client.delete("/api/v1/accounts/ada", headers=headers).status_code == 204
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Task)) == 0
        assert db.session.scalar(select(func.count()).select_from(Token)) == 0
    assert client.post("/api/v1/accounts", json={**NEW, "username": "ada"}).status_code == 201


def test_login_and_logout_are_not_usernames(client, headers):
    assert client.get("/api/v1/accounts/logout", headers=headers).status_code == 405
    assert client.delete("/api/v1/accounts/login", headers=headers).status_code == 405
