"""Every error of the API is problem+json, every error of the site an HTML page in its layout:
unknown paths, wrong methods, and the unexpected (WebTest)."""

import logging

import pytest

from todo_pyramid import models
from todo_pyramid.pages import auth
from todo_pyramid.views import info

from .conftest import PASSWORD, assert_problem, csrf_token, sign_up, texts

REGISTRATION = {"username": "ada", "email": "ada@example.com", "password": PASSWORD}
# The details the contract fixes for every implementation (shared_spec/README.md, Errors).
NOTHING_HERE = "There is nothing at this path."
METHOD_NOT_SUPPORTED = (
    "This path does not support the method: the Allow header lists the ones it does."
)


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/accounts/", "/api/v1/", "/api"])
def test_unknown_paths_are_404(testapp, path):
    response = testapp.get(path, status=404)
    assert_problem(response, 404, "Not Found")
    assert response.json["detail"] == NOTHING_HERE


def assert_error_page(response, status, title, detail):
    assert response.status_code == status
    assert response.content_type == "text/html"
    assert texts(response, "error-title") == [title]
    assert texts(response, "error-detail") == [detail]
    assert response.html.find("header", class_="site").find("a", class_="brand")["href"] == "/"
    assert "Traceback" not in response.text


@pytest.mark.parametrize("path", ["/nope", "/favicon.ico", "/tasks/", "//tasks", "/%FF"])
def test_unknown_paths_of_the_site_are_the_404_page(testapp, path):
    response = testapp.get(path, status=404, extra_environ={"REQUEST_URI": path})
    assert_error_page(response, 404, "Page not found", "There is nothing at this address.")


def test_a_method_a_page_does_not_support_is_the_405_page_with_allow(testapp):
    response = testapp.request("/", method="DELETE", headers={"Host": "example.com"}, status=405)
    assert_error_page(
        response, 405, "Method not allowed", "This address does not support that method."
    )
    assert response.headers["Allow"] == "GET, HEAD"


def test_the_404_page_shows_who_is_signed_in(testapp):
    sign_up(testapp)
    assert texts(testapp.get("/nope", status=404), "whoami") == ["ada"]


def test_an_unexpected_exception_on_the_site_is_the_500_page(testapp, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(auth, "Form", broken)
    with caplog.at_level(logging.ERROR, logger="todo_pyramid"):
        response = testapp.get("/signup", status=500)
    assert_error_page(response, 500, "Server error", "The server could not complete the request.")
    assert "secret" not in response.text
    assert "secret internals" in caplog.text


def test_the_database_unreachable_is_the_500_page_on_the_site(live_app):
    engine = models.get_engine({"sqlalchemy.url": "postgresql+psycopg://postgres@127.0.0.1:1/x"})
    browser = live_app(engine)
    token = csrf_token(browser.get("/signup"))  # the form itself needs no database
    body = {"csrf_token": token, "username": "ada", "email": "ada@example.com"}
    body.update(password=PASSWORD, confirm=PASSWORD)
    response = browser.post("/signup", body, status=500)
    assert_error_page(response, 500, "Server error", "The server could not complete the request.")


def test_an_unknown_path_below_an_account_is_404(testapp, make_account, auth):
    username, token = make_account()
    path = f"/api/v1/accounts/{username}/tasks/1/subtasks"
    response = testapp.get(path, headers=auth(token), status=404)
    assert response.json["detail"] == NOTHING_HERE


def test_a_path_that_is_not_utf8_is_404(testapp):
    response = testapp.get("/api/v1/%FF", status=404)
    assert_problem(response, 404, "Not Found")
    assert response.json["detail"] == NOTHING_HERE


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/api/v1", "GET, HEAD"),
        ("OPTIONS", "/api/v1/health", "GET, HEAD"),
        ("GET", "/api/v1/accounts", "POST"),
        ("GET", "/api/v1/accounts/login", "POST"),
        ("POST", "/api/v1/accounts/ada", "GET, HEAD, PATCH, DELETE"),
        ("PATCH", "/api/v1/accounts/ada/tasks", "GET, HEAD, POST"),
        ("POST", "/api/v1/accounts/ada/tasks/1", "GET, HEAD, PUT, PATCH, DELETE"),
    ],
)
def test_a_method_the_path_does_not_support_is_405_with_allow(testapp, method, path, allow):
    # TestApp.request() builds its own environ: the Host must be given.
    response = testapp.request(path, method=method, headers={"Host": "example.com"}, status=405)
    assert_problem(response, 405, "Method Not Allowed")
    assert response.headers["Allow"] == allow
    assert response.json["detail"] == METHOD_NOT_SUPPORTED


def test_an_oversized_body_on_an_unknown_path_is_still_404(testapp):
    testapp.post("/api/v1/nope", b"x" * 70000, status=404)


