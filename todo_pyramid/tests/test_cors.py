"""Cross-origin requests: off unless CORS_ORIGINS names origins, then a preflight and the
headers every answer to an allowed origin carries (WebTest, and the settings that switch it on)."""

import pytest

from todo_pyramid.settings import apply_environment

from .conftest import assert_problem

APP = "https://app.example"
LOCAL = "http://localhost:3000"
PREFLIGHT = {"Origin": APP, "Access-Control-Request-Method": "PATCH"}
EXPOSED = "Location, WWW-Authenticate, Retry-After"
INI = {"sqlalchemy.url": "sqlite:////tmp/ini.sqlite3"}


def cors_headers(response):
    return {
        name.lower(): value
        for name, value in response.headers.items()
        if name.lower().startswith("access-control-")
    }


def vary(response):
    return {part.strip().lower() for part in response.headers.get("Vary", "").split(",")}


@pytest.fixture
def cors_app(live_app, dbengine):
    # Spaces around the commas are ignored. No test here writes, so the shared engine serves.
    return live_app(dbengine, **{"cors.origins": f" {APP} , {LOCAL}"})


def test_without_cors_origins_a_preflight_is_an_ordinary_options_405(testapp):
    response = testapp.options("/api/v1/accounts", headers=PREFLIGHT, status=405)
    assert_problem(response, 405, "Method Not Allowed")
    assert cors_headers(response) == {}


def test_without_cors_origins_no_response_carries_cors_headers(testapp):
    response = testapp.get("/api/v1", headers={"Origin": APP}, status=200)
    assert cors_headers(response) == {}
    assert "Vary" not in response.headers


@pytest.mark.parametrize(
    "path", ["/api/v1/accounts/someone/tasks/1", "/api/v1/no/such/path", "/elsewhere"]
)
def test_a_preflight_from_an_allowed_origin_is_204_on_any_path(cors_app, path):
    response = cors_app.options(path, headers=PREFLIGHT, status=204)
    assert response.body == b""
    assert cors_headers(response) == {
        "access-control-allow-origin": APP,
        "access-control-allow-methods": "GET, HEAD, POST, PUT, PATCH, DELETE",
        "access-control-allow-headers": "Authorization, Content-Type",
        "access-control-max-age": "600",
    }
    assert "origin" in vary(response)


@pytest.mark.parametrize(
    ("method", "path", "host", "status"),
    [
        ("GET", "/api/v1", "example.com", 200),
        ("GET", "/api/v1/accounts/ada", "example.com", 401),
        ("GET", "/api/v1/no/such/path", "example.com", 404),
        ("GET", "/api/v1", "evil.example", 400),
        # No Access-Control-Request-Method: an ordinary OPTIONS, not a preflight.
        ("OPTIONS", "/api/v1/accounts", "example.com", 405),
    ],
    ids=["200", "401", "404", "400-host", "options-405"],
)
def test_every_answer_to_an_allowed_origin_carries_the_cors_headers(
    cors_app, method, path, host, status
):
    headers = {"Host": host, "Origin": LOCAL}
    response = cors_app.request(path, method=method, headers=headers, status=status)
    assert cors_headers(response) == {
        "access-control-allow-origin": LOCAL,
        "access-control-expose-headers": EXPOSED,
    }
    assert "origin" in vary(response)


def test_the_401_challenge_is_exposed_to_the_page(cors_app):
    response = cors_app.get("/api/v1/accounts/ada", headers={"Origin": APP}, status=401)
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert "WWW-Authenticate" in response.headers["Access-Control-Expose-Headers"]


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "https://APP.example", f"{APP}:443", "http://app.example"]
)
def test_an_origin_not_listed_gets_no_cors_headers_but_varies_on_origin(cors_app, origin):
    preflight = {"Origin": origin, "Access-Control-Request-Method": "GET"}
    assert cors_headers(cors_app.options("/api/v1", headers=preflight, status=405)) == {}
    response = cors_app.get("/api/v1", headers={"Origin": origin}, status=200)
    assert cors_headers(response) == {}
    assert "origin" in vary(response)  # the answer depends on Origin, so caches must know


def test_a_request_without_origin_gets_no_cors_headers_but_varies_on_origin(cors_app):
    response = cors_app.get("/api/v1", status=200)
    assert cors_headers(response) == {}
    assert "origin" in vary(response)


def test_a_star_allows_any_origin(live_app, dbengine):
    testapp = live_app(dbengine, **{"cors.origins": "*"})
    origin = "https://anywhere.example:8443"
    preflight = {"Origin": origin, "Access-Control-Request-Method": "GET"}
    response = testapp.options("/api/v1", headers=preflight, status=204)
    assert response.headers["Access-Control-Allow-Origin"] == origin
    response = testapp.get("/api/v1", headers={"Origin": origin}, status=200)
    assert response.headers["Access-Control-Allow-Origin"] == origin


def test_cors_origins_come_from_the_environment_over_the_ini_file():
    environ = {"CORS_ORIGINS": " https://a.example ,http://[::1]:8080,, "}
    settings = apply_environment({**INI, "cors.origins": "https://ini.example"}, environ)
    assert settings["cors.origins"] == {"https://a.example", "http://[::1]:8080"}
    assert apply_environment(INI, {"CORS_ORIGINS": "*"})["cors.origins"] == {"*"}


@pytest.mark.parametrize("ini_value", [None, ""])
def test_without_cors_origins_cors_is_off(ini_value):
    ini = INI if ini_value is None else {**INI, "cors.origins": ini_value}
    assert apply_environment(ini, {"CORS_ORIGINS": ""})["cors.origins"] == set()


@pytest.mark.parametrize(
    "value", ["app.example", "https://app.example/", "https://app.example/path", "*, https://a.b"]
)
def test_an_invalid_cors_origins_refuses_to_start(value):
    with pytest.raises(SystemExit, match="CORS_ORIGINS must be \\* or comma-separated origins"):
        apply_environment(INI, {"CORS_ORIGINS": value})
