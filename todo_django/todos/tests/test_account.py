from django.db import transaction
from django.urls import reverse

from todos.auth import TokenRequiredMixin
from todos.models import Account, Task, Token

from .helpers import PASSWORD, ApiTestCase, PostgresRaceTestCase, racing


class AccountViewTests(ApiTestCase):
    def setUp(self):
        self.account = self.create_account("ada")
        self.token = self.token_for(self.account)
        self.url = reverse("todos:account", args=["ada"])

    def test_get_returns_the_account_with_its_task_count(self):
        """GET shows the caller's own account, counting its tasks."""
        self.create_task(self.account)
        response = self.get_account(self.token)
        self.assertEqual(response.status_code, 200)
        account = response.json()
        self.assertEqual(account["email"], "ada@example.com")
        self.assertEqual(account["task_count"], 1)

    def test_other_accounts_are_403_whether_or_not_they_exist(self):
        """A valid token on another username is Forbidden, so accounts cannot be enumerated."""
        self.create_account("bob")
        for username in ("bob", "nobody"):
            response = self.get_account(self.token, username)
            problem = self.assertProblem(response, 403, "Forbidden")
            self.assertEqual(problem["detail"], "The token does not give access to this account.")

    def test_patch_changes_the_email(self):
        """PATCH with an email changes just that."""
        response = self.send("PATCH", self.url, {"email": "ada@lovelace.org"}, token=self.token)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["email"], "ada@lovelace.org")

    def test_empty_patch_changes_nothing(self):
        """PATCH {} returns the account unchanged."""
        response = self.send("PATCH", self.url, {}, token=self.token)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["email"], "ada@example.com")

    def test_password_change_revokes_every_other_token(self):
        """The token used stays valid; the account's other tokens stop working."""
        other = self.token_for(self.account)
        response = self.send("PATCH", self.url, {"password": "a new password"}, token=self.token)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.get_account(self.token).status_code, 200)
        self.assertEqual(self.get_account(other).status_code, 401)
        self.account.refresh_from_db()
        self.assertTrue(self.account.check_password("a new password"))
        self.assertFalse(self.account.check_password(PASSWORD))

    def test_username_is_read_only(self):
        """PATCH cannot rename an account: the username field is rejected by name."""
        response = self.send("PATCH", self.url, {"username": "bob"}, token=self.token)
        self.assertFieldErrors(response, ["username"])

    def test_delete_removes_the_account_its_tasks_and_tokens(self):
        """DELETE is 204, the username becomes free, and nothing of the account is left."""
        self.create_task(self.account)
        response = self.send("DELETE", self.url, token=self.token)
        self.assertEqual(response.status_code, 204)
        self.assertFalse(Account.objects.filter(username="ada").exists())
        self.assertFalse(Task.objects.exists())
        self.assertFalse(Token.objects.exists())
        self.assertEqual(self.get_account(self.token).status_code, 401)

    def test_put_is_405_with_allow(self):
        """The account takes GET, PATCH and DELETE (and HEAD with GET)."""
        response = self.send("PUT", self.url, {}, token=self.token)
        self.assertProblem(response, 405, "Method Not Allowed")
        self.assertEqual(response["Allow"], "GET, HEAD, PATCH, DELETE")


class AccountRaceTests(ApiTestCase):
    """Changes to an account a racing request deleted after the token was checked: 401, as if
    they came after the deletion (the token went with the account), never a 500."""

    def setUp(self):
        self.account = self.create_account("ada")
        self.token = self.token_for(self.account)
        self.url = reverse("todos:account", args=["ada"])

    def test_change_or_delete_of_an_account_deleted_meanwhile_is_401(self):
        for method, body in (("PATCH", {"email": "ada@lovelace.org"}), ("DELETE", None)):
            with (
                self.subTest(method=method),
                racing(TokenRequiredMixin, "authorize", lambda view: view.account.delete()),
            ):
                response = self.send(method, self.url, body, token=self.token)
            self.assertProblem(response, 401, "Unauthorized")
            self.assertFalse(Account.objects.exists())
            self.account = self.create_account("ada")
            self.token = self.token_for(self.account)


class AccountPostgresRaceTests(PostgresRaceTestCase):
    def test_delete_waiting_for_a_task_create_deletes_that_task_too(self):
        """A task is being created (its account row locked) when the DELETE comes: the DELETE
        waits, then deletes the account with the new task: 204 and nothing left, where it
        would miss the task and fail on the foreign key (500, the account kept)."""
        account = self.create_account("ada")
        token = self.token_for(account)
        with transaction.atomic():
            locked = Account.objects.select_for_update().get(pk=account.pk)
            self.create_task(locked)
            delete = self.start("DELETE", reverse("todos:account", args=["ada"]), token=token)
            self.wait_until_a_request_waits_for_a_lock()
        self.assertEqual(delete().status_code, 204)
        self.assertFalse(Account.objects.exists())
        self.assertFalse(Task.objects.exists())
