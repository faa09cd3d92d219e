from datetime import UTC, datetime

from django.http import QueryDict
from django.test import SimpleTestCase

from todos.errors import ApiError
from todos.validation import (
    TASK,
    Invalid,
    ValidationError,
    clean,
    due_date,
    email,
    name,
    page_arguments,
    username,
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
            "0001-01-01T00:00:00+01:00",
            "\uff12\uff10\uff12\uff16-11-22T18:00:00Z",  # full-width digits
            20261122,
        ):
            with self.subTest(value=value), self.assertRaises(Invalid) as raised:
                due_date(value)
            self.assertEqual(
                str(raised.exception),
                "Must be null or a date-time with an offset, such as 2026-11-22T18:00:00Z.",
            )


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


class PageArgumentsTests(SimpleTestCase):
    """page_arguments() reads the task list's query string, or raises a 400."""

    def test_defaults_and_values(self):
        self.assertEqual(page_arguments(QueryDict("")), (None, 20, 0))
        self.assertEqual(
            page_arguments(QueryDict("completed=false&limit=100&offset=7")), (False, 100, 7)
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
