"""Accounts: register, login, logout and the account detail, through the whole app (WebTest)."""

from .conftest import PASSWORD


def register(testapp, status=201, **fields):
    body = {"username": "ada", "email": "ada@example.com", "password": PASSWORD, **fields}
    return testapp.post_json("/api/v1/accounts", body, status=status)


def login(testapp, username="ada", password=PASSWORD, status=200):
    body = {"username": username, "password": password}
    return testapp.post_json("/api/v1/accounts/login", body, status=status)


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


def test_login_issues_a_bearer_token(testapp):
    register(testapp)
    token = login(testapp).json
    assert token["token_type"] == "Bearer"
    assert token["username"] == "ada"
    assert len(token["token"]) >= 43


def test_login_gives_the_same_answer_for_an_unknown_user_and_a_wrong_password(testapp):
    register(testapp)
    unknown = login(testapp, username="nobody", status=401)
    wrong = login(testapp, password="wrong password", status=401)
    assert unknown.json == wrong.json
    assert wrong.headers["WWW-Authenticate"].startswith("Bearer")


def test_every_character_of_a_long_password_counts(testapp):
    long_password = "é" * 40 + "a" * 88  # 128 characters, 168 bytes: past bcrypt's 72
    register(testapp, password=long_password)
    login(testapp, password=long_password)
    login(testapp, password="é" * 40 + "a" * 87 + "b", status=401)


def test_logout_revokes_the_token_at_once(testapp, make_account, auth):
    username, token = make_account()
    testapp.post("/api/v1/accounts/logout", headers=auth(token), status=204)
    testapp.get(f"/api/v1/accounts/{username}", headers=auth(token), status=401)


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
