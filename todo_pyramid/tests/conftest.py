"""Fixtures in the pyramid-cookiecutter-starter style: the app built from development.ini,
a migrated temporary database, and a doomed transaction that every test's writes vanish with."""

import os

import alembic.command
import alembic.config
import pytest
import transaction
import webtest
from pyramid.paster import get_appsettings
from pyramid.testing import DummyRequest, testConfig

from todo_pyramid import main, models

PASSWORD = "correct horse battery"


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
    settings["auth.bcrypt_rounds"] = "4"  # bcrypt's minimum cost: the real hasher, only faster
    return settings


@pytest.fixture(scope="session")
def dbengine(app_settings, ini_file):
    engine = models.get_engine(app_settings)
    alembic_cfg = alembic.config.Config(ini_file)
    # Run the real migrations on the test engine (Alembic's "sharing a connection" recipe).
    with engine.begin() as connection:
        alembic_cfg.attributes["connection"] = connection
        alembic.command.upgrade(alembic_cfg, "head")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def app(app_settings, dbengine):
    # The environment must not redirect the tests to another database or token lifetime.
    with pytest.MonkeyPatch.context() as environment:
        environment.delenv("DATABASE_URL", raising=False)
        environment.delenv("TOKEN_TTL_SECONDS", raising=False)
        return main({}, dbengine=dbengine, **app_settings)


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
def testapp(app, tm, dbsession):
    # Override request.dbsession and request.tm with our own externally-controlled values
    # that are shared across requests but aborted at the end.
    return webtest.TestApp(
        app,
        extra_environ={
            "HTTP_HOST": "example.com",
            "tm.active": True,
            "tm.manager": tm,
            "app.dbsession": dbsession,
        },
    )


@pytest.fixture
def dummy_request(tm, dbsession):
    request = DummyRequest()
    request.host = "example.com"
    request.dbsession = dbsession
    request.tm = tm
    return request


@pytest.fixture
def dummy_config(dummy_request, app):
    # A bare registry with the app's settings and routes, so views can build URLs.
    with testConfig(request=dummy_request, settings=app.registry.settings) as config:
        config.include("todo_pyramid.routes")
        yield config


@pytest.fixture
def make_account(testapp):
    """Register an account through the API and log it in; returns (username, token)."""

    def make(username="ada", password=PASSWORD):
        body = {"username": username, "email": f"{username}@example.com", "password": password}
        testapp.post_json("/api/v1/accounts", body, status=201)
        login = {"username": username, "password": password}
        token = testapp.post_json("/api/v1/accounts/login", login, status=200).json["token"]
        return username, token

    return make


@pytest.fixture
def auth():
    def headers(token):
        return {"Authorization": f"Bearer {token}"}

    return headers
