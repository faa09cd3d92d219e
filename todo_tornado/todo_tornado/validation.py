"""Turning a parsed JSON body into clean values, or a list of field errors (the contract's 422)."""

import re
from datetime import UTC, datetime, timedelta, timezone

USERNAME = re.compile(r"[A-Za-z0-9_]{3,32}")
DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))",
    re.ASCII,
)
REQUIRED = "This field is required."
NUL = "Must not contain the character U+0000."  # PostgreSQL text cannot hold it
RESERVED_USERNAMES = {"login", "logout"}  # /api/v1/accounts/login and /logout are routes


class Invalid(ValueError):
    """One field's value breaks its rule; the message is shown to the client."""


def username(value):
    if not isinstance(value, str) or not USERNAME.fullmatch(value):
        raise Invalid("Must be 3 to 32 letters, digits or underscores.")
    if value in RESERVED_USERNAMES:
        raise Invalid("This username is reserved.")
    return value


def email(value):
    if not isinstance(value, str) or len(value) > 254:
        raise Invalid("Must be an email address of at most 254 characters.")
    local, at, domain = value.partition("@")
    if not at or not local or not domain or "@" in domain or re.search(r"[\s\x00]", value):
        raise Invalid("Must be an email address such as ada@example.com.")
    return value


def password(value):
    if not isinstance(value, str) or not 8 <= len(value) <= 128:
        raise Invalid("Must be a string of 8 to 128 characters.")
    return value


def name(value):
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= 200:
        raise Invalid("Must be a string of 1 to 200 characters.")
    if "\x00" in value:
        raise Invalid(NUL)
    return value.strip()


def note(value):
    if not isinstance(value, str) or len(value) > 2000:
        raise Invalid("Must be a string of at most 2000 characters.")
    if "\x00" in value:
        raise Invalid(NUL)
    return value


def completed(value):
    if not isinstance(value, bool):
        raise Invalid("Must be true or false.")
    return value


def due_date(value):
    """None, or an RFC 3339 date-time with an offset, as a naive UTC datetime without fraction."""
    if value is None:
        return None
    match = DATE_TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise Invalid("Must be null or a date-time such as 2026-11-21T09:30:00Z.")
    year, month, day, hour, minute, second, zulu, sign, off_hours, off_minutes = match.groups()
    try:
        offset = timedelta(0)
        if not zulu:
            if int(off_hours) > 23 or int(off_minutes) > 59:
                raise ValueError("offset out of range")
            offset = timedelta(hours=int(off_hours), minutes=int(off_minutes))
            offset = -offset if sign == "-" else offset
        moment = datetime(
            *map(int, (year, month, day, hour, minute, second)), tzinfo=timezone(offset)
        )
        return moment.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):
        raise Invalid("Must be a real date and time.") from None


ACCOUNT_NEW = {"username": username, "email": email, "password": password}
LOGIN = {"username": username, "password": password}
ACCOUNT_CHANGE = {"email": email, "password": password}
TASK = {"name": name, "note": note, "completed": completed, "due_date": due_date}


def validate(body: dict, rules: dict, required=()) -> tuple[dict, list]:
    """Check every field at once: (clean values, errors), errors as the contract's list."""
    values, errors = {}, []
    for field, value in body.items():
        if field not in rules:
            errors.append({"field": field, "message": "This field is not allowed."})
            continue
        try:
            values[field] = rules[field](value)
        except Invalid as problem:
            errors.append({"field": field, "message": str(problem)})
    errors += [{"field": field, "message": REQUIRED} for field in required if field not in body]
    return values, errors
