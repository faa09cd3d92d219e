from datetime import timedelta

from django.utils import timezone

from todos.models import Token

from .helpers import ApiTestCase


class BearerAuthenticationTests(ApiTestCase):
    """How the Authorization header decides who the caller is (todos/auth.py)."""

    def setUp(self):
        self.account = self.create_account("ada")
        self.token = self.token_for(self.account)

    def get_account(self, authorization):
        return self.client.get("/api/v1/accounts/ada", headers={"Authorization": authorization})

    def test_scheme_is_case_insensitive(self):
        """bearer, Bearer and BEARER all work."""
        for scheme in ("bearer", "Bearer", "BEARER"):
            self.assertEqual(self.get_account(f"{scheme} {self.token}").status_code, 200)

    def test_unusable_headers_are_401_with_a_bearer_challenge(self):
        """No header, another scheme, a missing, malformed or unknown token: 401 + challenge."""
        for authorization in (
            "",
            "Bearer",
            "Bearer ",
            f"Basic {self.token}",
            "Bearer a b",
            "Bearer nope",
        ):
            response = self.get_account(authorization)
            self.assertProblem(response, 401, "Unauthorized")
            self.assertTrue(response["WWW-Authenticate"].startswith("Bearer"))

    def test_expired_token_is_401(self):
        """A token past its expires_at no longer works."""
        Token.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        self.assertEqual(self.get_account(f"Bearer {self.token}").status_code, 401)

    def test_token_of_a_deleted_account_is_401(self):
        """Deleting the account revokes its tokens."""
        self.account.delete()
        self.assertEqual(self.get_account(f"Bearer {self.token}").status_code, 401)
