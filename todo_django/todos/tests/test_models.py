from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory, TestCase

from todos.auth import authenticate_bearer, issue_token
from todos.models import Task, Token, timestamp


class TaskModelTests(TestCase):
    def setUp(self):
        self.account = get_user_model().objects.create_user("ada", "ada@example.com", "secret pw")

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
        """as_json builds the url from the request's host."""
        task = Task.objects.create(account=self.account, name="Buy milk")
        request = RequestFactory().get("/", headers={"Host": "localhost:8000"})
        self.assertEqual(
            task.as_json(request)["url"],
            f"http://localhost:8000/api/v1/accounts/ada/tasks/{task.pk}",
        )

    def test_timestamps_are_utc_seconds_with_z(self):
        """Microseconds are dropped and the suffix is Z."""
        task = Task.objects.create(account=self.account, name="Buy milk")
        self.assertRegex(timestamp(task.creation_date), r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


class TokenModelTests(TestCase):
    def setUp(self):
        self.account = get_user_model().objects.create_user("ada", "ada@example.com", "secret pw")

    def test_issued_token_is_found_by_its_digest(self):
        """The secret handed out authenticates; the stored row holds only its digest."""
        secret, token = issue_token(self.account)
        self.assertNotIn(secret, token.digest)
        request = RequestFactory().get("/", headers={"Authorization": f"Bearer {secret}"})
        self.assertEqual(authenticate_bearer(request), token)

    def test_deleting_the_account_deletes_its_tokens(self):
        """Tokens cascade with their account."""
        issue_token(self.account)
        self.account.delete()
        self.assertFalse(Token.objects.exists())


class MigrationTests(TestCase):
    def test_migrations_match_the_models(self):
        """The checked-in migrations describe the models exactly: makemigrations finds nothing."""
        output = StringIO()
        call_command("makemigrations", "--check", "--dry-run", stdout=output)
        self.assertIn("No changes detected", output.getvalue())
