"""POST /api/v1/accounts/login and POST /api/v1/accounts/logout."""

from datetime import UTC, datetime, timedelta

from .support import PASSWORD, ApiTestCase


class LoginTest(ApiTestCase):
    def login(self, username="ada", password=PASSWORD):
        body = {"username": username, "password": password}
        return self.request("POST", "/api/v1/accounts/login", body)

    def test_issues_a_bearer_token_that_expires_after_the_ttl(self):
        self.create_account("ada")
        response = self.login()
        self.assertEqual(response.code, 200)
        token = self.json(response)
        self.assertEqual(set(token), {"token", "token_type", "expires_at", "username"})
        self.assertEqual((token["token_type"], token["username"]), ("Bearer", "ada"))
        expires_at = datetime.strptime(token["expires_at"], "%Y-%m-%dT%H:%M:%SZ")
        expected = datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=3600)
        self.assertLess(abs((expires_at - expected).total_seconds()), 5)
        self.assertEqual(
            self.request("GET", "/api/v1/accounts/ada", token=token["token"]).code, 200
        )

    def test_every_login_issues_a_new_token(self):
        self.create_account("ada")
        self.assertNotEqual(self.json(self.login())["token"], self.json(self.login())["token"])

    def test_wrong_password_and_unknown_user_look_the_same(self):
        self.create_account("ada")
        wrong = self.assert_problem(self.login(password="wrong horse"), 401, "Unauthorized")
        unknown = self.assert_problem(self.login(username="nobody"), 401, "Unauthorized")
        self.assertEqual(wrong["detail"], unknown["detail"])

    def test_usernames_are_case_sensitive(self):
        self.create_account("ada")
        self.assertEqual(self.login(username="Ada").code, 401)

    def test_all_128_characters_of_a_password_count(self):
        first, second = "p" * 100 + "a" * 28, "p" * 100 + "b" * 28  # equal in the first 72 bytes
        body = {"username": "ada", "email": "ada@example.com", "password": first}
        self.assertEqual(self.request("POST", "/api/v1/accounts", body).code, 201)
        self.assertEqual(self.login(password=first).code, 200)
        self.assertEqual(self.login(password=second).code, 401)

    def test_missing_fields_are_422(self):
        problem = self.assert_problem(
            self.request("POST", "/api/v1/accounts/login", {}), 422, "Unprocessable Content"
        )
        self.assertEqual({error["field"] for error in problem["errors"]}, {"username", "password"})


class LogoutTest(ApiTestCase):
    def test_the_token_stops_working_at_once(self):
        token = self.create_account("ada")
        response = self.request("POST", "/api/v1/accounts/logout", token=token)
        self.assertEqual((response.code, response.body), (204, b""))
        response = self.request("GET", "/api/v1/accounts/ada", token=token)
        self.assert_problem(response, 401, "Unauthorized")

    def test_needs_a_token(self):
        response = self.request("POST", "/api/v1/accounts/logout")
        self.assert_problem(response, 401, "Unauthorized")
        self.assertTrue(response.headers["WWW-Authenticate"].startswith("Bearer"))

    def test_a_token_gone_with_its_account_meanwhile_is_401(self):
        token = self.create_account("ada")
        with self.deleted_after_authentication("ada"):
            response = self.request("POST", "/api/v1/accounts/logout", token=token)
        self.assert_problem(response, 401, "Unauthorized")
