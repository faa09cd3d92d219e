"""The bearer token: who the caller is (401), and whose account a path names (403)."""

import time
import unittest

from tornado.httputil import HTTPHeaders

from todo_tornado.auth import (
    MALFORMED_HEADER,
    MISSING_CREDENTIALS,
    REJECTED_CREDENTIALS,
    bearer_secret,
)

from .support import ApiTestCase

MALFORMED_MULTIPART = b"--xyz\r\nno headers, no final boundary"
# The contract's 403 detail and every 401's challenge, the same in every implementation.
NOT_YOURS = "The token does not give access to this account."
CHALLENGE = 'Bearer realm="api"'


class BearerSecretTest(unittest.TestCase):
    def test_reads_the_credential_of_a_bearer_header(self):
        self.assertEqual(bearer_secret("Bearer abc-_.~+/="), "abc-_.~+/=")
        self.assertEqual(bearer_secret("bEaReR abc"), "abc")
        self.assertEqual(bearer_secret(" \tBearer \t  abc\t "), "abc")
        for header in (None, "", "Basic abc", "Bearer", "Bearer a b", "Bearerabc", "Bearer a,b"):
            with self.subTest(header=header):
                self.assertIsNone(bearer_secret(header))


class AuthenticationTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.create_account("ada")

    def test_someone_elses_account_is_403_whether_it_exists_or_not(self):
        self.create_account("bob", "bob@example.com")
        for username in ("bob", "nobody"):
            response = self.request("GET", f"/api/v1/accounts/{username}", token=self.token)
            problem = self.assert_problem(response, 403, "Forbidden")
            self.assertEqual(problem["detail"], NOT_YOURS)

    def test_bad_authorization_headers_are_401_saying_why(self):
        for header, detail in (
            (None, MISSING_CREDENTIALS),
            ("", MISSING_CREDENTIALS),
            ("Basic abc", MALFORMED_HEADER),
            (f"Bearer{self.token}", MALFORMED_HEADER),
            (self.token, MALFORMED_HEADER),
            ("Bearer", MALFORMED_HEADER),
            ("Bearer a b", MALFORMED_HEADER),
            ("Bearer not-a-token", REJECTED_CREDENTIALS),
        ):
            with self.subTest(header=header):
                headers = {} if header is None else {"Authorization": header}
                response = self.request("GET", "/api/v1/accounts/ada", headers=headers)
                problem = self.assert_problem(response, 401, "Unauthorized")
                self.assertEqual(problem["detail"], detail)
                self.assertEqual(response.headers["WWW-Authenticate"], CHALLENGE)
        response = self.request(
            "GET", "/api/v1/accounts/ada", headers={"Authorization": f"bEaReR {self.token}"}
        )
        self.assertEqual(response.code, 200)

    def test_spaces_and_tabs_around_and_between_are_fine(self):
        for header in (
            f"Bearer\t{self.token}",
            f"bearer  \t {self.token}",
            f"BEARER {self.token}",
        ):
            with self.subTest(header=header):
                response = self.request(
                    "GET", "/api/v1/accounts/ada", headers={"Authorization": header}
                )
                self.assertEqual(response.code, 200)

    def test_several_authorization_headers_or_credentials_are_401(self):
        twice = HTTPHeaders()
        twice.add("Authorization", f"Bearer {self.token}")
        twice.add("Authorization", f"Bearer {self.token}")
        several = {"Authorization": f"Bearer {self.token}, Bearer {self.token}"}
        for headers in (twice, several):
            response = self.request("GET", "/api/v1/accounts/ada", headers=headers)
            problem = self.assert_problem(response, 401, "Unauthorized")
            self.assertEqual(problem["detail"], MALFORMED_HEADER)

    def test_a_malformed_multipart_body_without_a_token_is_401(self):
        # Tornado would parse a form body before prepare() and answer 400; the contract asks 401.
        headers = {"Content-Type": "multipart/form-data; boundary=xyz"}
        for path in ("/api/v1/accounts/ada/tasks", "/api/v1/accounts/logout"):
            with self.subTest(path=path):
                response = self.request("POST", path, headers=headers, raw=MALFORMED_MULTIPART)
                self.assert_problem(response, 401, "Unauthorized")

    def test_a_malformed_multipart_body_with_a_token_is_415(self):
        headers = {
            "Content-Type": "multipart/form-data; boundary=xyz",
            "Authorization": f"Bearer {self.token}",
        }
        response = self.request(
            "POST", "/api/v1/accounts/ada/tasks", headers=headers, raw=MALFORMED_MULTIPART
        )
        self.assert_problem(response, 415, "Unsupported Media Type")


class ExpiredTokenTest(ApiTestCase):
    token_ttl_seconds = 1

    def test_an_expired_token_is_401(self):
        token = self.create_account("ada")
        time.sleep(1.1)
        response = self.request("GET", "/api/v1/accounts/ada", token=token)
        self.assert_problem(response, 401, "Unauthorized")
