from datetime import UTC, datetime

from django.http import QueryDict
from django.test import RequestFactory, SimpleTestCase

from todos.errors import ApiError
from todos.validation import (
    TASK,
    WHITESPACE,
    Invalid,
    ValidationError,
    clean,
    due_date,
    email,
    json_body,
    name,
    page_arguments,
    username,
)

DUE_DATE_MESSAGE = "Must be null or a date-time with an offset, such as 2026-11-22T18:00:00Z."


class JsonBodyTests(SimpleTestCase):
    """json_body() accepts a UTF-8 JSON object sent as is, and nothing else."""

    def read(self, body, content_type="application/json", **headers):
        request = RequestFactory().post(
            "/", body, content_type=content_type, headers=headers or None
        )
        return json_body(request)

    def assertRefused(self, status, detail, body, content_type="application/json", **headers):
        with self.assertRaises(ApiError) as raised:
            self.read(body, content_type, **headers)
        self.assertEqual((raised.exception.status, raised.exception.detail), (status, detail))

    def test_reads_a_json_object(self):
        self.assertEqual(
            self.read(b'{"name": "a", "note": {"x": 1}}'), {"name": "a", "note": {"x": 1}}
        )

    def test_a_repeated_member_name_is_400_at_any_depth(self):
        """Which value would win is the parser's guess, so neither does."""
        for body in (b'{"name": "a", "name": "b"}', b'{"a": [{"b": 1, "b": 1}]}'):
            with self.subTest(body=body):
                self.assertRefused(400, "The request body repeats a member name.", body)

    def test_nan_infinity_and_deep_nesting_are_not_json(self):
        """Python's json reads NaN and Infinity, and deep nesting overflows its stack: all 400."""
        for body in (b'{"a": NaN}', b'{"a": -Infinity}', b"[" * 30000 + b"]" * 30000):
            with self.subTest(body=body[:20]):
                self.assertRefused(400, "The request body is not valid UTF-8 JSON.", body)

    def test_charset_must_be_utf_8(self):
        """charset=utf-8 in any case, quoted or not, is fine; any other is 415."""
        for content_type in ("application/json; charset=UTF-8", 'Application/JSON;charset="utf-8"'):
            with self.subTest(content_type=content_type):
                self.assertEqual(self.read(b"{}", content_type), {})
        for charset in ("latin-1", '"utf-16"', "utf8"):
            with self.subTest(charset=charset):
                self.assertRefused(
                    415,
                    "The request body must be encoded as UTF-8.",
                    b"{}",
                    f"application/json; charset={charset}",
                )

    def test_a_content_encoding_is_415(self):
        """Compressed bodies are not accepted; identity is no encoding at all."""
        self.assertEqual(self.read(b"{}", **{"Content-Encoding": "identity"}), {})
        for encoding in ("gzip", "deflate", "identity, gzip"):
            with self.subTest(encoding=encoding):
                self.assertRefused(
                    415,
                    "The request body must not have a Content-Encoding.",
                    b"{}",
                    **{"Content-Encoding": encoding},
                )

    def test_media_type_is_checked_first(self):
        self.assertRefused(
            415, "The request body must be sent as application/json.", b"{}", "text/plain"
        )


class CleanTests(SimpleTestCase):
    """clean() returns clean values or raises ValidationError listing every bad field."""

    def test_returns_the_clean_values(self):
        """Values come back cleaned (the name trimmed); fields not given are not added."""
        self.assertEqual(
            clean({"name": " Buy milk "}, TASK, required=("name",)), {"name": "Buy milk"}
        )

    def test_missing_fields_come_first_then_the_body_in_its_order(self):
        """Missing required fields, then each bad or unknown field in the order of the body."""
        body = {"id": 1, "completed": "yes", "note": "fine"}
        with self.assertRaises(ValidationError) as raised:
            clean(body, TASK, required=("name",))
        self.assertEqual(
            raised.exception.errors,
            [
                {"field": "name", "message": "This field is required."},
                {"field": "id", "message": "This field is not allowed here."},
                {"field": "completed", "message": "Must be true or false."},
            ],
        )


class DueDateTests(SimpleTestCase):
    def test_offsets_are_converted_to_utc(self):
        """-05:30 is added, Z is kept, lowercase t and z are accepted, fractions dropped."""
        self.assertEqual(
            due_date("2026-01-31T22:00:00.999999-05:30"),
            datetime(2026, 2, 1, 3, 30, tzinfo=UTC),
        )
        self.assertEqual(due_date("2026-01-01t00:00:00z"), datetime(2026, 1, 1, tzinfo=UTC))

    def test_null_clears_the_date(self):
        self.assertIsNone(due_date(None))

    def test_rejects_what_rfc_3339_does_not_allow(self):
        """No offset, a space separator, impossible dates, non-strings: all one message."""
        for value in (
            "2026-11-22T18:00:00",
            "2026-11-22 18:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-22T24:00:00Z",
            "2026-11-22T18:00:00+24:00",
            "\uff12\uff10\uff12\uff16-11-22T18:00:00Z",  # full-width digits
            "\u0662\u0660\u0662\u0666-01-01T00:00:00Z",  # Arabic-Indic digits
            20261122,
        ):
            with self.subTest(value=value), self.assertRaises(Invalid) as raised:
                due_date(value)
            self.assertEqual(str(raised.exception), DUE_DATE_MESSAGE)

    def test_years_are_0001_to_9999_as_written_and_in_utc(self):
        """Year 0000, or a date that falls before year 1 or after 9999 once in UTC, is refused."""
        self.assertEqual(due_date("0001-01-01T00:00:00Z"), datetime(1, 1, 1, tzinfo=UTC))
        self.assertEqual(
            due_date("9999-12-31T23:59:59Z"), datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
        )
        self.assertEqual(
            due_date("0099-01-01T01:00:00+02:00"), datetime(98, 12, 31, 23, tzinfo=UTC)
        )
        for value in (
            "0000-06-01T00:00:00Z",
            "0001-01-01T00:30:00+01:00",
            "9999-12-31T23:30:00-01:00",
        ):
            with self.subTest(value=value), self.assertRaises(Invalid) as raised:
                due_date(value)
            self.assertEqual(str(raised.exception), DUE_DATE_MESSAGE)


