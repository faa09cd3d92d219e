"""Request bodies and query strings turned into clean values, or into the contract's errors.

Django's forms could validate these fields, but they coerce "true" and 1 into booleans and
speak in HTML-form terms; a small table of validators states the contract's strict JSON rules.
"""

import json
import re
from datetime import UTC, datetime, timedelta, timezone

from .errors import ApiError

MAX_BODY_BYTES = 65536  # the contract's limit (settings.DATA_UPLOAD_MAX_MEMORY_SIZE matches it)
REQUIRED = "This field is required."
NOT_ALLOWED = "This field is not allowed here."
USERNAME = re.compile(r"[A-Za-z0-9_]{3,32}")
RESERVED_USERNAMES = {"login", "logout"}  # /api/v1/accounts/login and /logout are routes
# [0-9], not \d: \d also matches other scripts' digits.
DUE_DATE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})",
    re.IGNORECASE,
)
DIGITS = re.compile(r"[0-9]+")


class Invalid(ValueError):
    """One field's value breaks its rule; its message, shown to the client, says what is wanted."""


class ValidationError(ApiError):
    """Raised by clean(): one `{"field", "message"}` per bad field; errors.py answers 422.

    Not django.core.exceptions.ValidationError, which belongs to forms and model validation.
    """

    def __init__(self, errors):
        super().__init__(422, errors=errors)


def check_body_size(request):
    """413 for a body over the limit, judged by Content-Length before anything is read."""
    # The contract asks for this: Django's own limit (DATA_UPLOAD_MAX_MEMORY_SIZE) answers 400.
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0  # left to the server; Django reads no more than DATA_UPLOAD_MAX_MEMORY_SIZE
    if length > MAX_BODY_BYTES:
        raise ApiError(413, f"The request body is larger than {MAX_BODY_BYTES} bytes.")


def json_body(request):
    """The body as a JSON object: 415 unless it is declared JSON, 400 unless it is one."""
    if request.content_type != "application/json":  # Django lowercases the media type
        raise ApiError(415, "The request body must be sent as application/json.")
    try:
        body = json.loads(request.body.decode("utf-8"), parse_constant=reject_constant)
        # An escaped lone surrogate ("\ud800") parses, but is not Unicode text.
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError/EncodeError
        raise ApiError(400, "The request body is not valid UTF-8 JSON.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    return body


def reject_constant(name):
    raise ValueError(f"{name} is not JSON")  # Python's json accepts NaN and Infinity; JSON does not


def clean(body, schema, required=()):
    """Check `body` against `schema` (field -> validator); raise ValidationError listing every
    missing required field, then every bad or unknown field in the body's order."""
    values, errors = {}, []
    for field in required:
        if field not in body:
            errors.append({"field": field, "message": REQUIRED})
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
    valid = (
        isinstance(value, str)
        and len(value) <= 254
        and value.count("@") == 1
        and all(value.partition("@")[::2])
        and not any(character.isspace() for character in value)
    )
    if not valid:
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
    """null, or an RFC 3339 date-time with an offset, normalised to UTC without the fraction."""
    if value is None:
        return None
    message = "Must be null or a date-time with an offset, such as 2026-11-22T18:00:00Z."
    match = DUE_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise Invalid(message)
    *fields, offset = match.groups()
    try:
        if offset.upper() == "Z":
            zone = UTC
        else:
            hours, minutes = int(offset[1:3]), int(offset[4:6])
            if minutes > 59:
                raise Invalid(message)
            sign = -1 if offset[0] == "-" else 1
            zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
        return datetime(*map(int, fields), tzinfo=zone).astimezone(UTC)
    except (ValueError, OverflowError):  # a 30 February, a 24:00 offset, a year past 9999 in UTC
        raise Invalid(message) from None


ACCOUNT_NEW = {"username": username, "email": email, "password": password}
LOGIN = {"username": username, "password": password}
ACCOUNT_CHANGE = {"email": email, "password": password}
TASK = {"name": name, "note": note, "completed": completed, "due_date": due_date}
# What PUT gives a field its body leaves out (a full replacement).
TASK_DEFAULTS = {"note": "", "completed": False, "due_date": None}


def page_arguments(query):
    """The task list's query string as (completed: None/True/False, limit, offset), or 400."""
    completed = query.get("completed")
    if completed not in (None, "true", "false"):
        raise ApiError(400, "The query parameter completed must be true or false.")
    limit = query.get("limit", "20")
    if not DIGITS.fullmatch(limit) or not 1 <= int(limit) <= 100:
        raise ApiError(400, "The query parameter limit must be an integer from 1 to 100.")
    offset = query.get("offset", "0")
    if not DIGITS.fullmatch(offset):
        raise ApiError(400, "The query parameter offset must be a non-negative integer.")
    return (None if completed is None else completed == "true"), int(limit), int(offset)
