"""Turning a request (body size, media type, JSON, fields, query) into clean values or errors."""

import json
import re
from datetime import UTC, datetime

from flask import abort, request
from werkzeug.exceptions import RequestEntityTooLarge

from .errors import FieldErrors

USERNAME = re.compile(r"[A-Za-z0-9_]{3,32}")
RESERVED_USERNAMES = {"login", "logout"}  # /accounts/login and /accounts/logout are routes
# [0-9], not \d: \d also matches other scripts' digits.
DUE_DATE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
)
DIGITS = re.compile(r"[0-9]+")


def init_app(app):
    app.before_request(reject_large_body)


def reject_large_body():
    """413 before authentication: read (at most MAX_CONTENT_LENGTH of) every body up front."""
    # Flask runs this hook before it raises a routing error; routing must win (404, 405).
    if request.routing_exception is not None:
        return
    try:
        request.get_data()  # cached, so views read it again for free
    except RequestEntityTooLarge:
        abort(413, description="The request body is larger than 65536 bytes.")


def json_body():
    """The request body as a dict: 415 unless it is sent as JSON, 400 unless it is an object."""
    if request.mimetype != "application/json":
        abort(415, description="The request body must be sent as application/json.")
    # Not request.get_json(): json.loads would also accept UTF-16 and UTF-32 bytes.
    try:
        body = json.loads(request.get_data().decode("utf-8"))
        # An escape such as "\ud800" is valid JSON but no Unicode text: no UTF-8 column or
        # password hasher could take it later.
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError/EncodeError
        abort(400, description="The request body is not valid UTF-8 JSON.")
    if not isinstance(body, dict):
        abort(400, description="The request body must be a JSON object.")
    return body


def clean(body, fields, required=()):
    """Check `body` against `fields` (name -> validator); raise 422 listing every bad field."""
    values, errors = {}, []
    for name in required:
        if name not in body:
            errors.append({"field": name, "message": "This field is required."})
    for name, value in body.items():
        if name not in fields:
            errors.append({"field": name, "message": "This field is not allowed here."})
            continue
        try:
            values[name] = fields[name](value)
        except Invalid as error:
            errors.append({"field": name, "message": str(error)})
    if errors:
        raise FieldErrors(errors)
    return values


class Invalid(ValueError):
    """A field value breaks its rule; the message says what is expected."""


def username(value):
    if not isinstance(value, str) or not USERNAME.fullmatch(value):
        raise Invalid("Must be 3 to 32 letters, digits or underscores.")
    if value in RESERVED_USERNAMES:
        raise Invalid("This username is reserved.")
    return value


def email(value):
    if (
        not isinstance(value, str)
        or len(value) > 254
        or value.count("@") != 1
        or value.startswith("@")
        or value.endswith("@")
        or any(character.isspace() for character in value)
    ):
        raise Invalid("Must be an email address (name@domain) of at most 254 characters.")
    return without_nul(value)


def password(value):
    if not isinstance(value, str) or not 8 <= len(value) <= 128:
        raise Invalid("Must be a string of 8 to 128 characters.")
    return value


def name(value):
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= 200:
        raise Invalid("Must be a string of 1 to 200 characters, not counting surrounding spaces.")
    return without_nul(value.strip())


def note(value):
    if not isinstance(value, str) or len(value) > 2000:
        raise Invalid("Must be a string of at most 2000 characters.")
    return without_nul(value)


def without_nul(value):
    # PostgreSQL text cannot hold U+0000; refuse it on every database alike rather than fail.
    if "\x00" in value:
        raise Invalid("Must not contain the character U+0000.")
    return value


def completed(value):
    if not isinstance(value, bool):
        raise Invalid("Must be true or false.")
    return value


def due_date(value):
    """null, or an RFC 3339 date-time with an offset, stored as naive UTC without a fraction."""
    if value is None:
        return None
    message = "Must be null or a date-time with an offset, such as 2026-11-22T18:00:00Z."
    if not isinstance(value, str) or not DUE_DATE.fullmatch(value):
        raise Invalid(message)
    try:
        moment = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        return moment.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    except (ValueError, OverflowError):  # 2026-02-30, hour 24, a year that overflows in UTC
        raise Invalid(message) from None


def page_arguments():
    """The task list's `completed`, `limit` and `offset` query parameters (400 when bad)."""
    completed = request.args.get("completed")
    if completed not in (None, "true", "false"):
        abort(400, description="The query parameter completed must be true or false.")
    limit = query_integer("limit", 20)
    if not 1 <= limit <= 100:
        abort(400, description="The query parameter limit must be an integer from 1 to 100.")
    return completed, limit, query_integer("offset", 0)


def query_integer(key, default):
    value = request.args.get(key)
    if value is None:
        return default
    if not DIGITS.fullmatch(value):
        abort(400, description=f"The query parameter {key} must be a non-negative integer.")
    return int(value)
