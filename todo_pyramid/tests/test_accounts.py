"""Registration: POST /api/v1/accounts, through the whole app (WebTest) and with dummy requests."""

import pytest
from pyramid.httpexceptions import HTTPConflict

from todo_pyramid.models import Account
from todo_pyramid.security import check_password
from todo_pyramid.views import accounts

from .conftest import json_request, login, register


def test_register_returns_the_account_and_its_location(testapp):
    response = register(testapp)
    assert response.headers["Location"] == "http://example.com/api/v1/accounts/ada"
    account = response.json
    assert set(account) == {"username", "email", "date_joined", "task_count", "url", "tasks_url"}
    assert account["username"] == "ada"
    assert account["task_count"] == 0
    assert account["date_joined"].endswith("Z") and len(account["date_joined"]) == 20
    assert account["tasks_url"] == "http://example.com/api/v1/accounts/ada/tasks"


def test_register_a_taken_username_is_409(testapp):
    register(testapp)
    response = register(testapp, status=409, email="other@example.com")
    assert response.content_type == "application/problem+json"
    assert response.json["title"] == "Conflict"
    assert response.json["detail"] == "The username is already taken."


def test_a_taken_username_leaves_the_transaction_usable(testapp):
    # The tests share one transaction across requests: the refused INSERT is undone alone.
    register(testapp)
    register(testapp, status=409)
    register(testapp, username="bob")
    login(testapp)


def test_register_reports_every_bad_field_at_once(testapp):
    body = {"username": "a b", "email": "no-at-sign", "password": "short", "admin": True}
    response = testapp.post_json("/api/v1/accounts", body, status=422)
    fields = [error["field"] for error in response.json["errors"]]
    assert sorted(fields) == ["admin", "email", "password", "username"]


def test_register_requires_every_field(testapp):
    response = testapp.post_json("/api/v1/accounts", {}, status=422)
    assert {error["message"] for error in response.json["errors"]} == {"This field is required."}
    assert len(response.json["errors"]) == 3


def test_the_route_names_login_and_logout_are_not_usernames(testapp):
    for name in ("login", "logout"):
        response = register(testapp, status=422, username=name)
        assert response.json["errors"][0]["field"] == "username"


def test_every_character_of_a_long_password_counts(testapp):
    long_password = "é" * 40 + "a" * 88  # 128 characters, 168 bytes: past bcrypt's 72
    register(testapp, password=long_password)
    login(testapp, password=long_password)
    login(testapp, password="é" * 40 + "a" * 87 + "b", status=401)


def test_register_creates_the_account(dummy_config, dummy_request, dbsession):
    body = {"username": "bob", "email": "bob@example.com", "password": "correct horse"}
    account = accounts.register(json_request(dummy_request, body))
    assert dummy_request.response.status_code == 201
    assert account["url"] == "http://example.com/api/v1/accounts/bob"
    stored = dbsession.query(Account).filter_by(username="bob").one()
    assert check_password("correct horse", stored.password_hash)


def test_register_refuses_a_taken_username(ada, dummy_request):
    body = {"username": "ada", "email": "a@example.com", "password": "correct horse"}
    with pytest.raises(HTTPConflict):
        accounts.register(json_request(dummy_request, body))
