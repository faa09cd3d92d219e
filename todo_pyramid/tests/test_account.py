"""The account itself: GET, PATCH and DELETE /api/v1/accounts/{username} (WebTest)."""

from .conftest import login, register


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