class FieldRuleTests(SimpleTestCase):
    def test_login_and_logout_are_reserved_usernames(self):
        """Their account paths are taken by the login and logout routes; Login is fine."""
        self.assertEqual(username("Login"), "Login")
        for value in ("login", "logout"):
            with self.subTest(value=value), self.assertRaises(Invalid):
                username(value)

    def test_email_needs_exactly_one_at_and_no_whitespace(self):
        self.assertEqual(email("a@b"), "a@b")
        for value in ("ab", "@b", "a@", "a@b@c", "a b@c", "a@b\t", "a" * 250 + "@b.cd"):
            with self.subTest(value=value), self.assertRaises(Invalid):
                email(value)

    def test_name_is_trimmed_then_measured(self):
        self.assertEqual(name("  x  "), "x")
        self.assertEqual(len(name(" " + "n" * 200 + " ")), 200)
        for value in ("   ", "n" * 201, None):
            with self.subTest(value=value), self.assertRaises(Invalid):
                name(value)


class WhitespaceTests(SimpleTestCase):
    """Whitespace is JSON Schema's \\s, exactly: not what str.strip() and isspace() say."""

    def test_the_set_is_ecma_262_whitespace_and_line_terminators(self):
        expected = {*map(chr, range(0x09, 0x0E)), " ", "\u00a0", "\u1680", "\u2028", "\u2029"}
        expected |= {*map(chr, range(0x2000, 0x200B)), "\u202f", "\u205f", "\u3000", "\ufeff"}
        self.assertEqual(set(WHITESPACE), expected)
        self.assertEqual(len(WHITESPACE), len(expected))

    def test_name_is_trimmed_of_that_set_only(self):
        """U+FEFF, U+3000 and U+2028 are trimmed; U+001C..U+001F and U+0085 are kept."""
        self.assertEqual(name("\ufeff\u3000milk\u2028"), "milk")
        self.assertEqual(name("\x1cmilk\x85"), "\x1cmilk\x85")
        self.assertEqual(name("\x1f\x1e"), "\x1f\x1e")
        with self.assertRaises(Invalid):
            name("\ufeff \u00a0")

    def test_email_refuses_that_set_only(self):
        """U+FEFF in an email is whitespace; U+0085 and U+001C are not."""
        self.assertEqual(email("a\x85b@c"), "a\x85b@c")
        self.assertEqual(email("a\x1cb@c"), "a\x1cb@c")
        for value in ("a\ufeffb@c", "a@b\u3000", "a\u2028@b"):
            with self.subTest(value=value), self.assertRaises(Invalid):
                email(value)


class PageArgumentsTests(SimpleTestCase):
    """page_arguments() reads the task list's query string, or raises a 400."""

    def test_defaults_and_values(self):
        self.assertEqual(page_arguments(QueryDict("")), (None, 20, 0))
        self.assertEqual(
            page_arguments(QueryDict("completed=false&limit=100&offset=7")), (False, 100, 7)
        )

    def test_unknown_parameters_are_ignored_however_many(self):
        query = QueryDict("&".join(f"p{n}=1" for n in range(1500)) + "&limit=5")
        self.assertEqual(page_arguments(query), (None, 5, 0))

    def test_a_parameter_given_twice_is_400_even_with_equal_values(self):
        """QueryDict.get() would quietly take the last value; the contract says 400."""
        for query, parameter in (
            ("limit=5&limit=6", "limit"),
            ("completed=true&completed=true", "completed"),
            ("offset=1&limit=5&offset=1", "offset"),
        ):
            with self.subTest(query=query), self.assertRaises(ApiError) as raised:
                page_arguments(QueryDict(query))
            self.assertEqual(
                (raised.exception.status, raised.exception.detail),
                (400, f"The query parameter {parameter} must be given at most once."),
            )

    def test_each_bad_parameter_has_its_message(self):
        for query, message in (
            ("completed=1", "The query parameter completed must be true or false."),
            ("limit=0", "The query parameter limit must be an integer from 1 to 100."),
            ("offset=-1", "The query parameter offset must be a non-negative integer."),
        ):
            with self.subTest(query=query), self.assertRaises(ApiError) as raised:
                page_arguments(QueryDict(query))
            self.assertEqual((raised.exception.status, raised.exception.detail), (400, message))
