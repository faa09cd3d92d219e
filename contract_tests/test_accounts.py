"""Registering, reading, changing and deleting accounts."""

import secrets
import string
from datetime import UTC, datetime, timedelta

import pytest
from client import error_fields, parse_timestamp
from conftest import PASSWORD, unique_username


def register(api, **overrides):
    username = unique_username()
    body = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    body.update(overrides)
    return api.post("/api/v1/accounts", json=body)


def login(api, username, password=PASSWORD):
    return api.post("/api/v1/accounts/login", json={"username": username, "password": password})


class TestRegister:
    def test_returns_the_new_account_and_its_location(self, api):
        before = datetime.now(UTC).replace(microsecond=0)
        response = register(api)
        assert response.status_code == 201
        account = response.json()
        username = account["username"]
        assert account["email"] == f"{username}@example.com"
        assert account["task_count"] == 0
        assert before - timedelta(seconds=5) <= parse_timestamp(account["date_joined"])
        assert parse_timestamp(account["date_joined"]) <= datetime.now(UTC) + timedelta(seconds=5)
        assert account["url"] == f"{api.base_url}/api/v1/accounts/{username}"
        assert account["tasks_url"] == f"{api.base_url}/api/v1/accounts/{username}/tasks"
        assert response.headers["Location"] == account["url"]
        assert "password" not in response.text

    def test_the_url_fetches_the_same_account(self, api):
        account = register(api).json()
        token = login(api, account["username"]).json()["token"]
        assert api.get(account["url"], token=token).json() == account

    def test_the_email_is_stored_as_sent(self, api):
        # U+001D is no whitespace to the contract (JSON Schema's \s), though Python strips it.
        username = unique_username()
        email = f"\u001d{username}@Example.COM"
        body = {"username": username, "email": email, "password": PASSWORD}
        assert api.post("/api/v1/accounts", json=body).json()["email"] == email

    def test_a_taken_username_is_a_conflict(self, api):
        username = register(api).json()["username"]
        response = register(api, username=username, email="other@example.com")
        assert response.status_code == 409

    def test_usernames_are_case_sensitive(self, api):
        username = register(api).json()["username"]
        assert register(api, username=username.upper()).status_code == 201

    @pytest.mark.parametrize(
        "username", ["ab", "a" * 33, "has space", "dash-ed", "dot.ted", "é_x", "login", "logout"]
    )
    def test_rejects_a_malformed_username(self, api, username):
        response = register(api, username=username)
        assert response.status_code == 422
        assert error_fields(response) == ["username"]

    @pytest.mark.parametrize("length", [3, 32])
    def test_accepts_usernames_at_the_length_limits(self, api, length):
        alphabet = string.ascii_letters + string.digits + "_"
        username = "".join(secrets.choice(alphabet) for _ in range(length))
        response = register(api, username=username)
        assert response.status_code == 201
        assert response.json()["username"] == username

    @pytest.mark.parametrize(
        "email",
        [
            "no-at-sign",
            "two@@example.com",
            "a@b@c",
            "@example.com",
            "user@",
            "sp ace@example.com",
            "x@" + "d" * 253,
            "nul\u0000@example.com",
        ],
    )
    def test_rejects_a_malformed_email(self, api, email):
        response = register(api, email=email)
        assert response.status_code == 422
        assert error_fields(response) == ["email"]

    @pytest.mark.parametrize("password", ["short12", "p" * 129])
    def test_rejects_a_password_of_the_wrong_length(self, api, password):
        response = register(api, password=password)
        assert response.status_code == 422
        assert error_fields(response) == ["password"]

    @pytest.mark.parametrize("password", ["exactly8", "é" * 128])
    def test_accepts_passwords_at_the_limits_and_they_log_in(self, api, password):
        username = register(api, password=password).json()["username"]
        assert login(api, username, password).status_code == 200

    def test_reports_every_missing_field_at_once(self, api):
        response = api.post("/api/v1/accounts", json={})
        assert response.status_code == 422
        assert error_fields(response) == ["email", "password", "username"]
        assert {error["message"] for error in response.json()["errors"]} == {
            "This field is required."
        }

    @pytest.mark.parametrize("field", ["username", "email", "password"])
    @pytest.mark.parametrize("value", [None, 12345678, ["x"], {"a": 1}, True])
    def test_rejects_values_that_are_not_strings(self, api, field, value):
        response = register(api, **{field: value})
        assert response.status_code == 422
        assert error_fields(response) == [field]

    @pytest.mark.parametrize("field", ["task_count", "date_joined", "url", "is_admin"])
    def test_rejects_unknown_and_read_only_fields_by_name(self, api, field):
        response = register(api, **{field: 1})
        assert response.status_code == 422
        assert error_fields(response) == [field]


