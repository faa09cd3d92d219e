import click
import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from todo_flask import DEFAULT_DATABASE, create_app


def test_config(monkeypatch):
    monkeypatch.delenv("TOKEN_TTL_SECONDS", raising=False)
    assert not create_app().testing
    assert create_app({"TESTING": True}).testing
    assert create_app().config["TOKEN_TTL_SECONDS"] == 604800


def test_database_url_defaults_to_a_file_in_var(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{DEFAULT_DATABASE}"
    assert DEFAULT_DATABASE.parent.is_dir()


@pytest.mark.parametrize(
    ("url", "uri"),
    [
        ("sqlite:////tmp/todo.sqlite3", "sqlite:////tmp/todo.sqlite3"),
        ("postgresql://todo@db:5432/todo", "postgresql+psycopg://todo@db:5432/todo"),
        ("postgres://todo@db/todo", "postgresql+psycopg://todo@db/todo"),
    ],
)
def test_database_url_from_the_environment(monkeypatch, url, uri):
    monkeypatch.setenv("DATABASE_URL", url)
    assert create_app().config["SQLALCHEMY_DATABASE_URI"] == uri


def test_token_ttl_from_the_environment(monkeypatch):
    monkeypatch.setenv("TOKEN_TTL_SECONDS", "60")
    assert create_app().config["TOKEN_TTL_SECONDS"] == 60


@pytest.mark.parametrize("value", ["0", "-5", "abc", "1.5", " 60"])
def test_an_invalid_token_ttl_refuses_to_start(monkeypatch, value):
    monkeypatch.setenv("TOKEN_TTL_SECONDS", value)
    with pytest.raises(RuntimeError, match="TOKEN_TTL_SECONDS must be a positive integer"):
        create_app()


def test_hosts_and_proxies_default(monkeypatch):
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    monkeypatch.delenv("TRUST_PROXY_HEADERS", raising=False)
    app = create_app()
    assert app.config["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert app.config["TRUST_PROXY_HEADERS"] is False
    assert not isinstance(app.wsgi_app, ProxyFix)


def test_hosts_and_proxies_from_the_environment(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " Todo.Example, [::1],,localhost ")
    monkeypatch.setenv("TRUST_PROXY_HEADERS", "true")
    app = create_app()
    assert app.config["ALLOWED_HOSTS"] == ["todo.example", "[::1]", "localhost"]
    assert app.config["TRUST_PROXY_HEADERS"] is True
    assert isinstance(app.wsgi_app, ProxyFix)


@pytest.mark.parametrize("value", ["yes", "1", "on"])
def test_an_invalid_trust_proxy_headers_refuses_to_start(monkeypatch, value):
    monkeypatch.setenv("TRUST_PROXY_HEADERS", value)
    with pytest.raises(RuntimeError, match="TRUST_PROXY_HEADERS must be true or false"):
        create_app()


def test_without_secret_key_the_app_refuses_to_start(monkeypatch):
    monkeypatch.delenv("SECRET_KEY")
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app()
    assert create_app({"SECRET_KEY": "given by the tests"}).secret_key == "given by the tests"


def test_flask_db_upgrade_needs_no_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY")
    # What `flask db upgrade` runs create_app in, and what `flask run` does.
    with click.Context(click.Group("flask"), info_name="flask"):
        assert create_app().secret_key is None
    with click.Context(click.Command("run"), info_name="run"), pytest.raises(RuntimeError):
        create_app()


def test_secure_cookies(monkeypatch):
    monkeypatch.delenv("SECURE_COOKIES", raising=False)
    assert create_app().config["SESSION_COOKIE_SECURE"] is False
    monkeypatch.setenv("SECURE_COOKIES", "true")
    assert create_app().config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize("value", ["yes", "1", "on"])
def test_an_invalid_secure_cookies_refuses_to_start(monkeypatch, value):
    monkeypatch.setenv("SECURE_COOKIES", value)
    with pytest.raises(RuntimeError, match="SECURE_COOKIES must be true or false"):
        create_app()
