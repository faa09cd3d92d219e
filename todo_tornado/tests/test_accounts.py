"""POST /api/v1/accounts: registration."""

from .support import ApiTestCase

ADA = {"username": "ada", "email": "ada@example.com", "password": "correct horse"}


class RegisterTest(ApiTestCase):
    def test_creates_the_account(self):
        response = self.request("POST", "/api/v1/accounts", ADA)
        self.assertEqual(response.code, 201)
        self.assertEqual(response.headers["Location"], self.url("/api/v1/accounts/ada"))
        account = self.json(response)
        self.assertEqual(
            set(account), {"username", "email", "date_joined", "task_count", "url", "tasks_url"}
        )
        self.assertEqual(account["tasks_url"], self.url("/api/v1/accounts/ada/tasks"))
        self.assertRegex(account["date_joined"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    def test_taken_username_is_409(self):
        self.create_account("ada")
        response = self.request("POST", "/api/v1/accounts", ADA)
        self.assert_problem(response, 409, "Conflict")

    def test_every_bad_field_is_reported_at_once(self):
        body = {"username": "a!", "email": "no at sign", "id": 7}
        problem = self.assert_problem(
            self.request("POST", "/api/v1/accounts", body), 422, "Unprocessable Content"
        )
        fields = {error["field"]: error["message"] for error in problem["errors"]}
        self.assertEqual(set(fields), {"username", "email", "id", "password"})
        self.assertEqual(fields["password"], "This field is required.")

    def test_password_length_counts_characters(self):
        body = {**ADA, "password": "é" * 128}
        self.assertEqual(self.request("POST", "/api/v1/accounts", body).code, 201)
        body = {**ADA, "username": "bob", "password": "x" * 129}
        self.assertEqual(self.request("POST", "/api/v1/accounts", body).code, 422)

    def test_body_must_be_json(self):
        headers = {"Content-Type": "text/plain"}
        response = self.request("POST", "/api/v1/accounts", raw=b"{}", headers=headers)
        self.assert_problem(response, 415, "Unsupported Media Type")
        response = self.request("POST", "/api/v1/accounts", raw=b"{}")  # no Content-Type at all
        self.assert_problem(response, 415, "Unsupported Media Type")

    def test_malformed_json_and_non_objects_are_400(self):
        headers = {"Content-Type": "application/json; charset=UTF-8"}
        for raw in (b"{", b"[]", b"\xff{}", b'{"a": NaN}', b"[" * 50000, b'{"name": "\\ud800"}'):
            response = self.request("POST", "/api/v1/accounts", raw=raw, headers=headers)
            self.assert_problem(response, 400, "Bad Request")

    def test_a_repeated_member_name_is_400_whichever_value_would_win(self):
        raw = b'{"username": "ada", "email": "ada@example.com", "password": "correct horse", '
        raw += b'"username": "bob"}'
        response = self.request(
            "POST", "/api/v1/accounts", raw=raw, headers={"Content-Type": "application/json"}
        )
        problem = self.assert_problem(response, 400, "Bad Request")
        self.assertEqual(problem["detail"], "The request body repeats a member name.")

    def test_body_over_64_kib_is_413(self):
        body = {**ADA, "email": "a@" + "b" * 65536}
        response = self.request("POST", "/api/v1/accounts", body)
        self.assert_problem(response, 413, "Content Too Large")
