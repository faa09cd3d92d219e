"""validation.py on its own: clean() reports every bad field at once, with the shared messages."""

import unittest
from datetime import datetime

from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

from todo_tornado.errors import Problem
from todo_tornado.models import timestamp
from todo_tornado.validation import (
    ACCOUNT_CHANGE,
    NOT_ALLOWED,
    REQUIRED,
    TASK,
    WHITESPACE,
    ValidationError,
    clean,
    json_body,
)

NOT_JSON = "The request body is not valid UTF-8 JSON."


class CleanTest(unittest.TestCase):
    def errors(self, body, schema, required=()):
        with self.assertRaises(ValidationError) as raised:
            clean(body, schema, required)
        self.assertEqual(raised.exception.status_code, 422)
        return raised.exception.errors

    def test_returns_clean_values(self):
        values = clean(
            {"name": "  milk  ", "due_date": "2026-11-22T18:00:00.5+01:00"}, TASK, ("name",)
        )
        self.assertEqual(values, {"name": "milk", "due_date": datetime(2026, 11, 22, 17, 0, 0)})

    def test_missing_fields_first_then_each_bad_field_in_body_order(self):
        errors = self.errors({"completed": "yes", "id": 3}, TASK, required=("name",))
        self.assertEqual(
            errors,
            [
                {"field": "name", "message": REQUIRED},
                {"field": "completed", "message": "Must be true or false."},
                {"field": "id", "message": NOT_ALLOWED},
            ],
        )

    def test_the_shared_messages(self):
        email, name, due_date = (
            "Must be an email address (name@domain) of at most 254 characters.",
            "Must be a string of 1 to 200 characters, not counting surrounding spaces.",
            "Must be null or a date-time with an offset, such as 2026-11-22T18:00:00Z.",
        )
        cases = [
            ({"email": "a@b@c"}, ACCOUNT_CHANGE, email),
            ({"email": "a@b\x00"}, ACCOUNT_CHANGE, "Must not contain the character U+0000."),
            ({"password": "short"}, ACCOUNT_CHANGE, "Must be a string of 8 to 128 characters."),
            ({"name": "   "}, TASK, name),
            ({"note": None}, TASK, "Must be a string of at most 2000 characters."),
            ({"due_date": "2026-02-30T10:00:00Z"}, TASK, due_date),
        ]
        for body, schema, message in cases:
            with self.subTest(body=body):
                self.assertEqual(self.errors(body, schema)[0]["message"], message)


class WhitespaceTest(unittest.TestCase):
    """The contract's whitespace is JSON Schema's \\s, not Python's str.isspace()."""

    def test_name_is_trimmed_of_that_set_only(self):
        for character in WHITESPACE:
            with self.subTest(character=hex(ord(character))):
                self.assertEqual(
                    clean({"name": f"{character}milk{character}"}, TASK)["name"], "milk"
                )
        for character in "\x1c\x1d\x1e\x1f\x85":  # str.strip() would remove these too
            with self.subTest(character=hex(ord(character))):
                self.assertEqual(clean({"name": character}, TASK)["name"], character)

    def test_an_email_may_hold_no_character_of_that_set(self):
        self.assertEqual(clean({"email": "a\x85@b\x1c"}, ACCOUNT_CHANGE), {"email": "a\x85@b\x1c"})
        for character in ("\ufeff", "\u00a0", "\t"):
            with self.subTest(character=hex(ord(character))), self.assertRaises(ValidationError):
                clean({"email": f"a{character}@b"}, ACCOUNT_CHANGE)


class JsonBodyTest(unittest.TestCase):
    def problem(self, body: bytes, content_type="application/json", **headers) -> Problem:
        headers = HTTPHeaders({"Content-Type": content_type, **headers})
        start_line = RequestStartLine("POST", "/", "HTTP/1.1")
        headers["Host"] = "localhost"
        request = HTTPServerRequest(start_line=start_line, headers=headers, body=body)
        with self.assertRaises(Problem) as raised:
            json_body(request)
        return raised.exception

    def assert_problem(self, problem, status, detail):
        self.assertEqual((problem.status_code, problem.detail), (status, detail))

    def test_a_member_name_given_twice_at_any_depth_is_400(self):
        detail = "The request body repeats a member name."
        for body in (b'{"name": "a", "name": "b"}', b'{"x": [{"a": 1, "a": 1}]}'):
            with self.subTest(body=body):
                self.assert_problem(self.problem(body), 400, detail)

    def test_nan_infinity_and_deep_nesting_are_not_json(self):
        for body in (b'{"a": NaN}', b'{"a": -Infinity}', b'{"a": ' * 100000 + b"1"):
            with self.subTest(body=body[:20]):
                self.assert_problem(self.problem(body), 400, NOT_JSON)

    def test_a_charset_other_than_utf_8_is_415(self):
        detail = "The request body must be encoded as UTF-8."
        for content_type in (
            "application/json; charset=latin-1",
            'application/json;charset="utf-16"',
            "application/json; charset=",
        ):
            with self.subTest(content_type=content_type):
                self.assert_problem(self.problem(b"{}", content_type), 415, detail)
        for content_type in ("application/json; charset=UTF-8", 'Application/JSON;charset="utf-8"'):
            with self.subTest(content_type=content_type):
                self.assert_problem(
                    self.problem(b"[]", content_type),
                    400,
                    "The request body must be a JSON object.",
                )

    def test_a_content_encoding_other_than_identity_is_415(self):
        detail = "The request body must not have a Content-Encoding."
        for encoding in ("gzip", "br", "identity, gzip"):
            with self.subTest(encoding=encoding):
                problem = self.problem(b"{}", **{"Content-Encoding": encoding})
                self.assert_problem(problem, 415, detail)
        problem = self.problem(b"[]", **{"Content-Encoding": "Identity"})
        self.assertEqual(problem.status_code, 400)


class TimestampTest(unittest.TestCase):
    def test_years_are_always_four_digits(self):
        self.assertEqual(timestamp(datetime(98, 12, 31, 19)), "0098-12-31T19:00:00Z")
        self.assertEqual(timestamp(datetime(1, 1, 1)), "0001-01-01T00:00:00Z")
        self.assertEqual(timestamp(datetime(2026, 11, 21, 9, 30, 0, 999)), "2026-11-21T09:30:00Z")