def test_an_unexpected_exception_is_500_without_internals(testapp, monkeypatch, caplog):
    def broken(name):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(info, "version", broken)
    with caplog.at_level(logging.ERROR, logger="todo_pyramid"):
        response = testapp.get("/api/v1", status=500)
    assert_problem(response, 500, "Internal Server Error")
    assert response.json["detail"] == "The server could not complete the request."
    assert "secret" not in response.text
    assert "Traceback" not in response.text
    assert "secret internals" in caplog.text  # logged for the operator, not sent to the client


@pytest.mark.parametrize("path", ["/api/v1", "/nowhere"])
@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "example.com, evil.example"])
def test_a_host_the_server_does_not_serve_is_400_before_routing(testapp, path, host):
    response = testapp.get(path, headers={"Host": host}, status=400)
    assert_problem(response, 400, "Bad Request")
    assert response.json["detail"] == "The Host header names a host this server does not serve."


@pytest.mark.parametrize("host", ["example.com:8080", "EXAMPLE.com", "[::1]:6543"])
def test_allowed_hosts_match_without_port_or_case(live_app, dbengine, host):
    testapp = live_app(dbengine, **{"hosts.allowed": "example.com,[::1]"})
    response = testapp.post_json("/api/v1/accounts", {}, headers={"Host": host}, expect_errors=True)
    assert response.status_code == 422  # past the host check, to the body


def test_a_star_allows_any_host(live_app, dbengine):
    testapp = live_app(dbengine, **{"hosts.allowed": "*"})
    testapp.get("/api/v1", headers={"Host": "anything.example"}, status=200)


def test_proxy_headers_are_ignored_unless_trusted(testapp):
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}
    response = testapp.post_json("/api/v1/accounts", REGISTRATION, headers=headers, status=201)
    assert response.headers["Location"] == "http://example.com/api/v1/accounts/ada"


def test_a_trusted_proxy_gives_the_scheme_and_the_host(live_app, sqlite_engine):
    settings = {"hosts.allowed": "api.example", "hosts.trust_proxy_headers": "true"}
    testapp = live_app(sqlite_engine, **settings)
    # The proxy appends its own value after whatever the client sent.
    headers = {"X-Forwarded-Proto": "http, https", "X-Forwarded-Host": "evil.example, api.example"}
    response = testapp.post_json("/api/v1/accounts", REGISTRATION, headers=headers, status=201)
    assert response.headers["Location"] == "https://api.example/api/v1/accounts/ada"
    # The forwarded host is the one the allow-list checks.
    testapp.get("/api/v1", headers={"X-Forwarded-Host": "evil.example"}, status=400)


@pytest.mark.parametrize("raw_path", ["//api/v1", "///api/v1/health", "/api/v1//health"])
def test_an_empty_path_segment_is_404_though_waitress_hides_it(testapp, raw_path):
    # waitress passes //api/v1 on as PATH_INFO /api/v1, and the path as sent in REQUEST_URI.
    path = "/" + raw_path.lstrip("/")
    response = testapp.get(path, extra_environ={"REQUEST_URI": raw_path}, status=404)
    assert_problem(response, 404, "Not Found")
    assert response.json["detail"] == NOTHING_HERE


def assert_unavailable(response):
    assert_problem(response, 503, "Service Unavailable")
    assert response.headers["Retry-After"] == "5"
    assert response.json["detail"] == "The database cannot be reached; try again later."


def test_503_while_the_database_cannot_be_opened_and_back_without_a_restart(
    live_app, sqlite_engine, tmp_path
):
    testapp = live_app(sqlite_engine)
    testapp.post_json("/api/v1/accounts", REGISTRATION, status=201)
    credentials = {"username": "ada", "password": PASSWORD}
    token = testapp.post_json("/api/v1/accounts/login", credentials).json["token"]
    headers = {"Authorization": f"Bearer {token}"}
    folder = tmp_path / "db"
    sqlite_engine.dispose()  # close the pooled connections, as a restart of the database would
    folder.rename(tmp_path / "away")
    folder.write_text("")  # a file where the folder was: SQLite "unable to open database file"
    assert_unavailable(testapp.get("/api/v1/health", status=503))
    assert_unavailable(testapp.get("/api/v1/accounts/ada", headers=headers, status=503))
    body = {**REGISTRATION, "username": "bob"}
    assert_unavailable(testapp.post_json("/api/v1/accounts", body, status=503))
    folder.unlink()
    (tmp_path / "away").rename(folder)
    testapp.get("/api/v1/health", status=200)
    testapp.get("/api/v1/accounts/ada", headers=headers, status=200)


def test_503_while_postgresql_refuses_connections(live_app):
    engine = models.get_engine({"sqlalchemy.url": "postgresql+psycopg://postgres@127.0.0.1:1/x"})
    testapp = live_app(engine)
    assert_unavailable(testapp.get("/api/v1/health", status=503))
    headers = {"Authorization": "Bearer some-token"}
    assert_unavailable(testapp.get("/api/v1/accounts/ada/tasks", headers=headers, status=503))
