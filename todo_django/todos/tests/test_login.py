from datetime import timedelta
from unittest import mock

from django.contrib.auth import authenticate
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from todos.auth import TokenRequiredMixin
from todos.models import Account, Token

from .helpers import PASSWORD, ApiTestCase, racing


class LoginViewTests(ApiTestCase):
    def setUp(self):
        self.account = self.create_account("ada")

    def login(self, username="ada", password=PASSWORD):
        body = {"username": username, "password": password}
        return self.send("POST", reverse("todos:login"), body)

    def test_issues_a_bearer_token(self):
        """Correct credentials give a Token resource whose token opens the account."""
        response = self.login()
        self.assertEqual(response.status_code, 200)
        token = response.json()
        self.assertEqual(set(token), {"token", "token_type", "expires_at", "username"})
        self.assertEqual(token["token_type"], "Bearer")
        self.assertEqual(token["username"], "ada")
        self.assertGreaterEqual(len(token["token"]), 43)  # 32 random bytes, base64url
        self.assertEqual(self.get_account(token["token"]).status_code, 200)

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
        self.assertEqual(unknown_user["detail"], "The username or password is incorrect.")
        self.assertEqual(response["WWW-Authenticate"], 'Bearer realm="api"')

    def test_username_is_case_sensitive(self):
        """ADA is not ada."""
        self.assertEqual(self.login(username="ADA").status_code, 401)

    def test_missing_fields_are_422(self):
        """username and password are both required."""
        response = self.send("POST", reverse("todos:login"), {})
        self.assertFieldErrors(response, ["username", "password"])

    def test_login_forgets_the_accounts_expired_tokens(self):
        """Expired tokens are deleted when the account logs in again; valid ones stay."""
        self.login()
        Token.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        valid = self.login().json()["token"]
        self.assertEqual(Token.objects.filter(account=self.account).count(), 1)
        self.assertEqual(self.get_account(valid).status_code, 200)

    def test_login_to_an_account_deleted_meanwhile_is_401(self):
        """Deleted by a racing request after the password was checked: the login answers as if
        it came after, and leaves no token behind."""

        def authenticate_then_race(request, **credentials):
            account = authenticate(request, **credentials)
            Account.objects.filter(pk=account.pk).delete()
            return account

        with mock.patch("todos.views.accounts.authenticate", authenticate_then_race):
            problem = self.assertProblem(self.login(), 401, "Unauthorized")
        self.assertEqual(problem["detail"], "The username or password is incorrect.")
        self.assertFalse(Token.objects.exists())


class LogoutViewTests(ApiTestCase):
    def setUp(self):
        self.account = self.create_account("ada")
        self.token = self.token_for(self.account)

    def logout(self, body=None, **options):
        return self.send("POST", reverse("todos:logout"), body, **options)

    def test_revokes_the_presented_token_at_once(self):
        """204 with no body, and the token no longer works."""
        response = self.logout(token=self.token)
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response.content, b"")
        self.assertEqual(self.get_account(self.token).status_code, 401)

    def test_other_tokens_stay_valid(self):
        """Logging out one session leaves the account's other tokens alone."""
        other = self.token_for(self.account)
        self.logout(token=self.token)
        self.assertEqual(self.get_account(other).status_code, 200)

    def test_needs_a_token(self):
        """Without a token: 401 with a Bearer challenge."""
        response = self.logout()
        self.assertProblem(response, 401, "Unauthorized")
        self.assertEqual(response["WWW-Authenticate"], 'Bearer realm="api"')

    def test_ignores_any_body(self):
        """Logout takes no body, so a non-JSON one is not a 415."""
        response = self.logout("bye", token=self.token, content_type="text/plain")
        self.assertEqual(response.status_code, 204)

    def test_logout_of_a_token_removed_meanwhile_is_401(self):
        """The token went with a racing logout (or account deletion) after it was checked:
        401, as if this logout came after."""
        race = racing(TokenRequiredMixin, "authorize", lambda view: view.token.delete())
        with race:
            self.assertProblem(self.logout(token=self.token), 401, "Unauthorized")
