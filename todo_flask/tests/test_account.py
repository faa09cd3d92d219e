"""The account itself: GET, PATCH and DELETE /api/v1/accounts/{username}."""

import pytest
from sqlalchemy import delete, func, select

from todo_flask.db import db
from todo_flask.models import Account, Task, Token


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
    body = {"username": "ada", "email": "ada@example.com", "password": "a long password"}
    assert client.post("/api/v1/accounts", json=body).status_code == 201


def test_login_and_logout_are_not_usernames(client, headers):
    assert client.get("/api/v1/accounts/logout", headers=headers).status_code == 405
    assert client.delete("/api/v1/accounts/login", headers=headers).status_code == 405


def test_an_account_deleted_just_after_its_change_answers_the_change(client, headers, after_commit):
    """The account goes (a racing DELETE) between the commit and the response: the response
    shows what was written, instead of reading the deleted row back (a 500)."""
    after_commit(delete(Account).where(Account.username == "ada"))
    response = client.patch("/api/v1/accounts/ada", headers=headers, json={"email": "a@b.c"})
    assert response.status_code == 200
    assert response.json["email"] == "a@b.c"


@pytest.mark.parametrize(
    ("method", "body"), [("PATCH", {"email": "a@b.c"}), ("PATCH", {"password": "new secret"}),
                         ("DELETE", None)],
)  # fmt: skip
def test_a_change_racing_the_deletion_of_the_account_is_401(race, postgresql_headers, method, body):
    """A DELETE of the account is under way: the change waits, then finds its token gone (not
    an UPDATE of no row, a 500; nor a second 204)."""
    response = race(
        lambda racing: racing.execute(delete(Account).where(Account.username == "ada")),
        lambda client: client.open(
            "/api/v1/accounts/ada", method=method, headers=postgresql_headers, json=body
        ),
    )
    assert response.status_code == 401
