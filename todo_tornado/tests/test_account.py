"""GET, PATCH and DELETE /api/v1/accounts/{username}."""

from .support import PASSWORD, ApiTestCase, PostgresTestCase


class AccountDetailTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.create_account("ada")

    def test_shows_the_account_with_its_task_count(self):
        self.create_tasks("ada", 3)
        account = self.json(self.request("GET", "/api/v1/accounts/ada", token=self.token))
        self.assertEqual(account["task_count"], 3)
        self.assertEqual(account["url"], self.url("/api/v1/accounts/ada"))

    def test_patch_changes_the_email_and_nothing_else(self):
        response = self.request(
            "PATCH", "/api/v1/accounts/ada", {"email": "ada@lovelace.org"}, token=self.token
        )
        self.assertEqual(self.json(response)["email"], "ada@lovelace.org")
        response = self.request("PATCH", "/api/v1/accounts/ada", {}, token=self.token)
        self.assertEqual((response.code, self.json(response)["email"]), (200, "ada@lovelace.org"))

    def test_username_cannot_be_changed(self):
        response = self.request(
            "PATCH", "/api/v1/accounts/ada", {"username": "x"}, token=self.token
        )
        problem = self.assert_problem(response, 422, "Unprocessable Content")
        self.assertEqual(problem["errors"][0]["field"], "username")

    def test_a_new_password_revokes_the_other_tokens_only(self):
        login = {"username": "ada", "password": PASSWORD}
        other = self.json(self.request("POST", "/api/v1/accounts/login", login))["token"]
        body = {"password": "a brand new secret"}
        self.assertEqual(
            self.request("PATCH", "/api/v1/accounts/ada", body, token=self.token).code, 200
        )
        self.assertEqual(self.request("GET", "/api/v1/accounts/ada", token=self.token).code, 200)
        self.assertEqual(self.request("GET", "/api/v1/accounts/ada", token=other).code, 401)
        login["password"] = body["password"]
        self.assertEqual(self.request("POST", "/api/v1/accounts/login", login).code, 200)

    def test_delete_removes_the_account_its_tasks_and_tokens(self):
        self.create_tasks("ada", 2)
        response = self.request("DELETE", "/api/v1/accounts/ada", token=self.token)
        self.assertEqual((response.code, response.body), (204, b""))
        self.assertEqual(self.request("GET", "/api/v1/accounts/ada", token=self.token).code, 401)
        token = self.create_account("ada")  # the username is free again
        account = self.json(self.request("GET", "/api/v1/accounts/ada", token=token))
        self.assertEqual(account["task_count"], 0)


class AccountRaceTest(ApiTestCase):
    """Requests on an account deleted since prepare() checked the token answer as if they came
    after the DELETE: 401, since the token went with the account."""

    def setUp(self):
        super().setUp()
        self.token = self.create_account("ada")

    def test_changing_an_account_deleted_meanwhile_is_401(self):
        with self.deleted_after_authentication("ada"):
            response = self.request(
                "PATCH", "/api/v1/accounts/ada", {"email": "a@b.c"}, token=self.token
            )
        self.assert_problem(response, 401, "Unauthorized")

    def test_deleting_an_account_deleted_meanwhile_is_401(self):
        with self.deleted_after_authentication("ada"):
            response = self.request("DELETE", "/api/v1/accounts/ada", token=self.token)
        self.assert_problem(response, 401, "Unauthorized")


class PostgresAccountRaceTest(PostgresTestCase, AccountRaceTest):
    """The same races on PostgreSQL."""
