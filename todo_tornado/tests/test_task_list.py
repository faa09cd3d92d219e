"""GET and POST /api/v1/accounts/{username}/tasks."""

from .support import ApiTestCase

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

    def test_authentication_comes_before_the_query_and_the_body(self):
        response = self.request("GET", f"{TASKS}?limit=abc")
        self.assert_problem(response, 401, "Unauthorized")
        response = self.request("POST", TASKS, raw=b"{", headers={"Content-Type": "text/plain"})
        self.assert_problem(response, 401, "Unauthorized")
