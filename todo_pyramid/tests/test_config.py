"""Settings from the environment and the INI file, and the SQLite engine they build."""

from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from todo_pyramid import main, models
from todo_pyramid.settings import apply_environment

from .databases import POSTGRES_ADMIN_URL, make_app

INI = {"sqlalchemy.url": "sqlite:////tmp/ini.sqlite3", "auth.token_ttl_seconds": "604800"}


def test_the_environment_overrides_the_ini_file():
    environ = {
        "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/todo",
        "TOKEN_TTL_SECONDS": "60",
    }
    settings = apply_environment(INI, environ)
    assert settings["sqlalchemy.url"] == "postgresql+psycopg://postgres@127.0.0.1:5432/todo"
    assert settings["auth.token_ttl_seconds"] == 60


def test_without_the_environment_the_ini_values_apply():
    settings = apply_environment(INI, {})
    assert settings["sqlalchemy.url"] == INI["sqlalchemy.url"]
    assert settings["auth.token_ttl_seconds"] == 604800
    assert settings["auth.bcrypt_rounds"] == 12


@pytest.mark.parametrize("value", ["0", "-5", "abc", "1.5", ""])
def test_an_invalid_token_lifetime_refuses_to_start(value):
    with pytest.raises(SystemExit, match="TOKEN_TTL_SECONDS must be a positive integer"):
        apply_environment(INI, {"TOKEN_TTL_SECONDS": value})


@pytest.mark.parametrize("rounds", ["3", "32", "abc", ""])
def test_a_bcrypt_cost_bcrypt_cannot_use_refuses_to_start(monkeypatch, rounds):
    monkeypatch.delenv("TOKEN_TTL_SECONDS", raising=False)
    settings = {**INI, "auth.bcrypt_rounds": rounds}
    with pytest.raises(SystemExit, match=r"auth\.bcrypt_rounds must be an integer from 4 to 31"):
        main({}, **settings)


def test_sqlite_uses_wal_a_busy_timeout_and_creates_its_folder(tmp_path):
    database = tmp_path / "var" / "new.sqlite3"
    engine = models.get_engine({"sqlalchemy.url": f"sqlite:///{database}"})
    with engine.connect() as connection:
        assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
        assert connection.scalar(text("PRAGMA busy_timeout")) == models.SQLITE_BUSY_TIMEOUT_MS
    assert database.exists()
    engine.dispose()


def test_a_write_transaction_takes_the_sqlite_write_lock_up_front(tmp_path):
    engine = models.get_engine({"sqlalchemy.url": f"sqlite:///{tmp_path / 'lock.sqlite3'}"})
    with engine.connect() as writer, engine.connect() as other:
        writer.execution_options(**{models.BEGIN_IMMEDIATE: True})
        writer.begin()
        other.exec_driver_sql("PRAGMA busy_timeout=0")
        # The first writer holds the lock before writing anything, so a second one must wait.
        with pytest.raises(OperationalError, match="database is locked"):
            other.exec_driver_sql("BEGIN IMMEDIATE")
        writer.rollback()
    engine.dispose()


def test_hosts_and_proxy_trust_come_from_the_environment():
    environ = {"ALLOWED_HOSTS": " API.example , [::1],", "TRUST_PROXY_HEADERS": "true"}
    settings = apply_environment(INI, environ)
    assert settings["hosts.allowed"] == {"api.example", "[::1]"}
    assert settings["hosts.trust_proxy_headers"] is True


def test_by_default_only_the_loopback_names_are_served_and_no_proxy_is_trusted():
    settings = apply_environment(INI, {"ALLOWED_HOSTS": ""})
    assert settings["hosts.allowed"] == {"127.0.0.1", "localhost"}
    assert settings["hosts.trust_proxy_headers"] is False


@pytest.mark.parametrize("value", ["yes", "1", ""])
def test_trust_proxy_headers_is_true_or_false(value):
    with pytest.raises(SystemExit, match="TRUST_PROXY_HEADERS must be true or false"):
        apply_environment(INI, {"TRUST_PROXY_HEADERS": value})


@pytest.mark.parametrize("attempts", ["1", "0", "x"])
def test_fewer_than_two_attempts_refuse_to_start(attempts):
    # A request whose row vanished is answered by its second run.
    with pytest.raises(SystemExit, match=r"retry\.attempts must be an integer of at least 2"):
        apply_environment({**INI, "retry.attempts": attempts}, {})


def test_a_sqlite_connection_that_cannot_write_is_dropped_from_the_pool(tmp_path):
    engine = models.get_engine({"sqlalchemy.url": f"sqlite:///{tmp_path / 'ro.sqlite3'}"})
    with engine.connect() as connection:
        # What a connection opened while the file was read-only answers to every write.
        connection.exec_driver_sql("PRAGMA query_only = ON")
        with pytest.raises(OperationalError, match="readonly database") as raised:
            connection.exec_driver_sql("CREATE TABLE t (x)")
    assert raised.value.connection_invalidated  # the pool opens a new one next time
    engine.dispose()


def test_postgresql_sessions_are_in_utc_so_year_1_can_be_read(postgresql_engine):
    database = postgresql_engine.url.database
    with postgresql_engine.connect() as connection:
        connection.exec_driver_sql(f"ALTER DATABASE {database} SET TimeZone = 'America/New_York'")
        connection.commit()
    postgresql_engine.dispose()  # new sessions, which would take the database's zone
    try:
        with postgresql_engine.connect() as connection:
            year_1 = connection.scalar(text("SELECT '0001-01-01T00:00:00Z'::timestamptz"))
        assert (year_1.year, year_1.utcoffset()) == (1, timedelta(0))
    finally:
        with postgresql_engine.connect() as connection:
            connection.exec_driver_sql(f"ALTER DATABASE {database} RESET TimeZone")
            connection.commit()
        postgresql_engine.dispose()


def test_a_postgresql_connection_the_server_dropped_is_replaced(postgresql_app, postgresql_engine):
    postgresql_app.get("/api/v1/health", status=200)  # a connection now waits in the pool
    # From a connection of its own, not the pooled one: as a database restart would.
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as server:
        dropped = server.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s",
            [postgresql_engine.url.database],
        ).fetchone()[0]
    assert dropped >= 1
    postgresql_app.get("/api/v1/health", status=200)  # pool_pre_ping, not a 503


def test_the_signing_key_and_secure_cookies_come_from_the_environment():
    settings = apply_environment(
        INI, {"SECRET_KEY": "from the environment", "SECURE_COOKIES": "true"}
    )
    assert settings["session.secret"] == "from the environment"
    assert settings["session.secure_cookies"] is True
    assert apply_environment(INI, {})["session.secure_cookies"] is False


def test_without_a_secret_key_the_app_refuses_to_start(app_settings):
    with pytest.raises(SystemExit, match="SECRET_KEY must be set"):
        make_app(**{**app_settings, "session.secret": ""})  # and no SECRET_KEY in the environment


@pytest.mark.parametrize("value", ["yes", "1", ""])
def test_secure_cookies_is_true_or_false(value):
    with pytest.raises(SystemExit, match="SECURE_COOKIES must be true or false"):
        apply_environment(INI, {"SECURE_COOKIES": value})
