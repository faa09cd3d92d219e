"""Cross-origin requests (CORS): off by default, and what CORS_ORIGINS switches on."""

import pytest
from client import Api
from conftest import unique_username
from harness import startable

ALLOWED = "https://app.example"
ALLOWED_WITH_PORT = "http://localhost:3000"
# Spaces around the commas are ignored; the origins are the two above.
CORS_ORIGINS = f" {ALLOWED} , {ALLOWED_WITH_PORT}"
PREFLIGHT = {"Origin": ALLOWED, "Access-Control-Request-Method": "PATCH"}
EXPOSED = "Location, WWW-Authenticate, Retry-After"
JSON = {"Content-Type": "application/json"}


def cors_headers(response):
    return {
        k.lower(): v for k, v in response.headers.items() if k.lower().startswith("access-control-")
    }


def vary(response):
    return {part.strip().lower() for part in response.headers.get("Vary", "").split(",")}


def assert_cors_for(response, origin):
    """What every non-preflight answer to an allowed origin carries."""
    assert cors_headers(response) == {
        "access-control-allow-origin": origin,
        "access-control-expose-headers": EXPOSED,
    }, response.headers
    assert "origin" in vary(response), response.headers


# --- Off: CORS_ORIGINS unset, as every server of the other tests runs -----------------------


def test_without_cors_origins_a_preflight_is_an_ordinary_options_405(api):
    response = api.request("OPTIONS", "/api/v1/accounts", headers=PREFLIGHT)
    assert response.status_code == 405
    assert cors_headers(response) == {}


def test_without_cors_origins_no_response_carries_cors_headers(api):
    response = api.get("/api/v1", headers={"Origin": ALLOWED})
    assert response.status_code == 200
    assert cors_headers(response) == {}


# --- On: a server started with CORS_ORIGINS ------------------------------------------------


@pytest.fixture(scope="module")
def cors_api(running):
    server = running.start_another(CORS_ORIGINS=CORS_ORIGINS)
    yield Api(server.base_url)
    server.stop()


@startable
@pytest.mark.parametrize("origin", [ALLOWED, ALLOWED_WITH_PORT])
def test_a_preflight_from_an_allowed_origin_is_204_with_the_allow_headers(cors_api, origin):
    response = cors_api.request(
        "OPTIONS",
        "/api/v1/accounts/someone/tasks/1",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 204
    assert response.content == b""
    assert cors_headers(response) == {
        "access-control-allow-origin": origin,
        "access-control-allow-methods": "GET, HEAD, POST, PUT, PATCH, DELETE",
        "access-control-allow-headers": "Authorization, Content-Type",
        "access-control-max-age": "600",
    }
    assert "origin" in vary(response)


@startable
def test_a_preflight_is_answered_on_any_path_without_authentication(cors_api):
    for path in ("/api/v1", "/api/v1/no/such/path", "/elsewhere"):
        response = cors_api.request("OPTIONS", path, headers=PREFLIGHT)
        assert response.status_code == 204, path
        assert response.headers["Access-Control-Allow-Origin"] == ALLOWED


@startable
def test_a_whole_session_from_an_allowed_origin_carries_the_cors_headers(cors_api):
    origin = {"Origin": ALLOWED}
    username = unique_username()
    account = {
        "username": username,
        "email": f"{username}@example.com",
        "password": "cors password",
    }
    created = cors_api.post("/api/v1/accounts", json=account, headers=origin)
    assert created.status_code == 201
    assert_cors_for(created, ALLOWED)
    login = cors_api.post(
        "/api/v1/accounts/login",
        json={"username": username, "password": "cors password"},
        headers=origin,
    )
    assert_cors_for(login, ALLOWED)
    token = login.json()["token"]
    task = cors_api.post(
        f"/api/v1/accounts/{username}/tasks", token=token, json={"name": "x"}, headers=origin
    )
    assert task.status_code == 201
    assert_cors_for(task, ALLOWED)
    listed = cors_api.get(f"/api/v1/accounts/{username}/tasks", token=token, headers=origin)
    assert listed.json()["total"] == 1
    assert_cors_for(listed, ALLOWED)
    deleted = cors_api.delete(task.headers["Location"], token=token, headers=origin)
    assert deleted.status_code == 204
    assert_cors_for(deleted, ALLOWED)


@startable
@pytest.mark.parametrize(
    "method, path, extra, status",
    [
        ("GET", "/api/v1/accounts/nobody", {}, 401),
        ("GET", "/api/v1/no/such/path", {}, 404),
        ("DELETE", "/api/v1/accounts", {}, 405),
        (
            "OPTIONS",
            "/api/v1/accounts",
            {},
            405,
        ),  # no Access-Control-Request-Method: not a preflight
        ("POST", "/api/v1/accounts", {"json": {}}, 422),
        (
            "POST",
            "/api/v1/accounts",
            {"data": "{", "headers": {"Content-Type": "application/json"}},
            400,
        ),
        ("GET", "/api/v1", {"headers": {"Host": "evil.example"}}, 400),
    ],
    ids=["401", "404", "405", "options-405", "422", "400-json", "400-host"],
)
def test_errors_to_an_allowed_origin_carry_the_cors_headers(cors_api, method, path, extra, status):
    extra = dict(extra)
    headers = {"Origin": ALLOWED_WITH_PORT, **extra.pop("headers", {})}
    response = cors_api.request(method, path, headers=headers, **extra)
    assert response.status_code == status
    assert_cors_for(response, ALLOWED_WITH_PORT)


@startable
@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        "https://APP.example",
        "https://app.example:443",
        "http://app.example",
        "null",
    ],
)
def test_an_origin_not_listed_gets_no_cors_headers(cors_api, origin):
    preflight = cors_api.request(
        "OPTIONS", "/api/v1", headers={"Origin": origin, "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code == 405
    assert cors_headers(preflight) == {}
    response = cors_api.get("/api/v1", headers={"Origin": origin})
    assert response.status_code == 200
    assert cors_headers(response) == {}
    assert "origin" in vary(response)  # the answer depends on Origin, so caches must know


@startable
def test_a_request_without_origin_gets_no_cors_headers_but_varies_on_origin(cors_api):
    response = cors_api.get("/api/v1")
    assert cors_headers(response) == {}
    assert "origin" in vary(response)


@startable
def test_cors_origins_star_allows_any_origin(running):
    server = running.start_another(CORS_ORIGINS="*")
    try:
        api = Api(server.base_url)
        origin = "https://anywhere.example:8443"
        preflight = api.request(
            "OPTIONS", "/api/v1", headers={"Origin": origin, "Access-Control-Request-Method": "GET"}
        )
        assert preflight.status_code == 204
        assert preflight.headers["Access-Control-Allow-Origin"] == origin
        assert_cors_for(api.get("/api/v1", headers={"Origin": origin}), origin)
        assert cors_headers(api.get("/api/v1")) == {}
    finally:
        server.stop()
