"""The bearer token: who the caller is (401) and what it may reach (403)."""

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from todo_flask.auth import (
    MALFORMED_HEADER,
    MISSING_CREDENTIALS,
    REJECTED_CREDENTIALS,
    bearer_secret,
)
from todo_flask.db import db
from todo_flask.models import Account, Token, utc_now

# Every 401's challenge, exactly (shared_spec/README.md, Authentication).
CHALLENGE = 'Bearer realm="api"'


@pytest.mark.parametrize(
    ("authorization", "detail"),
    [(None, MISSING_CREDENTIALS), ("", MISSING_CREDENTIALS), (" \t", MISSING_CREDENTIALS),
     ("Bearer", MALFORMED_HEADER), ("Bearer ", MALFORMED_HEADER), ("Token abc", MALFORMED_HEADER),
     ("Basic dXNlcjpwYXNz", MALFORMED_HEADER), ("abc", MALFORMED_HEADER),
     ("Bearer not-a-token", REJECTED_CREDENTIALS)],
)  # fmt: skip
def test_no_usable_token_is_401_saying_why(client, authorization, detail):
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.get("/api/v1/accounts/ada", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == CHALLENGE
    assert response.json["detail"] == detail


@pytest.mark.parametrize(
    "authorization", ["bEaReR {}", "Bearer\t{}", "Bearer  \t {}", " \tBearer {}\t ", "BEARER {}"]
)
def test_the_scheme_is_case_insensitive_and_spaces_or_tabs_separate(client, headers, authorization):
    token = headers["Authorization"].split()[1]
    response = client.get(
        "/api/v1/accounts/ada", headers={"Authorization": authorization.format(token)}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "authorization", ["Bearer {0}, Bearer {0}", "Bearer {0},Bearer {0}", "Bearer {0} {0}"]
)
def test_several_credentials_are_401(client, headers, authorization):
    # Two Authorization headers reach a WSGI app joined with "," (gunicorn) or ", ".
    token = headers["Authorization"].split()[1]
    environ = {"HTTP_AUTHORIZATION": authorization.format(token)}
    response = client.get("/api/v1/accounts/ada", environ_overrides=environ)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == CHALLENGE


@pytest.mark.parametrize(
    ("authorization", "secret"),
    [("Bearer abc-_.~+/9==", "abc-_.~+/9=="), ("bearer\tx", "x"), ("Bearer a=b", None),
     ("Bearer\u00a0x", None), ("Bearerx", None), ("Bearer", None), (None, None)],
)  # fmt: skip
def test_bearer_secret(authorization, secret):
    assert bearer_secret(authorization) == secret


@pytest.mark.parametrize("username", ["bob", "nobody", "Ada"])
def test_someone_elses_username_is_403(client, headers, username):
    response = client.get(f"/api/v1/accounts/{username}/tasks", headers=headers)
    assert response.status_code == 403
    assert response.json["title"] == "Forbidden"
    assert response.json["detail"] == "The token does not give access to this account."


def test_only_the_tokens_digest_is_stored(app, headers):
    token = headers["Authorization"].split()[1]
    assert len(token) >= 43  # 32 random bytes, base64
    with app.app_context():
        stored = db.session.scalars(select(Token.digest)).all()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]


def test_an_expired_token_is_401(app, client, headers):
    with app.app_context():
        token = db.session.scalars(select(Token)).one()
        token.expires_at = utc_now() - timedelta(seconds=1)
        db.session.commit()
    assert client.get("/api/v1/accounts/ada", headers=headers).status_code == 401


def test_tokens_expire_after_token_ttl_seconds(app, client):
    app.config["TOKEN_TTL_SECONDS"] = 90
    response = client.post(
        "/api/v1/accounts/login", json={"username": "ada", "password": "correct horse"}
    )
    with app.app_context():
        token = db.session.scalars(select(Token)).one()
        assert timedelta(seconds=89) < token.expires_at - utc_now() <= timedelta(seconds=90)
    assert response.json["expires_at"] == token.expires_at.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_deleted_accounts_token_is_401(app, client, headers):
    assert client.delete("/api/v1/accounts/ada", headers=headers).status_code == 204
    assert client.get("/api/v1/accounts/ada", headers=headers).status_code == 401
    with app.app_context():
        assert db.session.scalar(select(Account).where(Account.username == "ada")) is None
