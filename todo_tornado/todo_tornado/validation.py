"""Turning a request (media type, JSON, fields, query string) into clean values or errors."""

import json
import re
from datetime import UTC, datetime

from .errors import Problem

MAX_BODY_BYTES = 65536
REQUIRED = "This field is required."
NOT_ALLOWED = "This field is not allowed here."
NUL = "Must not contain the character U+0000."  # PostgreSQL text cannot hold it
# JSON Schema's \s (ECMA-262 WhiteSpace and LineTerminator), the contract's whitespace:
# str.strip() and str.isspace() also take U+001C..U+001F and U+0085.
WHITESPACE = (
    "\t\n\x0b\x0c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
USERNAME = re.compile(r"[A-Za-z0-9_]{3,32}")
RESERVED_USERNAMES = {"login", "logout"}  # /api/v1/accounts/login and /logout are routes
# [0-9], not \d: \d also matches other scripts' digits.
DUE_DATE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
)
DIGITS = re.compile(r"[0-9]+")
MAX_QUERY_DIGITS = 4300  # int()'s own limit; a longer number is refused like a malformed one


class Invalid(ValueError):
    """One field's value breaks its rule; the message is shown to the client."""


class ValidationError(Problem):
    """Raised by clean(): every bad field of a body at once (the contract's 422 `errors`)."""

    def __init__(self, errors: list[dict]):
        super().__init__(422, errors=errors)


class RepeatedMember(ValueError):
    """A JSON object names the same member twice; json.loads would silently keep the last."""


def json_body(request) -> dict:
    """The request body as a dict: 415 unless it is sent as UTF-8 JSON, 400 unless an object."""
    media_type, *parameters = request.headers.get("Content-Type", "").split(";")
    if media_type.strip().lower() != "application/json":
        raise Problem(415, "The request body must be sent as application/json.")
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() != "utf-8":
            raise Problem(415, "The request body must be encoded as UTF-8.")
    # Tornado decompresses nothing unless told to (HTTPServer's decompress_request).
    if request.headers.get("Content-Encoding", "identity").lower() != "identity":
        raise Problem(415, "The request body must not have a Content-Encoding.")
    try:
        body = json.loads(
            request.body.decode("utf-8"),
            parse_constant=reject_constant,
            object_pairs_hook=unique_members,
        )
        json.dumps(body, ensure_ascii=False).encode("utf-8")  # "\ud800" parses, yet is no text
    except RepeatedMember:
        raise Problem(400, "The request body repeats a member name.") from None
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError/EncodeError
        raise Problem(400, "The request body is not valid UTF-8 JSON.") from None
    if not isinstance(body, dict):
        raise Problem(400, "The request body must be a JSON object.")
    return body


def reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def unique_members(pairs: list[tuple]) -> dict:
    members = dict(pairs)
    if len(members) != len(pairs):
        raise RepeatedMember
    return members


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
    completed = query_argument(handler, "completed", None)
    limit = query_integer(query_argument(handler, "limit", "20"))
    offset = query_integer(query_argument(handler, "offset", "0"))
    if completed not in (None, "true", "false"):
        raise Problem(400, "The query parameter completed must be true or false.")
    if limit is None or not 1 <= limit <= 100:
        raise Problem(400, "The query parameter limit must be an integer from 1 to 100.")
    if offset is None:
        raise Problem(400, "The query parameter offset must be a non-negative integer.")
    return (None if completed is None else completed == "true"), limit, offset


def query_argument(handler, name: str, default: str | None) -> str | None:
    # The contract asks for this: get_query_argument() would quietly take the last of several.
    values = handler.get_query_arguments(name, strip=False)
    if len(values) > 1:
        raise Problem(400, f"The query parameter {name} must be given at most once.")
    return values[0] if values else default


def query_integer(text: str) -> int | None:
    """ASCII digits as an int, or None (int() alone takes " 5", "1_000" and Arabic digits)."""
    if not DIGITS.fullmatch(text) or len(text) > MAX_QUERY_DIGITS:
        return None
    return int(text)
