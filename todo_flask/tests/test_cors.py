import pytest

from todo_flask import create_app
from todo_flask.cors import cors_origins

APP = "https://app.example"
PREFLIGHT = {"Origin": APP, "Access-Control-Request-Method": "DELETE"}
EXPOSED = "Location, WWW-Authenticate, Retry-After"


def cors_headers(response):
    return {k: v for k, v in response.headers.items() if k.startswith("Access-Control-")}


@pytest.fixture
def cors_client(make_app):
    return make_app(CORS_ORIGINS=cors_origins(f"{APP}, http://localhost:3000")).test_client()


def test_without_cors_origins_options_stays_405_and_no_header_is_added(client):
    response = client.options("/api/v1/accounts", headers=PREFLIGHT)
    assert response.status_code == 405
    assert cors_headers(response) == {}
    assert cors_headers(client.get("/api/v1", headers={"Origin": APP})) == {}


@pytest.mark.parametrize("path", ["/api/v1/accounts/ada/tasks/1", "/no/such/path"])
def test_a_preflight_from_an_allowed_origin_is_204_on_any_path(cors_client, path):
    response = cors_client.options(path, headers=PREFLIGHT)
    assert response.status_code == 204
    assert response.data == b""
    assert cors_headers(response) == {
        "Access-Control-Allow-Origin": APP,
        "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, PATCH, DELETE",
        "Access-Control-Allow-Headers": "Authorization, Content-Type",
        "Access-Control-Max-Age": "600",
    }
    assert "Origin" in response.vary


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/api/v1", {}, 200),
        ("/api/v1/accounts/ada", {}, 401),
        ("/api/v1/nope", {}, 404),
        ("/api/v1", {"Host": "evil.example"}, 400),  # the Host check, before any view
    ],
)
def test_every_answer_to_an_allowed_origin_carries_the_cors_headers(
    cors_client, path, headers, status
):
    response = cors_client.get(path, headers={"Origin": "http://localhost:3000", **headers})
    assert response.status_code == status
    assert cors_headers(response) == {
        "Access-Control-Allow-Origin": "http://localhost:3000",
        "Access-Control-Expose-Headers": EXPOSED,
    }
    assert "Origin" in response.vary


def test_a_server_error_to_an_allowed_origin_carries_them_too(make_app):
    app = make_app(CORS_ORIGINS=cors_origins(APP))

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/api/v1/boom", headers={"Origin": APP})
    assert response.status_code == 500
    assert response.headers["Access-Control-Allow-Origin"] == APP


@pytest.mark.parametrize("origin", ["https://evil.example", "https://APP.example", "null"])
def test_an_origin_not_listed_gets_no_cors_headers(cors_client, origin):
    preflight = cors_client.options("/api/v1", headers={**PREFLIGHT, "Origin": origin})
    assert preflight.status_code == 405
    assert cors_headers(preflight) == {}
    response = cors_client.get("/api/v1", headers={"Origin": origin})
    assert cors_headers(response) == {}
    assert "Origin" in response.vary


def test_star_allows_any_origin(make_app):
    client = make_app(CORS_ORIGINS=cors_origins("*")).test_client()
    origin = "https://anywhere.example:8443"
    preflight = client.options("/api/v1", headers={**PREFLIGHT, "Origin": origin})
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == origin


def test_cors_origins_from_the_environment(monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", " https://a.example ,http://[::1]:8080,, ")
    assert create_app().config["CORS_ORIGINS"] == {"https://a.example", "http://[::1]:8080"}
    monkeypatch.setenv("CORS_ORIGINS", "*")
    assert create_app().config["CORS_ORIGINS"] == {"*"}
    monkeypatch.delenv("CORS_ORIGINS")
    assert create_app().config["CORS_ORIGINS"] == set()


@pytest.mark.parametrize(
    "value", ["app.example", "https://app.example/", "https://app.example/path", "*, https://a.b"]
)
def test_an_invalid_cors_origins_refuses_to_start(monkeypatch, value):
    monkeypatch.setenv("CORS_ORIGINS", value)
    with pytest.raises(RuntimeError, match="CORS_ORIGINS must be"):
        create_app()
