"""The site's form rules that are not the API's (pages/forms.py)."""

import unittest
from datetime import datetime

from todo_tornado.pages.forms import due_date
from todo_tornado.validation import Invalid


class DueDateTest(unittest.TestCase):
    def test_a_datetime_local_value_is_read_as_utc(self):
        self.assertIsNone(due_date(""))
        self.assertEqual(due_date("2026-12-24T18:00"), datetime(2026, 12, 24, 18, 0))
        self.assertEqual(due_date("0001-01-01T00:00:59"), datetime(1, 1, 1, 0, 0, 59))

    def test_anything_else_is_refused_with_the_forms_message(self):
        for value in (
            " ",
            "2026-12-24",
            "2026-12-24 18:00",
            "2026-12-24t18:00",
            "2026-12-24T18:00Z",
            "2026-12-24T18:00:00.5",
            "2026-02-30T10:00",
            "0000-01-01T00:00",
            "2026-12-24T24:00",
            "\uff12\uff10\uff12\uff16-12-24T18:00",  # fullwidth digits
        ):
            with (
                self.subTest(value=value),
                self.assertRaisesRegex(
                    Invalid, r"^Must be a date and time such as 2026-12-24T18:00\.$"
                ),
            ):
                due_date(value)
