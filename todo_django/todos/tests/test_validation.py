from datetime import UTC, datetime

from django.test import SimpleTestCase

from todos.validation import clean_due_date, clean_email, clean_name, clean_username


class DueDateTests(SimpleTestCase):
    def test_offsets_are_converted_to_utc(self):
        """-05:30 is added, Z is kept, lowercase t and z are accepted, fractions dropped."""
        self.assertEqual(
            clean_due_date("2026-01-31T22:00:00.999999-05:30"),
            datetime(2026, 2, 1, 3, 30, tzinfo=UTC),
        )
        self.assertEqual(clean_due_date("2026-01-01t00:00:00z"), datetime(2026, 1, 1, tzinfo=UTC))

    def test_null_clears_the_date(self):
        self.assertIsNone(clean_due_date(None))

    def test_rejects_what_rfc_3339_does_not_allow(self):
        """No offset, a space separator, impossible dates, non-strings: all rejected."""
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
            with self.subTest(value=value), self.assertRaises(ValueError):
                clean_due_date(value)


class FieldRuleTests(SimpleTestCase):
    def test_login_and_logout_are_reserved_usernames(self):
        """Their account paths are taken by the login and logout routes; Login is fine."""
        self.assertEqual(clean_username("Login"), "Login")
        for value in ("login", "logout"):
            with self.subTest(value=value), self.assertRaises(ValueError):
                clean_username(value)

    def test_email_needs_exactly_one_at_and_no_whitespace(self):
        self.assertEqual(clean_email("a@b"), "a@b")
        for value in ("ab", "@b", "a@", "a@b@c", "a b@c", "a@b\t", "a" * 250 + "@b.cd"):
            with self.subTest(value=value), self.assertRaises(ValueError):
                clean_email(value)

    def test_name_is_trimmed_then_measured(self):
        self.assertEqual(clean_name("  x  "), "x")
        self.assertEqual(len(clean_name(" " + "n" * 200 + " ")), 200)
        for value in ("   ", "n" * 201, None):
            with self.subTest(value=value), self.assertRaises(ValueError):
                clean_name(value)
