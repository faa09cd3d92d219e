from datetime import UTC, datetime, timedelta, timezone
from io import StringIO

from django.core.management import call_command
from django.test import RequestFactory, TestCase
from django.urls import reverse

from todos.auth import new_token
from todos.models import Account, Task, Token, count_tasks, timestamp


class AccountModelTests(TestCase):
    def setUp(self):
        self.account = Account.objects.create_user("ada", "ada@example.com", "secret pw")

    def test_json_form_uses_absolute_urls_and_the_given_count(self):
        """to_json builds its urls from the request's host and shows the task_count given."""
        request = RequestFactory().get("/", headers={"Host": "localhost:8000"})
        account = self.account.to_json(request, task_count=3)
        self.assertEqual(account["url"], "http://localhost:8000" + self.account.get_absolute_url())
        self.assertEqual(
            account["tasks_url"], "http://localhost:8000" + reverse("todos:tasks", args=["ada"])
        )
        self.assertEqual(account["task_count"], 3)

    def test_count_tasks_counts_only_the_accounts_tasks(self):
        """count_tasks() is the account's number of tasks, not anyone else's."""
        Task.objects.create(account=self.account, name="Buy milk")
        bob = Account.objects.create_user("bob", "bob@example.com", "secret pw")
        Task.objects.create(account=bob, name="Buy bread")
        self.assertEqual(count_tasks(self.account), 1)


class TaskModelTests(TestCase):
    def setUp(self):
        self.account = Account.objects.create_user("ada", "ada@example.com", "secret pw")

    def test_defaults(self):
        """A new task has an empty note, is not completed and has no due date."""
        task = Task.objects.create(account=self.account, name="Buy milk")
        self.assertEqual((task.note, task.completed, task.due_date), ("", False, None))
        self.assertIsNotNone(task.creation_date)

    def test_tasks_are_ordered_by_id(self):
        """account.tasks lists in creation (id) order."""
        first = Task.objects.create(account=self.account, name="b")
        second = Task.objects.create(account=self.account, name="a")
        self.assertEqual(list(self.account.tasks.all()), [first, second])

    def test_json_form_uses_absolute_urls(self):
        """to_json builds the url from the request's host."""
        task = Task.objects.create(account=self.account, name="Buy milk")
        request = RequestFactory().get("/", headers={"Host": "localhost:8000"})
        self.assertEqual(
            task.to_json(request)["url"],
            "http://localhost:8000" + reverse("todos:task", args=["ada", task.pk]),
        )

    def test_timestamps_are_utc_seconds_with_z(self):
        """Microseconds are dropped and the suffix is Z."""
        task = Task.objects.create(account=self.account, name="Buy milk")
        self.assertRegex(timestamp(task.creation_date), r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    def test_timestamps_always_have_a_four_digit_year(self):
        """Years before 1000 are zero-padded (strftime("%Y") would write 98), in UTC."""
        eastern = timezone(timedelta(hours=-5))
        for moment, expected in (
            (datetime(98, 12, 31, 14, 0, 0, 999999, tzinfo=eastern), "0098-12-31T19:00:00Z"),
            (datetime(1, 1, 1, tzinfo=UTC), "0001-01-01T00:00:00Z"),
            (datetime(999, 5, 6, 7, 8, 9, tzinfo=UTC), "0999-05-06T07:08:09Z"),
            (datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), "9999-12-31T23:59:59Z"),
        ):
            with self.subTest(expected=expected):
                self.assertEqual(timestamp(moment), expected)

    def test_early_due_dates_survive_the_database(self):
        """A year-98 due date is stored and read back as it was, with four digits."""
        due = datetime(98, 12, 31, 19, tzinfo=UTC)
        task = Task.objects.create(account=self.account, name="Buy milk", due_date=due)
        task.refresh_from_db()
        self.assertEqual(timestamp(task.due_date), "0098-12-31T19:00:00Z")


class TokenModelTests(TestCase):
    def setUp(self):
        self.account = Account.objects.create_user("ada", "ada@example.com", "secret pw")

    def test_json_form_shows_the_secret_once_with_the_expiry(self):
        """to_json is the Token resource: the secret given, Bearer, expires_at, the username."""
        secret, token = new_token(self.account, ttl_seconds=60)
        self.assertEqual(
            token.to_json(secret),
            {
                "token": secret,
                "token_type": "Bearer",
                "expires_at": timestamp(token.expires_at),
                "username": "ada",
            },
        )

    def test_deleting_the_account_deletes_its_tokens(self):
        """Tokens cascade with their account."""
        new_token(self.account, ttl_seconds=60)
        self.account.delete()
        self.assertFalse(Token.objects.exists())


class MigrationTests(TestCase):
    def test_migrations_match_the_models(self):
        """The checked-in migrations describe the models exactly: makemigrations finds nothing."""
        output = StringIO()
        call_command("makemigrations", "--check", "--dry-run", stdout=output)
        self.assertIn("No changes detected", output.getvalue())
