"""Settings from the environment and the INI file, and the SQLite engine they build."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from todo_pyramid import main, models
from todo_pyramid.settings import apply_environment

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
