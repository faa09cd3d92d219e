"""Fixtures in the pyramid-cookiecutter-starter style: the app built from development.ini,
a migrated temporary database, and a doomed transaction that every test's writes vanish with."""

import json
import os
from urllib.parse import quote

import pytest
import transaction
import webtest
from pyramid.paster import get_appsettings
from pyramid.request import apply_request_extensions
from pyramid.testing import DummyRequest, testConfig

from todo_pyramid import models
from todo_pyramid.models import Account
from todo_pyramid.security import Identity, hash_password, new_token

# live_app and the *_engine/_app fixtures, for the tests whose requests commit: pytest finds
# them by these names here.
from .databases import (  # noqa: F401
    live_app,
    make_app,
    migrate,
    postgresql_app,
    postgresql_engine,
    sqlite_engine,
)

PASSWORD = "correct horse battery"
BCRYPT_ROUNDS = 4  # bcrypt's minimum cost: the real hasher, only faster
PROBLEM_MEMBERS = {"type", "title", "status", "detail"}


def pytest_addoption(parser):
    parser.addoption("--ini", action="store", metavar="INI_FILE")


@pytest.fixture(scope="session")
def ini_file(request):
    default = os.path.join(os.path.dirname(__file__), "..", "development.ini")
    return os.path.abspath(request.config.option.ini or default)


@pytest.fixture(scope="session")
def app_settings(ini_file, tmp_path_factory):
    settings = get_appsettings(ini_file)
    # One database file per test session (and per xdist worker), never the development one.
    database = tmp_path_factory.mktemp("db") / "test.sqlite3"
    settings["sqlalchemy.url"] = f"sqlite:///{database}"
    settings["auth.bcrypt_rounds"] = str(BCRYPT_ROUNDS)
    settings["hosts.allowed"] = "example.com"  # the Host every WebTest request carries
    settings["session.secret"] = "a secret for the tests only"
    return settings


@pytest.fixture(scope="session")
def dbengine(app_settings, ini_file):
    engine = models.get_engine(app_settings)
    migrate(engine, ini_file)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def app(app_settings, dbengine):
    return make_app(dbengine=dbengine, **app_settings)


@pytest.fixture
def postgresql_owner(postgresql_app, auth):  # noqa: F811 (pytest passes the imported fixture)
    """Like `owner`, on the PostgreSQL app whose requests commit."""
    register(postgresql_app)
    return "/api/v1/accounts/ada/tasks", auth(login(postgresql_app).json["token"])


@pytest.fixture
def tm():
    tm = transaction.TransactionManager(explicit=True)
    tm.begin()
    tm.doom()

    yield tm

    tm.abort()


@pytest.fixture
def dbsession(app, tm):
    session_factory = app.registry["dbsession_factory"]
    return models.get_tm_session(session_factory, tm)


@pytest.fixture
def new_browser(app, tm, dbsession):
    """A new WebTest client (a browser with its own cookies) of the app. Each overrides
    request.dbsession and request.tm with our own externally-controlled values, shared across
    requests (and browsers) but aborted at the end."""

    def make():
        environ = {"HTTP_HOST": "example.com", "tm.active": True, "tm.manager": tm}
        return webtest.TestApp(app, extra_environ={**environ, "app.dbsession": dbsession})

    return make


@pytest.fixture
def testapp(new_browser):
    return new_browser()


@pytest.fixture
def dummy_request(tm, dbsession):
    # An API request: the security policy reads a bearer token on the API's paths only.
    request = DummyRequest(path="/api/v1", environ={"PATH_INFO": "/api/v1"})
    request.host = "example.com"
    request.dbsession = dbsession
    request.tm = tm
    return request


@pytest.fixture
def dummy_config(dummy_request, app):
    # A bare registry with the app's settings, routes (so views can build URLs) and security
    # (for request.hash_password, which apply_request_extensions puts on the dummy request).
    with testConfig(request=dummy_request, settings=app.registry.settings) as config:
        config.include("todo_pyramid.routes")
        config.include("todo_pyramid.security")
        apply_request_extensions(dummy_request)
        yield config


@pytest.fixture
def issued(dbsession):
    """Ada's account with one token; returns (account, token row, the secret the client holds)."""
    password_hash = hash_password(PASSWORD, BCRYPT_ROUNDS)
    account = Account(username="ada", email="ada@example.com", password_hash=password_hash)
    secret, token = new_token(account, ttl_seconds=60)
    dbsession.add_all([account, token])
    dbsession.flush()
    return account, token, secret


@pytest.fixture
def ada(issued, dummy_config, dummy_request):
    """Make the dummy request come from ada's token, as the security policy would."""
    account, token, _ = issued
    dummy_config.testing_securitypolicy(userid="ada", identity=Identity(account, token))
    dummy_request.matchdict = {"username": "ada"}
    return account


@pytest.fixture
def make_account(testapp):
    """Register an account through the API and log it in; returns (username, token)."""

    def make(username="ada", password=PASSWORD):
        register(testapp, username=username, email=f"{username}@example.com", password=password)
        return username, login(testapp, username, password).json["token"]

    return make


@pytest.fixture
def auth():
    def headers(token):
        return {"Authorization": f"Bearer {token}"}

    return headers


@pytest.fixture
def owner(make_account, auth):
    """A new account's task list URL and the headers that carry its token."""
    username, token = make_account()
    return f"/api/v1/accounts/{username}/tasks", auth(token)


def create(testapp, owner, status=201, **fields):
    """POST a task (named "Buy milk" unless `fields` say otherwise) to the owner's list."""
    url, headers = owner
    return testapp.post_json(url, {"name": "Buy milk", **fields}, headers=headers, status=status)


def register(testapp, status=201, **fields):
    body = {"username": "ada", "email": "ada@example.com", "password": PASSWORD, **fields}
    return testapp.post_json("/api/v1/accounts", body, status=status)


def login(testapp, username="ada", password=PASSWORD, status=200):
    body = {"username": username, "password": password}
    return testapp.post_json("/api/v1/accounts/login", body, status=status)


def json_request(request, body):
    request.headers["Content-Type"] = "application/json"
    request.body = json.dumps(body).encode()
    return request


def assert_problem(response, status, title):
    assert response.status_code == status
    assert response.content_type == "application/problem+json"
    assert set(response.json) == PROBLEM_MEMBERS
    assert response.json["title"] == title
    assert response.json["status"] == status


def page_form(page, testid):
    """The form of `page` with this data-testid, to fill in and submit as a browser would."""
    for index, form in page.forms.items():
        if isinstance(index, int) and form.html.form.get("data-testid") == testid:
            return form
    raise AssertionError(f"no form {testid} on the page")


def csrf_token(page):
    """The CSRF token a page's forms carry in their hidden field."""
    return page.html.find("input", attrs={"name": "csrf_token"})["value"]


def sign_up(browser, username="ada", password=PASSWORD, status=303):
    """Sign up through the site's form; the browser is then signed in as `username`."""
    form = page_form(browser.get("/signup"), "signup-form")
    form["username"] = username
    form["email"] = f"{username}@example.com"
    form["password"] = form["confirm"] = password
    return form.submit(status=status)


def sign_in(browser, username="ada", password=PASSWORD, status=303, next_path=None):
    page = browser.get("/login" if next_path is None else f"/login?next={quote(next_path)}")
    form = page_form(page, "login-form")
    form["username"] = username
    form["password"] = password
    return form.submit(status=status)


def texts(page, testid):
    """The text of every element of `page` with this data-testid, in order."""
    return [element.get_text() for element in page.html.find_all(attrs={"data-testid": testid})]
