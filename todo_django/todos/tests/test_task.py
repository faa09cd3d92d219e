from django.db import transaction
from django.urls import reverse

from todos.models import Task
from todos.views.tasks import TaskView

from .helpers import ApiTestCase, PostgresRaceTestCase, racing


class TaskViewTests(ApiTestCase):
    def setUp(self):
        self.account = self.create_account("ada")
        self.token = self.token_for(self.account)
        self.task = self.create_task(
            self.account, note="2 litres", completed=True, due_date="2026-11-22T17:00:00Z"
        )
        self.url = reverse("todos:task", args=["ada", self.task.pk])

    def test_get_returns_the_task(self):
        """GET shows the task with its timestamps in the contract's format."""
        task = self.send("GET", self.url, token=self.token).json()
        self.assertEqual(task["id"], self.task.pk)
        self.assertEqual(task["due_date"], "2026-11-22T17:00:00Z")
        self.assertRegex(task["creation_date"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    def test_put_replaces_and_resets_omitted_fields(self):
        """PUT with only a name resets note, completed and due_date to their defaults."""
        response = self.send("PUT", self.url, {"name": "Buy bread"}, token=self.token)
        self.assertEqual(response.status_code, 200)
        task = response.json()
        self.assertEqual(
            (task["name"], task["note"], task["completed"], task["due_date"]),
            ("Buy bread", "", False, None),
        )

    def test_put_requires_a_name(self):
        """PUT is a full replacement, so name is required."""
        response = self.send("PUT", self.url, {"note": "x"}, token=self.token)
        self.assertEqual(
            self.assertFieldErrors(response, ["name"])["name"], "This field is required."
        )

    def test_patch_changes_only_what_is_given(self):
        """PATCH keeps the fields it is not given."""
        task = self.send("PATCH", self.url, {"completed": False}, token=self.token).json()
        self.assertEqual((task["completed"], task["note"]), (False, "2 litres"))

    def test_patch_rejects_read_only_fields(self):
        """id, url and creation_date cannot be written."""
        body = {"id": 7, "url": "x", "creation_date": "2026-01-01T00:00:00Z"}
        response = self.send("PATCH", self.url, body, token=self.token)
        self.assertFieldErrors(response, ["id", "url", "creation_date"])

    def test_delete_removes_the_task(self):
        """DELETE is 204, then the task is gone."""
        self.assertEqual(self.send("DELETE", self.url, token=self.token).status_code, 204)
        self.assertProblem(self.send("GET", self.url, token=self.token), 404, "Not Found")

    def test_ids_that_are_not_tasks_of_the_account_are_404(self):
        """Zero, too large for the database, or another account's task: 404, never 500."""
        other = self.create_task(self.create_account("bob"))
        for task_id in (0, 99999999999999999999, other.pk):
            with self.subTest(task_id=task_id):
                url = reverse("todos:task", args=["ada", task_id])
                problem = self.assertProblem(
                    self.send("GET", url, token=self.token), 404, "Not Found"
                )
                self.assertEqual(problem["detail"], "The task was not found.")

    def test_ids_written_with_leading_zeros_are_404_after_authentication(self):
        """0211 is not task 211: an id is written in canonical form. Without a token, 401."""
        tasks = reverse("todos:tasks", args=["ada"])
        for task_id in (f"0{self.task.pk}", f"00{self.task.pk}", "00"):
            with self.subTest(task_id=task_id):
                response = self.send("GET", f"{tasks}/{task_id}", token=self.token)
                problem = self.assertProblem(response, 404, "Not Found")
                self.assertEqual(problem["detail"], "The task was not found.")
                self.assertEqual(self.send("GET", f"{tasks}/{task_id}").status_code, 401)
                response = self.send("DELETE", f"{tasks}/{task_id}", token=self.token)
                self.assertEqual(response.status_code, 404)
        self.assertTrue(Task.objects.filter(pk=self.task.pk).exists())

    def test_ids_of_any_length_are_404_after_authentication(self):
        """20, 4301 or 10,000 digits name no task: 404 (int() alone refuses 4300+ digits)."""
        tasks = reverse("todos:tasks", args=["ada"])
        for digits in (20, 4301, 10000):
            with self.subTest(digits=digits):
                path = f"{tasks}/{'9' * digits}"
                problem = self.assertProblem(
                    self.send("PATCH", path, {"name": "x"}, token=self.token), 404, "Not Found"
                )
                self.assertEqual(problem["detail"], "The task was not found.")
                self.assertEqual(self.send("GET", path).status_code, 401)

    def test_ids_that_are_not_digits_are_unknown_paths(self):
        """abc, -1 or 1.5 is not a task id at all: 404 from routing, even without a token."""
        tasks = reverse("todos:tasks", args=["ada"])
        for task_id in ("abc", "-1", "1.5", "\u0661"):
            with self.subTest(task_id=task_id):
                response = self.send("GET", f"{tasks}/{task_id}")
                self.assertProblem(response, 404, "Not Found")

    def test_authentication_comes_before_the_task_lookup(self):
        """Without a token, even a missing task is 401; with another's token, 403."""
        missing = reverse("todos:task", args=["ada", 999])
        self.assertEqual(self.send("GET", missing).status_code, 401)
        bob = self.token_for(self.create_account("bob"))
        self.assertEqual(self.send("GET", self.url, token=bob).status_code, 403)

    def test_missing_task_comes_before_media_type(self):
        """PATCH of a missing task with a non-JSON body is 404, not 415."""
        missing = reverse("todos:task", args=["ada", 0])
        response = self.send("PATCH", missing, "x", token=self.token, content_type="text/plain")
        self.assertEqual(response.status_code, 404)

    def test_post_is_405_with_allow(self):
        """A task takes GET, PUT, PATCH and DELETE (and HEAD with GET)."""
        response = self.send("POST", self.url, {}, token=self.token)
        self.assertProblem(response, 405, "Method Not Allowed")
        self.assertEqual(response["Allow"], "GET, HEAD, PUT, PATCH, DELETE")


class TaskRaceTests(ApiTestCase):
    """A write whose task a racing DELETE removed after it was looked up: 404, where save()
    would have INSERTed it again and answered 200. (Here the DELETE runs in the view's own
    transaction, which the 404 rolls back; TaskPostgresRaceTests sees the task stay deleted.)"""

    def setUp(self):
        self.account = self.create_account("ada")
        self.token = self.token_for(self.account)
        self.task = self.create_task(self.account)
        self.url = reverse("todos:task", args=["ada", self.task.pk])

    def delete_the_task(self, view):
        Task.objects.filter(pk=self.task.pk).delete()

    def test_put_and_patch_of_a_task_deleted_meanwhile_are_404(self):
        for method, body in (("PUT", {"name": "Buy bread"}), ("PATCH", {"completed": True})):
            with self.subTest(method=method), racing(TaskView, "get_task", self.delete_the_task):
                response = self.send(method, self.url, body, token=self.token)
            problem = self.assertProblem(response, 404, "Not Found")
            self.assertEqual(problem["detail"], "The task was not found.")


class TaskPostgresRaceTests(PostgresRaceTestCase):
    """The same races on PostgreSQL, with a real DELETE in another transaction."""

    def setUp(self):
        self.account = self.create_account("ada")
        self.token = self.token_for(self.account)
        self.task = self.create_task(self.account)
        self.url = reverse("todos:task", args=["ada", self.task.pk])

    def test_a_write_waiting_for_a_delete_is_404_and_the_task_stays_deleted(self):
        """The PATCH reads the task, then waits for the DELETE's row lock: once the DELETE is
        committed, it updates nothing and is a 404."""
        for method, body in (("PATCH", {"completed": True}), ("PUT", {"name": "Buy bread"})):
            with self.subTest(method=method):
                with transaction.atomic():
                    Task.objects.filter(pk=self.task.pk).delete()
                    write = self.start(method, self.url, body, token=self.token)
                    self.wait_until_a_request_waits_for_a_lock()
                self.assertProblem(write(), 404, "Not Found")
                self.assertFalse(Task.objects.exists())
                self.task = self.create_task(self.account)
                self.url = reverse("todos:task", args=["ada", self.task.pk])

    def test_of_two_deletes_one_is_404(self):
        """A DELETE waiting for another finds nothing left to delete."""
        with transaction.atomic():
            Task.objects.filter(pk=self.task.pk).delete()
            delete = self.start("DELETE", self.url, token=self.token)
            self.wait_until_a_request_waits_for_a_lock()
        self.assertProblem(delete(), 404, "Not Found")
