"""Request bodies and query strings turned into clean values, or into the contract's errors."""

import json
import re
from datetime import UTC, datetime, timedelta, timezone

from pyramid.httpexceptions import HTTPBadRequest, HTTPUnsupportedMediaType

REQUIRED = "This field is required."
NOT_ALLOWED = "This field is not allowed here."
RESERVED_USERNAMES = ("login", "logout")
DUE_DATE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})",
    re.IGNORECASE,
)


class ValidationError(Exception):
    """Field errors ({"field", "message"} dicts); the errors view renders them as 422."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def json_body(request):
    """The body as a JSON object: 415 unless it is declared JSON, 400 unless it is one."""
    if request.content_type.strip().lower() != "application/json":
        raise HTTPUnsupportedMediaType("The request body must be sent as application/json.")
    try:
        body = json.loads(request.body.decode("utf-8"), parse_constant=_reject_constant)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are both ValueErrors
        raise HTTPBadRequest("The request body is not valid UTF-8 JSON.") from None
    if not isinstance(body, dict):
        raise HTTPBadRequest("The request body must be a JSON object.")
    try:
        # An escaped lone surrogate ("\ud800") parses, but is not Unicode text.
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise HTTPBadRequest("The request body is not valid UTF-8 JSON.") from None
    return body


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")  # Python's json accepts NaN and Infinity; JSON does not


def clean(body, validators, required=()):
    """Run each field's validator; every bad, missing or unknown field is reported at once."""
    values, errors = {}, []
    for field, validator in validators.items():
        if field not in body:
            if field in required:
                errors.append({"field": field, "message": REQUIRED})
            continue
        try:
            values[field] = validator(body[field])
        except ValueError as error:
            errors.append({"field": field, "message": str(error)})
    errors += [
        {"field": field, "message": NOT_ALLOWED} for field in body if field not in validators
    ]
    if errors:
        raise ValidationError(errors)
    return values


def username(value):
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_]{3,32}", value):
        raise ValueError("Must be 3 to 32 letters, digits or underscores.")
    if value in RESERVED_USERNAMES:
        raise ValueError(f"{value} is reserved: /api/v1/accounts/{value} is a route of its own.")
    return value


def email(value):
    valid = (
        isinstance(value, str)
        and len(value) <= 254
        and "\x00" not in value
        and value.count("@") == 1
        and all(value.partition("@")[::2])
        and not any(character.isspace() for character in value)
    )
    if not valid:
        raise ValueError("Must be an email address (name@domain) of at most 254 characters.")
    return value


def password(value):
    if not isinstance(value, str) or not 8 <= len(value) <= 128:
        raise ValueError("Must be a string of 8 to 128 characters.")
    return value


def name(value):
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= 200:
        raise ValueError("Must be a string of 1 to 200 characters, not counting outer whitespace.")
    return _without_nul(value.strip())


def note(value):
    if not isinstance(value, str) or len(value) > 2000:
        raise ValueError("Must be a string of at most 2000 characters.")
    return _without_nul(value)


def _without_nul(value):
    if "\x00" in value:
        raise ValueError("Must not contain the character U+0000, which PostgreSQL cannot store.")
    return value


def completed(value):
    if not isinstance(value, bool):
        raise ValueError("Must be true or false.")
    return value


def due_date(value):
    """null, or an RFC 3339 date-time with an offset, normalised to UTC without the fraction."""
    if value is None:
        return None
    message = "Must be null or a date-time with an offset, such as 2026-11-22T18:00:00Z."
    match = DUE_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(message)
    *fields, offset = match.groups()
    try:
        if offset.upper() == "Z":
            zone = UTC
        else:
            hours, minutes = int(offset[1:3]), int(offset[4:6])
            if minutes > 59:
                raise ValueError(message)
            sign = -1 if offset[0] == "-" else 1
            zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
        return datetime(*map(int, fields), tzinfo=zone).astimezone(UTC)
    except (ValueError, OverflowError):  # a 30 February, a 24:00 offset, a year past 9999 in UTC
        raise ValueError(message) from None


ACCOUNT = {"username": username, "email": email, "password": password}
LOGIN = {"username": username, "password": password}
ACCOUNT_UPDATE = {"email": email, "password": password}
TASK = {"name": name, "note": note, "completed": completed, "due_date": due_date}
TASK_DEFAULTS = {"note": "", "completed": False, "due_date": None}


def task_list_query(request):
    """The completed filter, limit and offset of GET .../tasks, or 400."""
    try:
        params = request.GET
        filter_text = params.get("completed")
    except UnicodeDecodeError:  # WebOb decodes the query string lazily, on first use
        raise HTTPBadRequest("The query string is not valid UTF-8.") from None
    if filter_text not in (None, "true", "false"):
        raise HTTPBadRequest("completed must be true or false.")
    limit = _query_int(params, "limit", 20, 1, 100)
    offset = _query_int(params, "offset", 0, 0, None)
    return (None if filter_text is None else filter_text == "true"), limit, offset


def _query_int(params, key, default, low, high):
    text = params.get(key)
    if text is None:
        return default
    in_range = re.fullmatch(r"[0-9]+", text) and int(text) >= low
    if not in_range or (high is not None and int(text) > high):
        bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise HTTPBadRequest(f"{key} must be an integer {bounds}.")
    return int(text)
