"""GET, PUT, PATCH and DELETE /api/v1/accounts/{username}/tasks/{id}."""

from unittest import mock

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from todo_tornado.handlers import tasks
from todo_tornado.handlers.tasks import find_task, update_task
from todo_tornado.models import Task

from .support import ApiTestCase, PostgresTestCase


class TaskDetailTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.create_account("ada")
        body = {"name": "Buy milk", "note": "2 litres", "completed": True, "due_date": None}
        self.task = self.json(
            self.request("POST", "/api/v1/accounts/ada/tasks", body, token=self.token)
        )
        self.path = f"/api/v1/accounts/ada/tasks/{self.task['id']}"

    def test_reads_the_task(self):
        self.assertEqual(self.json(self.request("GET", self.path, token=self.token)), self.task)

    def test_put_replaces_every_field(self):
        response = self.request("PUT", self.path, {"name": "Buy bread"}, token=self.token)
        task = self.json(response)
        self.assertEqual(
            (task["name"], task["note"], task["completed"], task["due_date"]),
            ("Buy bread", "", False, None),
        )
        self.assertEqual(task["creation_date"], self.task["creation_date"])

    def test_patch_changes_only_the_fields_given(self):
        body = {"due_date": "2026-12-01T10:00:00-02:30"}
        task = self.json(self.request("PATCH", self.path, body, token=self.token))
        self.assertEqual((task["note"], task["due_date"]), ("2 litres", "2026-12-01T12:30:00Z"))
        self.assertEqual(self.json(self.request("PATCH", self.path, {}, token=self.token)), task)

    def test_delete_then_404(self):
        response = self.request("DELETE", self.path, token=self.token)
        self.assertEqual((response.code, response.body), (204, b""))
        self.assert_problem(self.request("GET", self.path, token=self.token), 404, "Not Found")

    def test_ids_that_name_no_task_of_this_account_are_404(self):
        other = self.create_account("bob", "bob@example.com")
        for method in ("GET", "PATCH", "DELETE"):
            for task_id in ("abc", "99999999999999999999", "9" * 10000, "-1", "1.0"):
                with self.subTest(method=method, task_id=task_id[:20]):
                    response = self.request(
                        method, f"/api/v1/accounts/ada/tasks/{task_id}", token=self.token, body={}
                    )
                    self.assert_problem(response, 404, "Not Found")
        response = self.request("GET", self.path.replace("ada", "bob"), token=other)
        self.assert_problem(response, 404, "Not Found")

    def test_ids_are_canonical_so_leading_zeros_name_no_task(self):
        for task_id in (f"0{self.task['id']}", "00", "0"):
            with self.subTest(task_id=task_id):
                path = f"/api/v1/accounts/ada/tasks/{task_id}"
                self.assert_problem(self.request("GET", path, token=self.token), 404, "Not Found")
                self.assertEqual(self.request("GET", path).code, 401)  # after authentication

    def test_a_four_digit_year_comes_back_zero_padded(self):
        body = {"due_date": "0098-12-31T19:00:00Z"}
        task = self.json(self.request("PATCH", self.path, body, token=self.token))
        self.assertEqual(task["due_date"], "0098-12-31T19:00:00Z")
        self.assertEqual(self.json(self.request("GET", self.path, token=self.token)), task)

    def test_an_id_that_is_not_digits_is_an_unknown_path_even_without_a_token(self):
        response = self.request("GET", "/api/v1/accounts/ada/tasks/abc")
        self.assert_problem(response, 404, "Not Found")
        self.assertEqual(self.request("GET", "/api/v1/accounts/ada/tasks/42").code, 401)

    def test_a_missing_task_is_404_before_the_body_is_looked_at(self):
        for headers in (
            {"Content-Type": "text/plain"},
            {"Content-Type": "application/json; charset=latin-1"},
            {"Content-Type": "application/json", "Content-Encoding": "gzip"},
        ):
            with self.subTest(headers=headers):
                missing = "/api/v1/accounts/ada/tasks/999"
                response = self.request("PUT", missing, raw=b"{", token=self.token, headers=headers)
                self.assert_problem(response, 404, "Not Found")
                response = self.request(
                    "PUT", self.path, raw=b"{", token=self.token, headers=headers
                )
                self.assert_problem(response, 415, "Unsupported Media Type")

    def test_allow_lists_the_methods_of_the_path(self):
        response = self.request("POST", self.path, {}, token=self.token)
        self.assert_problem(response, 405, "Method Not Allowed")
        self.assertEqual(response.headers["Allow"], "GET, HEAD, PUT, PATCH, DELETE")


class TaskRaceTest(ApiTestCase):
    """A write whose task is deleted between the lookup (the 404 before the body) and the write
    answers as if it came after the DELETE: 404, and the task stays deleted."""

    def setUp(self):
        super().setUp()
        self.token = self.create_account("ada")
        self.create_tasks("ada", 2)
        with Session(self.engine) as session:
            self.task_ids = session.scalars(select(Task.id).order_by(Task.id)).all()

    def find_then_delete(self, session, account_id, task_id, for_update=False):
        task = find_task(session, account_id, task_id, for_update)
        if not for_update:  # the lookup; a racing DELETE commits before the write begins
            with self.app.settings["db"].engine.begin() as connection:
                connection.execute(delete(Task).where(Task.id == task_id))
        return task

    def test_put_and_patch_on_a_task_deleted_meanwhile_are_404(self):
        writes = [("PATCH", {"completed": True}), ("PUT", {"name": "again"})]
        for (method, body), task_id in zip(writes, self.task_ids, strict=True):
            with self.subTest(method=method):
                path = f"/api/v1/accounts/ada/tasks/{task_id}"
                with mock.patch.object(tasks, "find_task", self.find_then_delete):
                    response = self.request(method, path, body, token=self.token)
                self.assert_problem(response, 404, "Not Found")
                self.assertEqual(self.request("GET", path, token=self.token).code, 404)

    def test_update_task_on_a_vanished_row_changes_nothing(self):
        with Session(self.engine) as session:
            session.execute(delete(Task))
            session.commit()
            self.assertIsNone(update_task(session, 1, self.task_ids[0], {"name": "x"}))
            self.assertEqual(session.query(Task).count(), 0)


class PostgresTaskRaceTest(PostgresTestCase, TaskRaceTest):
    """The same races on PostgreSQL (row locks instead of SQLite's one writer)."""
