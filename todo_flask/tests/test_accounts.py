"""Registration: POST /api/v1/accounts."""

import pytest

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


def test_urls_follow_the_requests_host(make_app):
    client = make_app(ALLOWED_HOSTS=["todo.example"]).test_client()
    response = client.post("/api/v1/accounts", json=NEW, base_url="https://TODO.example:8443")
    assert response.json["url"] == "https://todo.example:8443/api/v1/accounts/cleo"


PROXIED = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "todo.example"}


@pytest.mark.parametrize(
    ("trust", "url"), [(True, "https://todo.example"), (False, "http://localhost")]
)
def test_proxy_headers_count_only_when_trusted(make_app, trust, url):
    app = make_app(ALLOWED_HOSTS=["localhost", "todo.example"], TRUST_PROXY_HEADERS=trust)
    response = app.test_client().post("/api/v1/accounts", json=NEW, headers=PROXIED)
    assert response.headers["Location"] == f"{url}/api/v1/accounts/cleo"
    assert response.json["tasks_url"] == f"{url}/api/v1/accounts/cleo/tasks"


def test_a_trusted_proxys_host_must_be_allowed(make_app):
    app = make_app(TRUST_PROXY_HEADERS=True)
    response = app.test_client().post("/api/v1/accounts", json=NEW, headers=PROXIED)
    assert response.status_code == 400
    assert response.json["detail"] == "The Host header names a host this server does not serve."


def test_a_taken_username_is_409(client):
    response = client.post("/api/v1/accounts", json={**NEW, "username": "ada"})
    assert response.status_code == 409
    assert response.json["title"] == "Conflict"
    assert response.json["detail"] == "The username is already taken."


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
