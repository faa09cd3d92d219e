"""Configuration from the environment, read once at start-up by the server and by Alembic."""

import os
import re
from dataclasses import dataclass
from pathlib import Path

# todo_tornado/var/, next to the package, so the default database does not depend on the cwd.
VAR_DIR = Path(__file__).resolve().parent.parent / "var"
DEFAULT_TOKEN_TTL_SECONDS = 604800
DEFAULT_ALLOWED_HOSTS = ("127.0.0.1", "localhost")
# An origin as browsers send it: scheme://host[:port] (a DNS name, IPv4 or bracketed IPv6),
# without user info, a path or a trailing slash.
ORIGIN = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]+)?")

# tornado-sqlalchemy's worker threads per process (its default is one per CPU). A unit of work
# uses one pooled connection at a time, and SQLAlchemy's default pool (5 + 10 overflow) is larger.
DB_THREADS = 8


class ConfigError(Exception):
    """A setting has a value the server cannot start with."""


@dataclass(frozen=True)
class Config:
    database_url: str
    token_ttl_seconds: int
    allowed_hosts: tuple[str, ...] = DEFAULT_ALLOWED_HOSTS
    trust_proxy_headers: bool = False
    cors_origins: tuple[str, ...] = ()  # empty: CORS off
    secret_key: str = ""  # load_config() refuses to start without one
    secure_cookies: bool = False


def database_url(environ=os.environ) -> str:
    """DATABASE_URL as SQLAlchemy needs it; default: an SQLite file in var/."""
    url = environ.get("DATABASE_URL", "").strip()
    if not url:
        VAR_DIR.mkdir(exist_ok=True)
        return f"sqlite:///{VAR_DIR / 'todo.sqlite3'}"
    # Plain postgresql:// would make SQLAlchemy look for psycopg2; this project ships psycopg 3.
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def token_ttl_seconds(environ=os.environ) -> int:
    raw = environ.get("TOKEN_TTL_SECONDS", "").strip()
    if not raw:
        return DEFAULT_TOKEN_TTL_SECONDS
    if not raw.isdecimal() or int(raw) <= 0:
        raise ConfigError(f"TOKEN_TTL_SECONDS must be a positive integer, got {raw!r}")
    return int(raw)


def allowed_hosts(environ=os.environ) -> tuple[str, ...]:
    """ALLOWED_HOSTS: lower-case host names without a port; "*" allows any host."""
    names = environ.get("ALLOWED_HOSTS", "").split(",")
    return tuple(name.strip().lower() for name in names if name.strip()) or DEFAULT_ALLOWED_HOSTS


def trust_proxy_headers(environ=os.environ) -> bool:
    raw = environ.get("TRUST_PROXY_HEADERS", "").strip().lower()
    if raw not in ("", "true", "false"):
        raise ConfigError(f"TRUST_PROXY_HEADERS must be true or false, got {raw!r}")
    return raw == "true"


def cors_origins(environ=os.environ) -> tuple[str, ...]:
    """CORS_ORIGINS: the origins whose pages may call the API, ("*",) for any; unset: ()."""
    raw = environ.get("CORS_ORIGINS", "")
    origins = tuple(origin.strip() for origin in raw.split(",") if origin.strip())
    if origins != ("*",) and not all(ORIGIN.fullmatch(origin) for origin in origins):
        raise ConfigError(
            f"CORS_ORIGINS must be * or comma-separated origins like https://app.example, "
            f"got {raw!r}"
        )
    return origins


def secret_key(environ=os.environ) -> str:
    """SECRET_KEY: the site signs its cookies (session, flash, CSRF) with it; required."""
    key = environ.get("SECRET_KEY", "")
    if not key.strip():
        raise ConfigError(
            "SECRET_KEY must be set: the site signs its cookies with it; for example "
            "export SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )
    return key


def secure_cookies(environ=os.environ) -> bool:
    """SECURE_COOKIES: true when the site is served over HTTPS (every cookie is then Secure)."""
    raw = environ.get("SECURE_COOKIES", "").strip().lower()
    if raw not in ("", "true", "false"):
        raise ConfigError(f"SECURE_COOKIES must be true or false, got {raw!r}")
    return raw == "true"


def load_config(environ=os.environ) -> Config:
    return Config(
        database_url(environ),
        token_ttl_seconds(environ),
        allowed_hosts(environ),
        trust_proxy_headers(environ),
        cors_origins(environ),
        secret_key(environ),
        secure_cookies(environ),
    )
