"""GET and POST /api/v1/accounts/{username}/tasks."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from todo_tornado.models import Task

from .support import ApiTestCase, PostgresTestCase

TASKS = "/api/v1/accounts/ada/tasks"


class TaskListTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.create_account("ada")

    def test_creates_a_task_with_defaults_and_a_location(self):
        body = {"name": "  Buy milk  ", "due_date": "2026-11-22t18:00:00.123+01:00"}
        response = self.request("POST", TASKS, body, token=self.token)
        self.assertEqual(response.code, 201)
        task = self.json(response)
        self.assertEqual(response.headers["Location"], task["url"])
        self.assertEqual(task["url"], self.url(f"{TASKS}/{task['id']}"))
        self.assertEqual(
            (task["name"], task["note"], task["completed"], task["due_date"]),
            ("Buy milk", "", False, "2026-11-22T17:00:00Z"),
        )

    def test_bad_fields_are_422(self):
        body = {"name": "", "note": None, "completed": 1, "due_date": "2026-11-22", "url": "x"}
        problem = self.assert_problem(
            self.request("POST", TASKS, body, token=self.token), 422, "Unprocessable Content"
        )
        fields = [error["field"] for error in problem["errors"]]
        self.assertEqual(sorted(fields), ["completed", "due_date", "name", "note", "url"])

    def test_nul_characters_are_422(self):
        body = {"name": "nul\x00byte", "note": "nul\x00byte"}
        problem = self.assert_problem(
            self.request("POST", TASKS, body, token=self.token), 422, "Unprocessable Content"
        )
        self.assertEqual(sorted(error["field"] for error in problem["errors"]), ["name", "note"])

    def test_pages_with_absolute_next_and_previous_links(self):
        self.create_tasks("ada", 5)
        page = self.json(self.request("GET", f"{TASKS}?limit=2&offset=2", token=self.token))
        self.assertEqual([task["name"] for task in page["tasks"]], ["task 3", "task 4"])
        self.assertEqual((page["total"], page["limit"], page["offset"]), (5, 2, 2))
        self.assertEqual(page["next"], self.url(f"{TASKS}?limit=2&offset=4"))
        self.assertEqual(page["previous"], self.url(f"{TASKS}?limit=2&offset=0"))
        last = self.json(self.request("GET", f"{TASKS}?limit=2&offset=4", token=self.token))
        self.assertIsNone(last["next"])
        past = self.json(self.request("GET", f"{TASKS}?offset=99", token=self.token))
        self.assertEqual((past["tasks"], past["total"]), ([], 5))

    def test_filters_on_completed_and_keeps_the_filter_in_links(self):
        self.create_tasks("ada", 3, completed=True)
        self.create_tasks("ada", 2)
        page = self.json(self.request("GET", f"{TASKS}?completed=true&limit=1", token=self.token))
        self.assertEqual(page["total"], 3)
        self.assertEqual(page["next"], self.url(f"{TASKS}?completed=true&limit=1&offset=1"))
        page = self.json(self.request("GET", f"{TASKS}?completed=false", token=self.token))
        self.assertEqual(page["total"], 2)

    def test_malformed_query_parameters_are_400(self):
        for query in ("limit=abc", "limit=0", "limit=101", "limit=", "offset=-1", "completed=True"):
            response = self.request("GET", f"{TASKS}?{query}", token=self.token)
            self.assert_problem(response, 400, "Bad Request")

    def test_a_query_parameter_given_twice_is_400(self):
        for name, query in [
            ("completed", "completed=true&completed=true"),
            ("limit", "limit=5&limit=6"),
            ("offset", "offset=0&limit=5&offset=0"),
        ]:
            with self.subTest(query=query):
                response = self.request("GET", f"{TASKS}?{query}", token=self.token)
                problem = self.assert_problem(response, 400, "Bad Request")
                self.assertEqual(
                    problem["detail"], f"The query parameter {name} must be given at most once."
                )

    def test_any_number_of_unknown_query_parameters_is_ignored(self):
        query = "&".join(f"p{number}=x" for number in range(1500))  # Tornado stops at 1000
        response = self.request("GET", f"{TASKS}?{query}&limit=5", token=self.token)
        self.assertEqual((response.code, self.json(response)["limit"]), (200, 5))

    def test_numbers_too_long_for_int_are_400_not_500(self):
        for query in ("offset=" + "9" * 5000, "limit=" + "9" * 5000):
            with self.subTest(query=query[:10]):
                response = self.request("GET", f"{TASKS}?{query}", token=self.token)
                self.assert_problem(response, 400, "Bad Request")

    def test_due_dates_outside_years_1_to_9999_are_422(self):
        for due_date in (
            "0000-12-31T12:00:00Z",
            "0001-01-01T00:30:00+01:00",  # year 0 in UTC
            "9999-12-31T23:30:00-01:00",  # year 10000 in UTC
            "10000-01-01T00:00:00Z",
        ):
            with self.subTest(due_date=due_date):
                body = {"name": "far", "due_date": due_date}
                response = self.request("POST", TASKS, body, token=self.token)
                problem = self.assert_problem(response, 422, "Unprocessable Content")
                self.assertEqual(problem["errors"][0]["field"], "due_date")
        body = {"name": "near", "due_date": "0001-01-01T00:30:00-01:00"}
        task = self.json(self.request("POST", TASKS, body, token=self.token))
        self.assertEqual(task["due_date"], "0001-01-01T01:30:00Z")

    def test_authentication_comes_before_the_query_and_the_body(self):
        response = self.request("GET", f"{TASKS}?limit=abc")
        self.assert_problem(response, 401, "Unauthorized")
        response = self.request("POST", TASKS, raw=b"{", headers={"Content-Type": "text/plain"})
        self.assert_problem(response, 401, "Unauthorized")


class CreateRaceTest(ApiTestCase):
    """A task created for an account deleted since its token was checked: 401 (the token went
    with the account), never an IntegrityError's 500, and no task left behind."""

    def test_creating_a_task_for_an_account_deleted_meanwhile_is_401(self):
        token = self.create_account("ada")
        with self.deleted_after_authentication("ada"):
            response = self.request("POST", TASKS, {"name": "orphan"}, token=token)
        self.assert_problem(response, 401, "Unauthorized")
        with Session(self.engine) as session:
            self.assertEqual(session.scalar(select(func.count()).select_from(Task)), 0)


class PostgresCreateRaceTest(PostgresTestCase, CreateRaceTest):
    """The same race on PostgreSQL."""
