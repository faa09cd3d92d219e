from .helpers import ApiTestCase


class LogoutViewTests(ApiTestCase):
    def setUp(self):
        self.account = self.create_account("ada")
        self.token = self.token_for(self.account)

    def test_revokes_the_presented_token_at_once(self):
        """204 with no body, and the token no longer works."""
        response = self.send("POST", "/api/v1/accounts/logout", token=self.token)
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response.content, b"")
        self.assertEqual(
            self.send("GET", "/api/v1/accounts/ada", token=self.token).status_code, 401
        )

    def test_other_tokens_stay_valid(self):
        """Logging out one session leaves the account's other tokens alone."""
        other = self.token_for(self.account)
        self.send("POST", "/api/v1/accounts/logout", token=self.token)
        self.assertEqual(self.send("GET", "/api/v1/accounts/ada", token=other).status_code, 200)

    def test_needs_a_token(self):
        """Without a token: 401 with a Bearer challenge."""
        response = self.send("POST", "/api/v1/accounts/logout")
        self.assertProblem(response, 401, "Unauthorized")
        self.assertTrue(response["WWW-Authenticate"].startswith("Bearer"))

    def test_ignores_any_body(self):
        """Logout takes no body, so a non-JSON one is not a 415."""
        response = self.send(
            "POST", "/api/v1/accounts/logout", "bye", token=self.token, content_type="text/plain"
        )
        self.assertEqual(response.status_code, 204)
