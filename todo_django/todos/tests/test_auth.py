from datetime import timedelta

from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from todos.auth import (
    MALFORMED_HEADER,
    MISSING_CREDENTIALS,
    REJECTED_CREDENTIALS,
    bearer_secret,
    new_token,
    presented_token,
)
from todos.models import Token

from .helpers import ApiTestCase


class BearerAuthenticationTests(ApiTestCase):
    """How the Authorization header decides who the caller is (todos/auth.py)."""

    def setUp(self):
        self.account = self.create_account("ada")
        self.token = self.token_for(self.account)

    def get_with(self, authorization):
        url = reverse("todos:account", args=["ada"])
        return self.client.get(url, headers={"Authorization": authorization})

    def test_scheme_is_case_insensitive(self):
        """bearer, Bearer and BEARER all work."""
        for scheme in ("bearer", "Bearer", "BEARER"):
            self.assertEqual(self.get_with(f"{scheme} {self.token}").status_code, 200)

    def test_unusable_headers_are_401_with_a_bearer_challenge_saying_why(self):
        """No header, another scheme, a missing, malformed or unknown token: 401 + challenge,
        and the contract's detail for each."""
        for authorization, detail in (
            (None, MISSING_CREDENTIALS),
            ("", MISSING_CREDENTIALS),
            (" \t", MISSING_CREDENTIALS),
            ("Bearer", MALFORMED_HEADER),
            ("Bearer ", MALFORMED_HEADER),
            (f"Basic {self.token}", MALFORMED_HEADER),
            (self.token, MALFORMED_HEADER),
            ("Bearer a b", MALFORMED_HEADER),
            ("Bearer nope", REJECTED_CREDENTIALS),
        ):
            with self.subTest(authorization=authorization):
                if authorization is None:
                    response = self.client.get(reverse("todos:account", args=["ada"]))
                else:
                    response = self.get_with(authorization)
                problem = self.assertProblem(response, 401, "Unauthorized")
                self.assertEqual(problem["detail"], detail)
                self.assertEqual(response["WWW-Authenticate"], 'Bearer realm="api"')

    def test_bearer_secret_reads_only_a_single_bearer_credential(self):
        """The credential of `Bearer <token>`; None for anything else."""
        self.assertEqual(bearer_secret(f"bEaReR {self.token}"), self.token)
        for authorization in (None, "", "Bearer", "Bearer  ", "Basic abc", "Bearer a b"):
            with self.subTest(authorization=authorization):
                self.assertIsNone(bearer_secret(authorization))

    def test_spaces_and_tabs_separate_the_scheme_and_surround_the_value(self):
        """One or more spaces or tabs after the scheme; whitespace around the value ignored."""
        for authorization in (
            f"Bearer\t{self.token}",
            f"bearer   {self.token}",
            f"Bearer \t {self.token}",
            f" \tBearer {self.token}\t ",
        ):
            with self.subTest(authorization=authorization):
                self.assertEqual(bearer_secret(authorization), self.token)
                self.assertEqual(self.get_with(authorization).status_code, 200)

    def test_several_credentials_or_headers_are_401(self):
        """Two Authorization headers reach Django joined by a comma (", " or ","), like two
        credentials in one header: neither is chosen."""
        for authorization in (
            f"Bearer {self.token}, Bearer {self.token}",
            f"Bearer {self.token},Bearer {self.token}",
            f"Bearer {self.token},",
            f"Bearer {self.token} {self.token}",
        ):
            with self.subTest(authorization=authorization):
                self.assertIsNone(bearer_secret(authorization))
                self.assertProblem(self.get_with(authorization), 401, "Unauthorized")

    def test_other_whitespace_does_not_separate(self):
        """A no-break space or a newline is not a separator: 401."""
        for separator in ("\u00a0", "\n", ""):
            with self.subTest(separator=separator):
                self.assertIsNone(bearer_secret(f"Bearer{separator}{self.token}"))

    def test_issued_token_is_found_by_its_digest(self):
        """The secret handed out authenticates; the stored row holds only its digest."""
        secret, token = new_token(self.account, ttl_seconds=60)
        self.assertNotIn(secret, token.digest)
        request = RequestFactory().get("/", headers={"Authorization": f"Bearer {secret}"})
        self.assertEqual(presented_token(request), token)

    def test_expired_token_is_401(self):
        """A token past its expires_at no longer works."""
        Token.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        self.assertEqual(self.get_with(f"Bearer {self.token}").status_code, 401)

    def test_token_of_a_deleted_account_is_401(self):
        """Deleting the account revokes its tokens."""
        self.account.delete()
        self.assertEqual(self.get_with(f"Bearer {self.token}").status_code, 401)

    def test_token_of_a_deactivated_account_is_401(self):
        """An account an admin has made inactive cannot be used, even with a live token."""
        self.account.is_active = False
        self.account.save()
        self.assertEqual(self.get_with(f"Bearer {self.token}").status_code, 401)
