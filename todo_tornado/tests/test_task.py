"""GET, PUT, PATCH and DELETE /api/v1/accounts/{username}/tasks/{id}."""

import threading
import time
from unittest import mock

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from todo_tornado.errors import Problem
from todo_tornado.handlers.tasks import update_task
from todo_tornado.models import Task

from .support import ApiTestCase, PostgresTestCase

# The contract's details for a task that is not there and for a path no route matches.
TASK_NOT_FOUND = "The task was not found."
NOTHING_HERE = "There is nothing at this path."


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
        problem = self.assert_problem(
            self.request("GET", self.path, token=self.token), 404, "Not Found"
        )
        self.assertEqual(problem["detail"], TASK_NOT_FOUND)

    def test_ids_that_name_no_task_of_this_account_are_404(self):
        other = self.create_account("bob", "bob@example.com")
        for method in ("GET", "PATCH", "DELETE"):
            for task_id, detail in (
                ("abc", NOTHING_HERE),  # not digits: no route matches
                ("99999999999999999999", TASK_NOT_FOUND),
                ("9" * 10000, TASK_NOT_FOUND),
                ("-1", NOTHING_HERE),
                ("1.0", NOTHING_HERE),
            ):
                with self.subTest(method=method, task_id=task_id[:20]):
                    response = self.request(
                        method, f"/api/v1/accounts/ada/tasks/{task_id}", token=self.token, body={}
                    )
                    problem = self.assert_problem(response, 404, "Not Found")
                    self.assertEqual(problem["detail"], detail)
        response = self.request("GET", self.path.replace("ada", "bob"), token=other)
        problem = self.assert_problem(response, 404, "Not Found")
        self.assertEqual(problem["detail"], TASK_NOT_FOUND)

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


class TaskRaceTest(PostgresTestCase):
    """PUT and PATCH read the task under a row lock in the transaction that writes it, so a
    racing DELETE cannot slip in between: it commits first (404) or waits (PostgreSQL; on SQLite
    BEGIN IMMEDIATE makes the two take turns)."""

    def setUp(self):
        super().setUp()
        self.token = self.create_account("ada")
        self.create_tasks("ada", 2)
        with Session(self.engine) as session:
            self.task_ids = session.scalars(select(Task.id).order_by(Task.id)).all()

    def test_a_write_waiting_for_a_task_that_is_deleted_is_404(self):
        writes = [("PATCH", {"completed": True}), ("PUT", {"name": "again"})]
        for (method, body), task_id in zip(writes, self.task_ids, strict=True):
            with self.subTest(method=method), self.engine.connect() as racing:
                # A racing DELETE holds the task's row lock until it commits.
                racing.execute(delete(Task).where(Task.id == task_id))
                committer = threading.Thread(target=self.commit_once_waited_for, args=[racing])
                committer.start()
                path = f"/api/v1/accounts/ada/tasks/{task_id}"
                response = self.request(method, path, body, token=self.token)
                committer.join()
                self.assert_problem(response, 404, "Not Found")
                self.assertEqual(self.request("GET", path, token=self.token).code, 404)

    def commit_once_waited_for(self, racing):
        """Commit `racing` as soon as another session waits for one of its locks."""
        waiting = text(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        with self.engine.connect() as observer:
            for _ in range(500):
                if observer.execute(waiting).scalar():
                    break
                observer.rollback()  # a fresh snapshot of pg_stat_activity next time
                time.sleep(0.01)
        racing.commit()


class UpdateTaskTest(ApiTestCase):
    def test_a_vanished_task_is_404_and_the_body_is_not_read(self):
        self.create_account("ada")
        with Session(self.engine) as session:
            read_values = mock.Mock(return_value={"name": "x"})
            with self.assertRaises(Problem) as raised:
                update_task(session, 1, 12345, read_values)
            self.assertEqual(raised.exception.status_code, 404)
            read_values.assert_not_called()
