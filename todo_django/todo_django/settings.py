"""
Django settings for the To-Do List API and its browser app.

Everything that differs between a laptop, CI and production comes from the environment
(the twelve-factor way Django's deployment checklist recommends); the rest is the
`startproject` default. See shared_spec/README.md for the variables every implementation shares.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default):
    """Read a true/false environment variable; anything unrecognised stops start-up."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {value!r}.")


def env_positive_int(name, default):
    """Read a positive integer environment variable; anything else stops start-up."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.isdigit() and int(value) > 0):
        raise ImproperlyConfigured(f"{name} must be a positive integer, got {value!r}.")
    return int(value)


def is_origin(value):
    """scheme://host[:port], with no path, query or fragment (what a browser sends as Origin)."""
    return re.fullmatch(r"[a-z][a-z0-9+.-]*://[^/?#\s]+", value, re.ASCII | re.IGNORECASE)


def env_origins(name):
    """Read comma-separated origins or `*`, as a set (empty when unset); anything else stops
    start-up."""
    value = os.environ.get(name, "")
    origins = {origin.strip() for origin in value.split(",")} - {""}
    if origins != {"*"} and not all(is_origin(origin) for origin in origins):
        raise ImproperlyConfigured(
            f"{name} must be * or comma-separated origins like https://app.example, got {value!r}."
        )
    return frozenset(origins)


# Off unless asked for: `make run-django` and `make migrate-django` pass DEBUG=true.
DEBUG = env_flag("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # INSECURE: a fixed key is only acceptable on a developer's machine with DEBUG on.
    SECRET_KEY = "django-insecure-development-only-never-use-in-production"  # noqa: S105

# Host names without a port, `*` for any; Django compares them case-insensitively in
# request.get_host(), and todos.errors answers any other Host with the contract's 400.
ALLOWED_HOSTS = [
    host.strip()
    for host in (os.environ.get("ALLOWED_HOSTS") or "127.0.0.1,localhost").split(",")
    if host.strip()
]

# Behind one trusted reverse proxy: the scheme from X-Forwarded-Proto and the host (the one
# ALLOWED_HOSTS checks and URLs use) from X-Forwarded-Host. Off, both headers are ignored (and
# gunicorn.conf.py stops gunicorn from taking the scheme from them on its own).
TRUST_PROXY_HEADERS = env_flag("TRUST_PROXY_HEADERS", default=False)
if TRUST_PROXY_HEADERS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# Lifetime of a bearer token issued by POST /api/v1/accounts/login.
TOKEN_TTL_SECONDS = env_positive_int("TOKEN_TTL_SECONDS", default=604800)

# The origins whose web pages may call the API (`*` any); empty, CORS is off (todos.cors).
CORS_ORIGINS = env_origins("CORS_ORIGINS")

# The browser app's cookies get the Secure flag (set it when the site is served over HTTPS).
SECURE_COOKIES = env_flag("SECURE_COOKIES", default=False)

INSTALLED_APPS = [
    # First, so that its runserver command (a deeper listen queue, for the contract's bursts of
    # clients) overrides the one of staticfiles.
    "todos",
    "pages",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware, as WhiteNoise's docs place it: static files are answered
    # here, before anything below looks at the request.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the error middlewares, so that error pages and redirects get these headers too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pages.middleware.ContentSecurityPolicyMiddleware",
    # Outside ProblemDetailsMiddleware, so the CORS headers land on its error responses too.
    "todos.cors.CorsMiddleware",
    # The Host check for every path, then problem+json for every error under /api.
    "todos.errors.ProblemDetailsMiddleware",
    # The HTML error pages for every other path, whatever DEBUG says.
    "pages.errors.ErrorPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "todo_django.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.framework",
            ],
        },
    },
]

WSGI_APPLICATION = "todo_django.wsgi.application"

# The default database is an SQLite file in the git-ignored var/ folder next to manage.py.
DEFAULT_SQLITE_PATH = BASE_DIR / "var" / "db.sqlite3"
if not os.environ.get("DATABASE_URL"):
    DEFAULT_SQLITE_PATH.parent.mkdir(exist_ok=True)
# Persistent connections (Django's deployment checklist): each thread keeps its connection for
# ten minutes instead of opening one per request, and checks it is still usable before reusing it
# in a new request (a PostgreSQL restart). todos.errors closes one that met a database error.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DEFAULT_SQLITE_PATH}", conn_max_age=600, conn_health_checks=True
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many threads or worker processes write at once: WAL lets readers run beside the writer,
    # the busy timeout makes a writer wait instead of failing, and BEGIN IMMEDIATE takes the
    # write lock when a transaction starts, so two transactions never deadlock upgrading it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
    }

# Django's default hasher (PBKDF2-SHA256) hashes every character of a password, so the
# 128-character passwords the contract allows need no pre-hashing. The contract's own
# length rule (8..128) replaces AUTH_PASSWORD_VALIDATORS for the API.
AUTH_PASSWORD_VALIDATORS = []

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic gathers every app's static/ folder here (git-ignored); WhiteNoise serves it.
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (cached for ever by browsers) and gzip copies, written by collectstatic. With
    # DEBUG on, {% static %} gives plain names and WhiteNoise serves them from the apps' folders
    # (WHITENOISE_USE_FINDERS and WHITENOISE_AUTOREFRESH follow DEBUG).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The browser app's sign-in (django.contrib.auth's views, in pages/views/accounts.py).
LOGIN_URL = "/login"
LOGIN_REDIRECT_URL = "pages:tasks"

# Browser sessions are rows of django.contrib.sessions' table: signing out deletes the row, so a
# copy of the cookie opens nothing afterwards. The cookie ends with the browser (no Max-Age) and
# the row after TOKEN_TTL_SECONDS, the lifetime of an API token.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = TOKEN_TTL_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
# The CSRF secret lives in the session, so there is no csrftoken cookie (which would have to be
# readable by scripts): every cookie the site sets is HttpOnly.
CSRF_USE_SESSIONS = True
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_FAILURE_VIEW = "pages.errors.csrf_failure"
# Flash messages in the session too, rather than in a cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Headers on every answer (SecurityMiddleware, XFrameOptionsMiddleware); pages.middleware adds
# the Content-Security-Policy of the site's pages.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The contract's 64 KiB body limit (todos.validation.MAX_BODY_BYTES, a 413 judged by
# Content-Length, which wsgi.py also gives chunked bodies): Django reads no more into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 65536
# Django caps the number of query parameters and form fields (default 1000, then a 400) to bound
# the work of parsing forms. The API's bodies are JSON, the site's form bodies stay within the
# 64 KiB above and a query string within the server's request line limit, so no cap is needed:
# the contract asks for unknown query parameters to be ignored however many there are.
DATA_UPLOAD_MAX_NUMBER_FIELDS = None

# Everything, including unexpected exceptions (logger django.request), goes to stdout.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
