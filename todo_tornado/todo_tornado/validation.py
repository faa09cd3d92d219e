"""Turning a request (media type, JSON, fields, query string) into clean values or errors."""

import json
import re
from datetime import UTC, datetime

from .errors import Problem

MAX_BODY_BYTES = 65536
REQUIRED = "This field is required."
NOT_ALLOWED = "This field is not allowed here."
NUL = "Must not contain the character U+0000."  # PostgreSQL text cannot hold it
USERNAME = re.compile(r"[A-Za-z0-9_]{3,32}")
RESERVED_USERNAMES = {"login", "logout"}  # /api/v1/accounts/login and /logout are routes
# [0-9], not \d: \d also matches other scripts' digits.
DUE_DATE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
)
DIGITS = re.compile(r"[0-9]+")


class Invalid(ValueError):
    """One field's value breaks its rule; the message is shown to the client."""


class ValidationError(Problem):
    """Raised by clean(): every bad field of a body at once (the contract's 422 `errors`)."""

    def __init__(self, errors: list[dict]):
        super().__init__(422, errors=errors)


def json_body(request) -> dict:
    """The request body as a dict: 415 unless it is sent as JSON, 400 unless it is an object."""
    if len(request.body) > MAX_BODY_BYTES:  # a chunked body, measured once it has arrived
        raise Problem(413)
    media_type = request.headers.get("Content-Type", "").partition(";")[0]
    if media_type.strip().lower() != "application/json":
        raise Problem(415, "The request body must be sent as application/json.")
    try:
        body = json.loads(request.body.decode("utf-8"), parse_constant=reject_constant)
        json.dumps(body, ensure_ascii=False).encode("utf-8")  # "\ud800" parses, yet is no text
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError/EncodeError
        raise Problem(400, "The request body is not valid UTF-8 JSON.") from None
    if not isinstance(body, dict):
        raise Problem(400, "The request body must be a JSON object.")
    return body


def reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def clean(body: dict, schema: dict, required=()) -> dict:
    """Check `body` against `schema` (field -> validator); raise ValidationError listing all."""
    values = {}
    errors = [{"field": field, "message": REQUIRED} for field in required if field not in body]
    for field, value in body.items():
        if field not in schema:
            errors.append({"field": field, "message": NOT_ALLOWED})
            continue
        try:
            values[field] = schema[field](value)
        except Invalid as error:
            errors.append({"field": field, "message": str(error)})
    if errors:
        raise ValidationError(errors)
    return values


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
    if "\x00" in value:
        raise Invalid(NUL)
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


ACCOUNT_NEW = {"username": username, "email": email, "password": password}
LOGIN = {"username": username, "password": password}
ACCOUNT_CHANGE = {"email": email, "password": password}
TASK = {"name": name, "note": note, "completed": completed, "due_date": due_date}
TASK_DEFAULTS = {"note": "", "completed": False, "due_date": None}  # what PUT fills in


def page_arguments(handler) -> tuple[bool | None, int, int]:
    """The task list's completed, limit and offset query arguments; anything malformed is 400."""
    completed = handler.get_query_argument("completed", None, strip=False)
    limit = handler.get_query_argument("limit", "20", strip=False)
    offset = handler.get_query_argument("offset", "0", strip=False)
    if completed not in (None, "true", "false"):
        raise Problem(400, "The query parameter completed must be true or false.")
    if not DIGITS.fullmatch(limit) or not 1 <= int(limit) <= 100:
        raise Problem(400, "The query parameter limit must be an integer from 1 to 100.")
    if not DIGITS.fullmatch(offset):
        raise Problem(400, "The query parameter offset must be a non-negative integer.")
    return (None if completed is None else completed == "true"), int(limit), int(offset)
