"""Fixtures of the contract suite: which servers to test, starting them, and fresh accounts.

Every test runs once per *leg*: an implementation served a given way on a given database.
    make contract                                  every implementation present, every leg
    make contract-flask                            one implementation (--impl flask)
    CONTRACT_BASE_URL=http://host:port make contract   a server that is already running
                                                   (CONTRACT_TOKEN_TTL_SECONDS: its token TTL)
    todo-contract http://host:port                 the same, installed on its own (README.md)
Legs: each implementation under its development server on SQLite and under its production server
on PostgreSQL (`--db` and `--server` choose other pairings). Without PostgreSQL the PostgreSQL
legs are left out with a clear message, unless CI=true or CONTRACT_REQUIRE_POSTGRES=1: then it is
an error.
"""

import os
import uuid
from dataclasses import dataclass

import pytest
import summary
from client import SPEC_PATH, Api
from harness import (
    TOKEN_TTL_SECONDS,
    Database,
    Leg,
    Server,
    postgres_available,
    present_implementations,
)

PASSWORD = "correct horse battery"
# By default each implementation runs twice: development server on SQLite, production server on
# PostgreSQL. That covers both databases and both servers; --db/--server pick other pairings.
DEFAULT_COMBOS = [("sqlite", "dev"), ("postgres", "prod")]


def pytest_addoption(parser):
    group = parser.getgroup("contract")
    group.addoption("--impl", action="append", default=[], help="implementation(s) to test")
    group.addoption("--db", choices=("sqlite", "postgres"), help="only legs on this database")
    group.addoption("--server", choices=("dev", "prod"), help="only legs on this server")


def pytest_configure(config):
    """Decide the legs once per process (the controller and every xdist worker agree)."""
    if not SPEC_PATH.is_file():
        raise pytest.UsageError(f"the contract is not at {SPEC_PATH}: set CONTRACT_SPEC to it")
    config.contract_legs = _legs(config)


def _legs(config):
    base_url = os.environ.get("CONTRACT_BASE_URL")
    if base_url:
        summary.notes.append(
            "Against a running server, tests that start servers of their own (token expiry, "
            "scale-out,\nshutdown, database loss, proxy headers, faults) are not run; "
            "contract_tests/README.md says why."
        )
        return [Leg(impl=None, base_url=base_url.rstrip("/"))]
    impls = config.getoption("impl") or present_implementations()
    db, server = config.getoption("db"), config.getoption("server")
    if db is None and server is None:
        combos = DEFAULT_COMBOS
    else:
        combos = [(d, s) for d in ("sqlite", "postgres") for s in ("dev", "prod")]
        combos = [(d, s) for d, s in combos if db in (None, d) and server in (None, s)]
    if any(d == "postgres" for d, _ in combos):
        reason = postgres_available()
        if reason:
            if os.environ.get("CI") == "true" or os.environ.get("CONTRACT_REQUIRE_POSTGRES"):
                raise pytest.UsageError(f"PostgreSQL is required here but unreachable: {reason}")
            summary.notes.append(f"PostgreSQL legs NOT run: PostgreSQL is unreachable ({reason}).")
            combos = [(d, s) for d, s in combos if d != "postgres"]
    return [Leg(impl=impl, db=d, server=s) for impl in impls for d, s in combos]


def pytest_generate_tests(metafunc):
    if "leg" in metafunc.fixturenames:
        wanted = getattr(metafunc.function, "leg_filter", lambda leg: True)
        legs = [leg for leg in metafunc.config.contract_legs if wanted(leg)]
        metafunc.parametrize("leg", legs, ids=[leg.id for leg in legs], scope="session")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(config, items):
    kept, dropped = [], []
    by_url = any(not leg.startable for leg in config.contract_legs)
    xdist = config.pluginmanager.has_plugin("xdist")  # the installed tool runs without it
    for item in items:
        leg = getattr(getattr(item, "callspec", None), "params", {}).get("leg")
        if leg is not None and not isinstance(leg, Leg):
            dropped.append(item)  # a test that applies to none of this run's legs
            if by_url:
                summary.record_not_run(item.nodeid)
            continue
        if leg is None and by_url:
            dropped.append(item)  # not a test of a server (the spec, the README, dev servers)
            continue
        if leg is not None:
            item.user_properties.append(("leg", leg.id))
            if xdist:  # with --dist loadgroup, one worker runs all of a leg's tests
                item.add_marker(pytest.mark.xdist_group(leg.id))
        kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@dataclass
class Running:
    """A leg's server as the tests see it."""

    leg: Leg
    base_url: str
    server: Server | None
    database: Database | None
    token_ttl: int = TOKEN_TTL_SECONDS

    def start_another(self, **env_overrides):
        """Another instance of the same implementation on the same database."""
        log = self.database.workdir / f"extra-{uuid.uuid4().hex[:8]}.log"
        return Server(self.leg, self.database.url, log, env_overrides).start()


@pytest.fixture(scope="session")
def running(leg):
    if not leg.startable:
        # A running server keeps its own TOKEN_TTL_SECONDS: the contract's default unless told.
        ttl = int(os.environ.get("CONTRACT_TOKEN_TTL_SECONDS", "604800"))
        yield Running(leg, leg.base_url, None, None, ttl)
        return
    database = Database(leg.db, leg.id)
    server = Server(leg, database.url, database.workdir / "server.log")
    try:
        server.start()
        yield Running(leg, server.base_url, server, database)
    finally:
        server.stop()
        database.drop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    running_leg = item.funcargs.get("running") if hasattr(item, "funcargs") else None
    if report.failed and running_leg is not None and running_leg.server is not None:
        report.sections.append((f"{running_leg.leg.id} server log", running_leg.server.log_tail()))
    return report


@pytest.fixture
def api(running):
    return Api(running.base_url)


@dataclass
class Account:
    username: str
    email: str
    password: str
    token: str

    @property
    def path(self):
        return f"/api/v1/accounts/{self.username}"

    @property
    def tasks_path(self):
        return f"{self.path}/tasks"


def unique_username(prefix="u"):
    return f"{prefix}_{uuid.uuid4().hex[:16]}"


@pytest.fixture
def make_account(api):
    """Register a fresh, uniquely named account and log it in."""

    def make(password=PASSWORD):
        username = unique_username()
        email = f"{username}@example.com"
        body = {"username": username, "email": email, "password": password}
        assert api.post("/api/v1/accounts", json=body).status_code == 201
        credentials = {"username": username, "password": password}
        login = api.post("/api/v1/accounts/login", json=credentials)
        assert login.status_code == 200
        return Account(username, email, password, login.json()["token"])

    return make


@pytest.fixture
def account(make_account):
    return make_account()


@pytest.fixture
def make_task(api, account):
    def make(**fields):
        body = {"name": "a task", **fields}
        response = api.post(account.tasks_path, token=account.token, json=body)
        assert response.status_code == 201, response.text
        return response.json()

    return make


def pytest_runtest_logreport(report):
    """Tally each test once per leg: its call outcome, or a failure while setting it up."""
    leg = dict(report.user_properties).get("leg")
    counted = report.when == "call" or (report.when == "setup" and not report.passed)
    if leg is not None and counted:
        summary.record(report, leg)


def pytest_terminal_summary(terminalreporter):
    summary.write(terminalreporter)
