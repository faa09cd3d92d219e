"""The INI settings, overridden by the environment variables every implementation honours."""

import os
import re

DEFAULT_TOKEN_TTL_SECONDS = 604800
DEFAULT_BCRYPT_ROUNDS = 12
DEFAULT_ALLOWED_HOSTS = "127.0.0.1,localhost"
# scheme://host[:port], the form of a browser's Origin header.
ORIGIN = re.compile(
    r"[a-z][a-z0-9+.-]*://([a-z0-9._-]+|\[[0-9a-f:.]+\])(:[0-9]{1,5})?", re.ASCII | re.IGNORECASE
)


def apply_environment(settings, environ=os.environ):
    """The settings with DATABASE_URL, TOKEN_TTL_SECONDS, ALLOWED_HOSTS, TRUST_PROXY_HEADERS,
    CORS_ORIGINS, SECRET_KEY and SECURE_COOKIES applied, values coerced and checked.

    PasteDeploy hands every INI value over as a string, so this is also where they get types.
    """
    settings = dict(settings)
    if environ.get("DATABASE_URL"):
        settings["sqlalchemy.url"] = environ["DATABASE_URL"]
    settings["sqlalchemy.url"] = sqlalchemy_url(settings["sqlalchemy.url"])
    ttl = environ.get("TOKEN_TTL_SECONDS", settings.get("auth.token_ttl_seconds"))
    settings["auth.token_ttl_seconds"] = positive_int(
        "TOKEN_TTL_SECONDS", ttl if ttl is not None else str(DEFAULT_TOKEN_TTL_SECONDS)
    )
    rounds = settings.get("auth.bcrypt_rounds", str(DEFAULT_BCRYPT_ROUNDS))
    settings["auth.bcrypt_rounds"] = bcrypt_rounds(rounds)
    hosts = environ.get("ALLOWED_HOSTS") or settings.get("hosts.allowed", DEFAULT_ALLOWED_HOSTS)
    settings["hosts.allowed"] = allowed_hosts(hosts)
    trust = environ.get("TRUST_PROXY_HEADERS", settings.get("hosts.trust_proxy_headers", "false"))
    settings["hosts.trust_proxy_headers"] = boolean("TRUST_PROXY_HEADERS", trust)
    origins = environ.get("CORS_ORIGINS") or settings.get("cors.origins", "")
    settings["cors.origins"] = cors_origins(origins)
    settings["retry.attempts"] = retry_attempts(settings.get("retry.attempts", "3"))
    # Checked by secret_key() when the app starts: Alembic reads these settings too, and
    # migrating needs no signing key.
    settings["session.secret"] = environ.get("SECRET_KEY") or settings.get("session.secret", "")
    secure = environ.get("SECURE_COOKIES", settings.get("session.secure_cookies", "false"))
    settings["session.secure_cookies"] = boolean("SECURE_COOKIES", secure)
    return settings


def sqlalchemy_url(url):
    """Point plain postgresql:// URLs at psycopg 3, which SQLAlchemy does not pick by default."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url


def positive_int(name, value):
    """Parse a positive integer, or stop start-up with a message that names the setting."""
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]+", text) or int(text) == 0:
        # SystemExit rather than a traceback: pserve and alembic then print just this line.
        raise SystemExit(f"{name} must be a positive integer of seconds, not {value!r}.")
    return int(text)


def bcrypt_rounds(value):
    """bcrypt's cost factor, which it takes from 4 to 31; refuse anything else at start-up,
    rather than fail every registration with a 500 later."""
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]+", text) or not 4 <= int(text) <= 31:
        raise SystemExit(f"auth.bcrypt_rounds must be an integer from 4 to 31, not {value!r}.")
    return int(text)


def allowed_hosts(value):
    """ALLOWED_HOSTS: host names without a port, compared in lower case; "*" allows any host."""
    names = [name.strip().lower() for name in str(value).split(",")]
    return frozenset(name for name in names if name) or allowed_hosts(DEFAULT_ALLOWED_HOSTS)


def cors_origins(value):
    """CORS_ORIGINS: origins compared as exact strings, "*" for any; empty (CORS off) when unset."""
    origins = frozenset(origin.strip() for origin in str(value).split(",")) - {""}
    if origins != {"*"} and not all(ORIGIN.fullmatch(origin) for origin in origins):
        raise SystemExit(
            "CORS_ORIGINS must be * or comma-separated origins like https://app.example, "
            f"not {value!r}."
        )
    return origins


def secret_key(value):
    """SECRET_KEY, which signs the browser's session cookie: the app does not start without one."""
    if not str(value).strip():
        raise SystemExit(
            "SECRET_KEY must be set to a long random string: it signs the session cookie "
            "(python3 -c 'import secrets; print(secrets.token_urlsafe(32))' makes one)."
        )
    return str(value)


def boolean(name, value):
    text = str(value).strip().lower()
    if text not in ("true", "false"):
        raise SystemExit(f"{name} must be true or false, not {value!r}.")
    return text == "true"


def retry_attempts(value):
    """pyramid_retry's attempts: at least 2, as a request whose row vanished is answered by its
    second run (models.Vanished)."""
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]+", text) or int(text) < 2:
        raise SystemExit(f"retry.attempts must be an integer of at least 2, not {value!r}.")
    return int(text)
