"""Logging in and out: POST /api/v1/accounts/login and /logout (WebTest)."""

from .conftest import login, register
from .databases import racing


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
    assert wrong.headers["WWW-Authenticate"] == 'Bearer realm="api"'


def test_logout_revokes_the_token_at_once(testapp, make_account, auth):
    username, token = make_account()
    testapp.post("/api/v1/accounts/logout", headers=auth(token), status=204)
    testapp.get(f"/api/v1/accounts/{username}", headers=auth(token), status=401)


def test_a_logout_racing_another_with_the_same_token_is_401_on_postgresql(
    postgresql_app, postgresql_engine, postgresql_owner
):
    headers = postgresql_owner[1]
    with racing(postgresql_engine, "DELETE FROM tokens", before="DELETE FROM tokens"):
        postgresql_app.post("/api/v1/accounts/logout", headers=headers, status=401)


def test_a_login_racing_the_accounts_deletion_is_401_on_postgresql(
    postgresql_app, postgresql_engine
):
    register(postgresql_app)
    with racing(postgresql_engine, "DELETE FROM accounts", before="INSERT INTO tokens"):
        response = login(postgresql_app, status=401)
    assert response.json["detail"] == "The username or password is incorrect."
