"""Reading a request: its size, JSON body and query into clean values, or 413, 415, 400, 422.

Django's forms could validate these fields, but their messages, their coercion of "true" and
1 into booleans and their HTML-form view of the world do not fit a JSON contract this strict;
a small table of field cleaners states the contract's rules directly.
"""

import json
import re
from datetime import UTC, datetime, timedelta, timezone

from django.conf import settings

from .errors import ApiError

REQUIRED = "This field is required."

USERNAME = re.compile(r"[A-Za-z0-9_]{3,32}")
RESERVED_USERNAMES = {"login", "logout"}  # /api/v1/accounts/login and /logout are routes
DATE_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?"
    r"(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))"
)


def read_json_object(request):
    """The body as a dict: 415 unless it is declared JSON, 400 unless it is a UTF-8 JSON object."""
    if request.content_type != "application/json":
        raise ApiError(415, "The request body must be sent as application/json.")
    try:
        body = json.loads(request.body.decode("utf-8"), parse_constant=reject_constant)
        # json.loads accepts escaped lone surrogates ("\ud800"), which are not Unicode text;
        # encoding the parsed body back to UTF-8 is the simplest complete check for them.
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (UnicodeError, ValueError, RecursionError):
        raise ApiError(400, "The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    return body


def reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def validate(body, *, required=(), optional=()):
    """Clean the fields of `body`; raise 422 listing every bad, missing or unexpected field."""
    clean, errors = {}, []
    for field in (*required, *optional):
        if field not in body:
            if field in required:
                errors.append({"field": field, "message": REQUIRED})
            continue
        try:
            clean[field] = CLEANERS[field](body[field])
        except ValueError as error:
            errors.append({"field": field, "message": str(error)})
    for field in body:
        if field not in required and field not in optional:
            errors.append({"field": field, "message": "This field is not allowed here."})
    if errors:
        raise ApiError(422, "The request body has invalid fields.", errors=errors)
    return clean


def string(value):
    if not isinstance(value, str):
        raise ValueError("Must be a string.")
    return value


def text(value):
    """A string that any database can store: PostgreSQL text cannot hold U+0000."""
    if "\x00" in string(value):
        raise ValueError("Must not contain the character U+0000.")
    return value


def clean_username(value):
    if not USERNAME.fullmatch(string(value)):
        raise ValueError("Must be 3 to 32 letters, digits or underscores.")
    if value in RESERVED_USERNAMES:
        raise ValueError("This username is reserved.")
    return value


def clean_email(value):
    local, at, domain = text(value).partition("@")
    valid = (
        len(value) <= 254
        and at
        and local
        and domain
        and "@" not in domain
        and not any(c.isspace() for c in value)
    )
    if not valid:
        raise ValueError("Must be an email address such as ada@example.com.")
    return value


def clean_password(value):
    if not 8 <= len(string(value)) <= 128:
        raise ValueError("Must be 8 to 128 characters long.")
    return value


def clean_name(value):
    name = text(value).strip()
    if not 1 <= len(name) <= 200:
        raise ValueError("Must be 1 to 200 characters long, not counting surrounding spaces.")
    return name


def clean_note(value):
    if len(text(value)) > 2000:
        raise ValueError("Must be at most 2000 characters long.")
    return value


def clean_completed(value):
    if not isinstance(value, bool):
        raise ValueError("Must be true or false.")
    return value


def clean_due_date(value):
    """An RFC 3339 date-time with an offset, as an aware UTC datetime without fraction."""
    if value is None:
        return None
    match = DATE_TIME.fullmatch(string(value))
    if not match:
        raise ValueError("Must be null or a date-time such as 2026-11-22T18:00:00+01:00.")
    year, month, day, hour, minute, second, zulu, sign, off_hours, off_minutes = match.groups()
    try:
        offset = timedelta(0)
        if not zulu:
            if int(off_hours) > 23 or int(off_minutes) > 59:
                raise ValueError
            offset = timedelta(hours=int(off_hours), minutes=int(off_minutes))
            offset = -offset if sign == "-" else offset
        parts = (year, month, day, hour, minute, second)
        moment = datetime(*map(int, parts), tzinfo=timezone(offset))
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValueError("Must be a real date and time.") from None


CLEANERS = {
    "username": clean_username,
    "email": clean_email,
    "password": clean_password,
    "name": clean_name,
    "note": clean_note,
    "completed": clean_completed,
    "due_date": clean_due_date,
}


def check_body_size(request):
    """413 for a body over the limit, judged by Content-Length before anything is read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.MAX_BODY_BYTES:
        raise ApiError(413, f"The request body is larger than {settings.MAX_BODY_BYTES} bytes.")


def read_page_query(query):
    """The task list's `completed`, `limit` and `offset` query parameters, or 400."""
    completed = query.get("completed")
    if completed not in (None, "true", "false"):
        raise ApiError(400, 'The completed query parameter must be "true" or "false".')
    limit = integer_parameter(query, "limit", default=20, low=1, high=100)
    offset = integer_parameter(query, "offset", default=0, low=0)
    return (None if completed is None else completed == "true"), limit, offset


def integer_parameter(query, name, *, default, low, high=None):
    value = query.get(name)
    if value is None:
        return default
    number = int(value) if value.isascii() and value.isdigit() else None
    if number is None or number < low or (high is not None and number > high):
        bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise ApiError(400, f"The {name} query parameter must be an integer {bounds}.")
    return number