class TestLogin:
    def test_issues_a_bearer_token_that_expires(self, api, running):
        username = register(api).json()["username"]
        before = datetime.now(UTC).replace(microsecond=0)
        response = login(api, username)
        assert response.status_code == 200
        token = response.json()
        assert token["token_type"] == "Bearer"
        assert token["username"] == username
        assert len(token["token"]) >= 32
        expires = parse_timestamp(token["expires_at"])
        lifetime = timedelta(seconds=running.token_ttl)
        slack = timedelta(seconds=5)
        assert before + lifetime - slack <= expires <= datetime.now(UTC) + lifetime + slack

    def test_each_login_issues_a_new_token(self, api):
        username = register(api).json()["username"]
        assert login(api, username).json()["token"] != login(api, username).json()["token"]

    def test_wrong_password_and_unknown_user_look_the_same(self, api):
        username = register(api).json()["username"]
        wrong_password = login(api, username, "not the password")
        unknown_user = login(api, unique_username(), PASSWORD)
        assert wrong_password.status_code == unknown_user.status_code == 401
        assert wrong_password.json()["detail"] == unknown_user.json()["detail"]

    def test_username_must_match_exactly(self, api):
        username = register(api).json()["username"]
        assert login(api, username.upper()).status_code == 401

    def test_only_the_first_72_bytes_are_not_enough(self, api):
        password = "x" * 100
        username = register(api, password=password).json()["username"]
        assert login(api, username, "x" * 99 + "y").status_code == 401
        assert login(api, username, password).status_code == 200

    def test_missing_fields_are_reported(self, api):
        response = api.post("/api/v1/accounts/login", json={})
        assert response.status_code == 422
        assert error_fields(response) == ["password", "username"]

    def test_unknown_fields_are_rejected(self, api):
        body = {"username": "someone", "password": PASSWORD, "remember": True}
        response = api.post("/api/v1/accounts/login", json=body)
        assert response.status_code == 422
        assert error_fields(response) == ["remember"]


class TestLogout:
    def test_revokes_the_presented_token_only(self, api, account):
        other = login(api, account.username).json()["token"]
        response = api.post("/api/v1/accounts/logout", token=account.token)
        assert response.status_code == 204
        assert api.get(account.path, token=account.token).status_code == 401
        assert api.get(account.path, token=other).status_code == 200

    def test_needs_a_token(self, api):
        assert api.post("/api/v1/accounts/logout").status_code == 401


class TestAccountDetail:
    def test_shows_the_account_with_its_task_count(self, api, account):
        for name in ("one", "two"):
            api.post(account.tasks_path, token=account.token, json={"name": name})
        response = api.get(account.path, token=account.token)
        assert response.status_code == 200
        body = response.json()
        assert body["username"] == account.username
        assert body["email"] == account.email
        assert body["task_count"] == 2

    def test_patch_changes_the_email(self, api, account):
        response = api.patch(account.path, token=account.token, json={"email": "new@example.org"})
        assert response.status_code == 200
        assert response.json()["email"] == "new@example.org"
        assert api.get(account.path, token=account.token).json()["email"] == "new@example.org"

    def test_empty_patch_changes_nothing(self, api, account):
        before = api.get(account.path, token=account.token).json()
        response = api.patch(account.path, token=account.token, json={})
        assert response.status_code == 200
        assert response.json() == before

    def test_password_change_revokes_every_other_token(self, api, account):
        other = login(api, account.username).json()["token"]
        new_password = "a brand new password"
        body = {"password": new_password}
        assert api.patch(account.path, token=account.token, json=body).status_code == 200
        assert api.get(account.path, token=other).status_code == 401
        assert api.get(account.path, token=account.token).status_code == 200
        assert login(api, account.username).status_code == 401
        assert login(api, account.username, new_password).status_code == 200

    @pytest.mark.parametrize("field", ["username", "date_joined", "task_count", "url", "tasks_url"])
    def test_patch_rejects_read_only_fields(self, api, account, field):
        response = api.patch(account.path, token=account.token, json={field: "x"})
        assert response.status_code == 422
        assert error_fields(response) == [field]

    def test_patch_validates_every_field(self, api, account):
        body = {"email": "nope", "password": "short"}
        response = api.patch(account.path, token=account.token, json=body)
        assert response.status_code == 422
        assert error_fields(response) == ["email", "password"]
        assert api.get(account.path, token=account.token).json()["email"] == account.email

    def test_delete_removes_the_account_tasks_and_tokens(self, api, account):
        other = login(api, account.username).json()["token"]
        api.post(account.tasks_path, token=account.token, json={"name": "doomed"})
        assert api.delete(account.path, token=account.token).status_code == 204
        assert api.get(account.path, token=account.token).status_code == 401
        assert api.get(account.path, token=other).status_code == 401
        assert login(api, account.username).status_code == 401

    def test_a_deleted_username_can_be_registered_again_with_nothing_left(self, api, account):
        api.post(account.tasks_path, token=account.token, json={"name": "old"})
        api.delete(account.path, token=account.token)
        assert register(api, username=account.username).status_code == 201
        token = login(api, account.username).json()["token"]
        assert api.get(account.path, token=token).json()["task_count"] == 0
        assert api.get(account.path, token=account.token).status_code == 401
