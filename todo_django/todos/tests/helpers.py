"""What most API tests need: an account, a token for it, and JSON requests."""

from django.conf import settings
from django.test import TestCase
from django.urls import reverse

from todos.auth import new_token
from todos.models import Account, Task

PASSWORD = "correct horse"


class ApiTestCase(TestCase):
    def create_account(self, username="ada", password=PASSWORD):
        return Account.objects.create_user(username, f"{username}@example.com", password)

    def create_task(self, account, **fields):
        return Task.objects.create(account=account, **{"name": "Buy milk", **fields})

    def token_for(self, account):
        secret, _ = new_token(account, settings.TOKEN_TTL_SECONDS)
        return secret

    def send(self, method, path, body=None, *, token=None, content_type="application/json"):
        """A request with a JSON body (dicts are encoded by the test client) and a bearer token."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        send = getattr(self.client, method.lower())
        if body is None:
            return send(path, headers=headers)
        return send(path, body, content_type=content_type, headers=headers)

    def get_account(self, token, username="ada"):
        """GET the account, to see whether a token still opens it."""
        return self.send("GET", reverse("todos:account", args=[username]), token=token)

    def assertProblem(self, response, status, title):
        self.assertEqual(response.status_code, status)
        self.assertEqual(response["Content-Type"], "application/problem+json")
        problem = response.json()
        self.assertEqual(problem["type"], "about:blank")
        self.assertEqual(problem["title"], title)
        self.assertEqual(problem["status"], status)
        self.assertIsInstance(problem["detail"], str)
        return problem

    def assertFieldErrors(self, response, fields):
        problem = self.assertProblem(response, 422, "Unprocessable Content")
        self.assertEqual(problem["detail"], "The request body has invalid fields.")
        self.assertEqual({error["field"] for error in problem["errors"]}, set(fields))
        return {error["field"]: error["message"] for error in problem["errors"]}
