import json

from django.conf import global_settings
from django.test import override_settings
from django.urls import reverse

from todos.models import Account

from .helpers import ApiTestCase

NEW_ACCOUNT = {"username": "ada", "email": "ada@example.com", "password": "correct horse"}


class RegisterViewTests(ApiTestCase):
    def register(self, body, **options):
        return self.send("POST", reverse("todos:accounts"), body, **options)

    def test_register_returns_the_account_and_its_location(self):
        """POST /api/v1/accounts creates the account: 201, the Account, Location = its url."""
        response = self.register(NEW_ACCOUNT)
        self.assertEqual(response.status_code, 201)
        account = response.json()
        self.assertEqual(
            set(account), {"username", "email", "date_joined", "task_count", "url", "tasks_url"}
        )
        self.assertEqual(account["username"], "ada")
        self.assertEqual(account["task_count"], 0)
        self.assertEqual(
            account["url"], "http://testserver" + reverse("todos:account", args=["ada"])
        )
        self.assertEqual(
            account["tasks_url"], "http://testserver" + reverse("todos:tasks", args=["ada"])
        )
        self.assertRegex(account["date_joined"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(response["Location"], account["url"])

    def test_the_email_is_stored_as_sent(self):
        """No trimming of U+001D (Python's str.strip() would) and no lowercased domain."""
        email = "\u001dada@Example.COM"
        response = self.register({**NEW_ACCOUNT, "email": email})
        self.assertEqual(response.json()["email"], email)
        self.assertEqual(Account.objects.get(username="ada").email, email)

    def test_password_is_stored_hashed(self):
        """The password is kept only as a salted hash that checks out."""
        self.register(NEW_ACCOUNT)
        account = Account.objects.get(username="ada")
        self.assertNotIn("correct horse", account.password)
        self.assertTrue(account.check_password("correct horse"))

    def test_taken_username_is_409(self):
        """A second registration of a username is a Conflict."""
        self.create_account("ada")
        problem = self.assertProblem(self.register(NEW_ACCOUNT), 409, "Conflict")
        self.assertEqual(problem["detail"], "The username is already taken.")

    def test_usernames_are_case_sensitive(self):
        """Ada and ada are two different accounts."""
        self.create_account("Ada")
        response = self.register(NEW_ACCOUNT)
        self.assertEqual(response.status_code, 201)

    def test_missing_fields_are_all_reported(self):
        """An empty object lists every required field as required."""
        messages = self.assertFieldErrors(self.register({}), ["username", "email", "password"])
        self.assertEqual(set(messages.values()), {"This field is required."})

    def test_invalid_fields_are_all_reported(self):
        """Every bad field gets its own entry, unknown fields included."""
        body = {"username": "a!", "email": "no at sign", "password": "short", "admin": True}
        response = self.register(body)
        messages = self.assertFieldErrors(response, ["username", "email", "password", "admin"])
        self.assertEqual(messages["admin"], "This field is not allowed here.")

    def test_field_errors_come_before_conflict(self):
        """422 is decided before 409."""
        self.create_account("ada")
        response = self.register({**NEW_ACCOUNT, "email": "nope"})
        self.assertFieldErrors(response, ["email"])

    def test_body_must_be_declared_json(self):
        """Without Content-Type application/json the body is not read: 415."""
        response = self.register("username=ada", content_type="text/plain")
        self.assertProblem(response, 415, "Unsupported Media Type")

    def test_media_type_is_checked_before_syntax(self):
        """A body that is neither declared JSON nor valid JSON is 415, not 400."""
        response = self.register("{", content_type="text/plain")
        self.assertEqual(response.status_code, 415)

    def test_media_type_parameters_and_case_are_accepted(self):
        """Application/JSON; charset=utf-8 is still JSON."""
        body = json.dumps(NEW_ACCOUNT)  # the test client only encodes dicts for lowercase types
        response = self.register(body, content_type="Application/JSON; charset=utf-8")
        self.assertEqual(response.status_code, 201)

    def test_malformed_json_is_400(self):
        """A body that does not parse is a Bad Request."""
        response = self.register('{"username": ')
        problem = self.assertProblem(response, 400, "Bad Request")
        self.assertEqual(problem["detail"], "The request body is not valid UTF-8 JSON.")

    def test_json_that_is_not_an_object_is_400(self):
        """A JSON array is valid JSON but not an object: 400."""
        problem = self.assertProblem(self.register("[]"), 400, "Bad Request")
        self.assertEqual(problem["detail"], "The request body must be a JSON object.")

    def test_body_that_is_not_utf8_is_400(self):
        """Latin-1 bytes are not UTF-8 JSON."""
        response = self.register('{"username": "\xe9"}'.encode("latin-1"))
        self.assertProblem(response, 400, "Bad Request")

    def test_escaped_lone_surrogate_is_400(self):
        """An escaped lone surrogate (\\ud800) parses as JSON but is not Unicode text: 400."""
        body = '{"username": "ada", "email": "\\ud800@example.com", "password": "correct horse"}'
        self.assertProblem(self.register(body), 400, "Bad Request")

    def test_get_is_405_with_allow(self):
        """The collection only takes POST; OPTIONS is not special either."""
        for method in ("GET", "OPTIONS"):
            response = self.send(method, reverse("todos:accounts"))
            self.assertProblem(response, 405, "Method Not Allowed")
            self.assertEqual(response["Allow"], "POST")


@override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS)
class PasswordHashingTests(ApiTestCase):
    """With Django's default hasher (PBKDF2), every character of a long password counts."""

    def test_default_hasher_is_pbkdf2(self):
        """Outside the test settings, passwords are hashed with PBKDF2-SHA256."""
        self.send("POST", reverse("todos:accounts"), NEW_ACCOUNT)
        account = Account.objects.get(username="ada")
        self.assertTrue(account.password.startswith("pbkdf2_sha256$"))

    def test_characters_after_byte_72_count(self):
        """A 128-character password logs in; one differing only at its end does not."""
        password = "p" * 127 + "1"
        self.send("POST", reverse("todos:accounts"), {**NEW_ACCOUNT, "password": password})
        login = {"username": "ada", "password": password}
        self.assertEqual(self.send("POST", reverse("todos:login"), login).status_code, 200)
        login["password"] = "p" * 127 + "2"
        self.assertEqual(self.send("POST", reverse("todos:login"), login).status_code, 401)
