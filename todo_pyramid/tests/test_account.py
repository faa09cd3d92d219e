"""The account itself: GET, PATCH and DELETE /api/v1/accounts/{username} (WebTest)."""

import pytest
from pyramid_retry import IRetryableError
from sqlalchemy import delete

from todo_pyramid.models import Account, Vanished
from todo_pyramid.views import accounts

from .conftest import json_request, login, register
from .databases import racing


def test_account_detail_counts_the_tasks(testapp, make_account, auth):
    username, token = make_account()
    testapp.post_json(f"/api/v1/accounts/{username}/tasks", {"name": "a"}, headers=auth(token))
    account = testapp.get(f"/api/v1/accounts/{username}", headers=auth(token), status=200).json
    assert account["task_count"] == 1


def test_patch_changes_the_email_and_an_empty_body_changes_nothing(testapp, make_account, auth):
    username, token = make_account()
    url = f"/api/v1/accounts/{username}"
    changed = testapp.patch_json(url, {"email": "new@example.com"}, headers=auth(token)).json
    assert changed["email"] == "new@example.com"
    assert testapp.patch_json(url, {}, headers=auth(token)).json == changed


def test_patch_refuses_the_username(testapp, make_account, auth):
    username, token = make_account()
    url = f"/api/v1/accounts/{username}"
    response = testapp.patch_json(url, {"username": "eve"}, headers=auth(token), status=422)
    assert response.json["errors"][0]["field"] == "username"


def test_a_new_password_revokes_every_other_token(testapp, make_account, auth):
    username, token = make_account()
    other = login(testapp).json["token"]
    url = f"/api/v1/accounts/{username}"
    testapp.patch_json(url, {"password": "a new password"}, headers=auth(token), status=200)
    testapp.get(url, headers=auth(token), status=200)
    testapp.get(url, headers=auth(other), status=401)
    login(testapp, password="a new password")


def test_delete_removes_the_account_and_frees_the_username(testapp, make_account, auth):
    username, token = make_account()
    testapp.delete(f"/api/v1/accounts/{username}", headers=auth(token), status=204)
    testapp.get(f"/api/v1/accounts/{username}", headers=auth(token), status=401)
    register(testapp)


@pytest.mark.parametrize(
    ("method", "body", "first_statement"),
    [
        ("PATCH", {"email": "new@example.com"}, "UPDATE accounts"),
        ("PATCH", {"password": "a new password"}, "UPDATE accounts"),
        ("DELETE", None, "DELETE FROM accounts"),
    ],
)
def test_an_account_deleted_by_a_racing_request_is_401_on_postgresql(
    postgresql_app, postgresql_engine, postgresql_owner, method, body, first_statement
):
    headers = postgresql_owner[1]
    url = "/api/v1/accounts/ada"
    send = getattr(postgresql_app, f"{method.lower()}_json")
    with racing(postgresql_engine, "DELETE FROM accounts", before=first_statement):
        send(url, body, headers=headers, status=401)
    register(postgresql_app)  # nothing of the old account is left, and nothing half-changed


@pytest.mark.parametrize("view", [accounts.update_account, accounts.delete_account])
def test_a_change_to_an_account_deleted_meanwhile_is_retried(ada, dummy_request, dbsession, view):
    statement = delete(Account).where(Account.id == ada.id)
    dbsession.execute(statement, execution_options={"synchronize_session": False})
    with pytest.raises(Vanished) as raised:
        view(json_request(dummy_request, {"email": "new@example.com"}))
    assert IRetryableError.providedBy(raised.value)
