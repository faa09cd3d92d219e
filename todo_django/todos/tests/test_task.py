from django.urls import reverse

from .helpers import ApiTestCase


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
