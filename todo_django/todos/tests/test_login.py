from datetime import timedelta

from django.test import override_settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from todos.models import Token

from .helpers import PASSWORD, ApiTestCase


class LoginViewTests(ApiTestCase):
    def setUp(self):
        self.account = self.create_account("ada")

    def login(self, username="ada", password=PASSWORD):
        return self.send(
            "POST", "/api/v1/accounts/login", {"username": username, "password": password}
        )

    def test_issues_a_bearer_token(self):
        """Correct credentials give a Token resource whose token opens the account."""
        response = self.login()
        self.assertEqual(response.status_code, 200)
        token = response.json()
        self.assertEqual(set(token), {"token", "token_type", "expires_at", "username"})
        self.assertEqual(token["token_type"], "Bearer")
        self.assertEqual(token["username"], "ada")
        self.assertGreaterEqual(len(token["token"]), 43)  # 32 random bytes, base64url
        account = self.send("GET", "/api/v1/accounts/ada", token=token["token"])
        self.assertEqual(account.status_code, 200)

    def test_stores_only_the_digest(self):
        """The database holds the token's SHA-256 digest, never the token itself."""
        secret = self.login().json()["token"]
        stored = Token.objects.get(account=self.account)
        self.assertNotEqual(stored.digest, secret)
        self.assertEqual(len(stored.digest), 64)

    @override_settings(TOKEN_TTL_SECONDS=60)
    def test_expiry_follows_the_configured_lifetime(self):
        """expires_at is TOKEN_TTL_SECONDS after the login."""
        expires_at = parse_datetime(self.login().json()["expires_at"])
        self.assertAlmostEqual(
            expires_at, timezone.now() + timedelta(seconds=60), delta=timedelta(seconds=5)
        )

    def test_every_login_issues_a_new_token(self):
        """Two logins, two different tokens, both valid."""
        first, second = self.login().json()["token"], self.login().json()["token"]
        self.assertNotEqual(first, second)
        self.assertEqual(Token.objects.filter(account=self.account).count(), 2)

    def test_wrong_password_and_unknown_user_look_the_same(self):
        """Both are 401 with the same detail, so usernames cannot be probed."""
        wrong_password = self.assertProblem(
            self.login(password="wrong password"), 401, "Unauthorized"
        )
        response = self.login(username="nobody")
        unknown_user = self.assertProblem(response, 401, "Unauthorized")
        self.assertEqual(wrong_password["detail"], unknown_user["detail"])
        self.assertTrue(response["WWW-Authenticate"].startswith("Bearer"))

    def test_username_is_case_sensitive(self):
        """ADA is not ada."""
        self.assertEqual(self.login(username="ADA").status_code, 401)

    def test_missing_fields_are_422(self):
        """username and password are both required."""
        response = self.send("POST", "/api/v1/accounts/login", {})
        self.assertFieldErrors(response, ["username", "password"])

    def test_login_forgets_the_accounts_expired_tokens(self):
        """Expired tokens are deleted when the account logs in again; valid ones stay."""
        self.login()
        Token.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        valid = self.login().json()["token"]
        self.assertEqual(Token.objects.filter(account=self.account).count(), 1)
        self.assertEqual(self.send("GET", "/api/v1/accounts/ada", token=valid).status_code, 200)
