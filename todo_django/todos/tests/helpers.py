"""What most API tests need: an account, a token for it, JSON requests, and races."""

import threading
import time
from contextlib import contextmanager
from unittest import mock, skipUnless

from django.conf import settings
from django.db import connection, connections
from django.test import TestCase, TransactionTestCase
from django.urls import reverse

from todos.auth import new_token
from todos.models import Account, Task

PASSWORD = "correct horse"


class ApiTestMixin:
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


class ApiTestCase(ApiTestMixin, TestCase):
    """Each test in a transaction rolled back at its end."""


@contextmanager
def racing(view_class, method, race):
    """Run `race(view)`, what a racing request does, right after `view_class.method` returns:
    a race provoked at the same point every time, on any database."""
    original = getattr(view_class, method)

    def then_race(view, *args, **kwargs):
        result = original(view, *args, **kwargs)
        race(view)
        return result

    with mock.patch.object(view_class, method, then_race):
        yield


@skipUnless(connection.vendor == "postgresql", "row locks: run with a postgresql DATABASE_URL")
class PostgresRaceTestCase(ApiTestMixin, TransactionTestCase):
    """Real races on PostgreSQL: this test holds a row lock in an open transaction while a
    request runs in another thread (its own connection) until it waits for that lock."""

    def start(self, method, path, body=None, *, token=None):
        """Send the request in a thread; the returned function waits for its response."""
        result = {}

        def run():
            try:
                result["response"] = self.send(method, path, body, token=token)
            except Exception as error:  # raised again in the test's thread
                result["error"] = error
            finally:
                connections.close_all()  # this thread's connection

        thread = threading.Thread(target=run)
        thread.start()

        def response():
            thread.join(timeout=30)
            if "error" in result:
                raise result["error"]
            return result["response"]

        return response

    def wait_until_a_request_waits_for_a_lock(self):
        with connection.cursor() as cursor:
            for _ in range(300):
                # pg_stat_activity is read once per transaction unless its snapshot is cleared.
                cursor.execute("SELECT pg_stat_clear_snapshot()")
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                if cursor.fetchone()[0]:
                    return
                time.sleep(0.02)
        self.fail("The request never waited for the lock.")
