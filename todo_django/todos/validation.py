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
DIGITS = re.compile(r"[0-9]{1,4300}")  # int() refuses longer digit strings: those are 400
# JSON Schema's \s (ECMA-262 WhiteSpace and LineTerminator), the contract's whitespace: not
# str.isspace(), which adds U+001C..U+001F and U+0085 and leaves out U+FEFF.
WHITESPACE = (
    "\t\n\x0b\x0c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)


class Invalid(ValueError):
    """One field's value breaks its rule; its message, shown to the client, says what is wanted."""


class ValidationError(ApiError):
    """Raised by clean(): one `{"field", "message"}` per bad field; errors.py answers 422.

    Not django.core.exceptions.ValidationError, which belongs to forms and model validation.
    """

    def __init__(self, errors):
        super().__init__(422, errors=errors)


def json_body(request):
    """The body as a JSON object: 415 unless it is declared UTF-8 JSON, sent as is; 400 unless
    it is one (without a repeated member name)."""
    # Django lowercases the media type and parameter names, and unquotes the values.
    if request.content_type != "application/json":
        raise ApiError(415, "The request body must be sent as application/json.")
    # The contract asks for these two: any charset but UTF-8, and any compression, are 415.
    if request.content_params.get("charset", "utf-8").lower() != "utf-8":
        raise ApiError(415, "The request body must be encoded as UTF-8.")
    if request.headers.get("Content-Encoding", "identity").strip().lower() != "identity":
        raise ApiError(415, "The request body must not have a Content-Encoding.")
    try:
        body = json.loads(
            request.body.decode("utf-8"),
            parse_constant=reject_constant,
            object_pairs_hook=unique_members,
        )
        # An escaped lone surrogate ("\ud800") parses, but is not Unicode text.
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError/EncodeError
        raise ApiError(400, "The request body is not valid UTF-8 JSON.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    return body


def reject_constant(name):
    raise ValueError(f"{name} is not JSON")  # Python's json accepts NaN and Infinity; JSON does not


def unique_members(pairs):
    """An object's members as a dict, unless a name repeats (json.loads would keep the last)."""
    members = dict(pairs)
    if len(members) != len(pairs):  # the contract asks for this
        raise ApiError(400, "The request body repeats a member name.")
    return members


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
        and not any(character in WHITESPACE for character in value)
    )
    if not valid:
        raise Invalid("Must be an email address (name@domain) of at most 254 characters.")
    return without_nul(value)


def password(value):
    if not isinstance(value, str) or not 8 <= len(value) <= 128:
        raise Invalid("Must be a string of 8 to 128 characters.")
    return value


def name(value):
    if not isinstance(value, str) or not 1 <= len(value.strip(WHITESPACE)) <= 200:
        raise Invalid("Must be a string of 1 to 200 characters, not counting surrounding spaces.")
    return without_nul(value.strip(WHITESPACE))


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
    """null, or an RFC 3339 date-time with an offset, normalised to UTC without the fraction;
    its year is 0001..9999 as written and in UTC (datetime's own range)."""
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
    """The task list's query string (a QueryDict) as (completed: None/True/False, limit, offset),
    or 400. Other parameters are ignored."""
    completed = single(query, "completed")
    if completed not in (None, "true", "false"):
        raise ApiError(400, "The query parameter completed must be true or false.")
    limit = single(query, "limit", "20")
    if not DIGITS.fullmatch(limit) or not 1 <= int(limit) <= 100:
        raise ApiError(400, "The query parameter limit must be an integer from 1 to 100.")
    offset = single(query, "offset", "0")
    if not DIGITS.fullmatch(offset):
        raise ApiError(400, "The query parameter offset must be a non-negative integer.")
    return (None if completed is None else completed == "true"), int(limit), int(offset)


def single(query, parameter, default=None):
    """The parameter's one value; QueryDict.get() would quietly take the last of several."""
    values = query.getlist(parameter)
    if len(values) > 1:
        # The contract asks for this.
        raise ApiError(400, f"The query parameter {parameter} must be given at most once.")
    return values[0] if values else default
