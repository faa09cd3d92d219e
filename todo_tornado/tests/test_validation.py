"""validation.py on its own: clean() reports every bad field at once, with the shared messages."""

import unittest
from datetime import datetime

from todo_tornado.validation import (
    ACCOUNT_CHANGE,
    NOT_ALLOWED,
    REQUIRED,
    TASK,
    ValidationError,
    clean,
)


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
