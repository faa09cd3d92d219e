"""Turning a request (media type, JSON, fields, query) into clean values or errors."""

import json
import re
from datetime import UTC, datetime

from flask import abort, request

MAX_BODY_BYTES = 65536
REQUIRED = "This field is required."
NOT_ALLOWED = "This field is not allowed here."
USERNAME = re.compile(r"[A-Za-z0-9_]{3,32}")
RESERVED_USERNAMES = {"login", "logout"}  # /accounts/login and /accounts/logout are routes
# [0-9], not \d: \d also matches other scripts' digits.
DUE_DATE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
)
DIGITS = re.compile(r"[0-9]{1,4300}")  # int() refuses longer digit strings: those are 400
# JSON Schema's \s (ECMA-262 WhiteSpace and LineTerminator): the contract's whitespace. Not
# str.strip()/isspace(), which also take U+001C..U+001F and U+0085 and leave U+FEFF.
WHITESPACE = (
    "\t\n\x0b\x0c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)


class Invalid(ValueError):
    """One field's value breaks its rule; its message, shown to the client, says what is wanted."""


class ValidationError(Exception):
    """Raised by clean(): one `{"field", "message"}` per bad field; errors.py answers 422."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def json_body():
    """The request body as a dict: 415 unless it is sent as JSON, 400 unless it is an object."""
    if request.mimetype != "application/json":
        abort(415, description="The request body must be sent as application/json.")
    # Werkzeug lowercases parameter names and unquotes values; the contract asks for these two.
    if request.mimetype_params.get("charset", "utf-8").lower() != "utf-8":
        abort(415, description="The request body must be encoded as UTF-8.")
    if (request.content_encoding or "identity").strip().lower() != "identity":
        abort(415, description="The request body must not have a Content-Encoding.")
    # Not request.get_json(): it would also accept UTF-16 and UTF-32; the contract asks for UTF-8.
    try:
        body = json.loads(
            request.get_data().decode("utf-8"),
            object_pairs_hook=unique_members,
            parse_constant=reject_constant,
        )
        # An escape such as "\ud800" is valid JSON but no Unicode text: no UTF-8 column or
        # password hasher could take it later.
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError/EncodeError
        abort(400, description="The request body is not valid UTF-8 JSON.")
    if not isinstance(body, dict):
        abort(400, description="The request body must be a JSON object.")
    return body


def unique_members(pairs):
    # Python's json keeps the last of two equal names; the contract asks for 400 whichever.
    if len({name for name, _ in pairs}) != len(pairs):
        abort(400, description="The request body repeats a member name.")
    return dict(pairs)


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
    if (
        not isinstance(value, str)
        or len(value) > 254
        or value.count("@") != 1
        or value.startswith("@")
        or value.endswith("@")
        or any(character in WHITESPACE for character in value)
    ):
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
# What PUT gives a field its body leaves out (a full replacement).
TASK_DEFAULTS = {"note": "", "completed": False, "due_date": None}


def page_arguments():
    """The task list's query string as (completed: None/True/False, limit, offset), or 400."""
    for parameter in ("completed", "limit", "offset"):
        # request.args.get() would quietly take the first; the contract asks for 400.
        if len(request.args.getlist(parameter)) > 1:
            abort(400, description=f"The query parameter {parameter} must be given at most once.")
    completed = request.args.get("completed")
    if completed not in (None, "true", "false"):
        abort(400, description="The query parameter completed must be true or false.")
    limit = request.args.get("limit", "20")
    if not DIGITS.fullmatch(limit) or not 1 <= int(limit) <= 100:
        abort(400, description="The query parameter limit must be an integer from 1 to 100.")
    offset = request.args.get("offset", "0")
    if not DIGITS.fullmatch(offset):
        abort(400, description="The query parameter offset must be a non-negative integer.")
    return (None if completed is None else completed == "true"), int(limit), int(offset)
