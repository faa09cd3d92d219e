"""How many SQL statements each task request issues: fixed, whatever the page size.

assertNumQueries counts every statement Django sends, the SAVEPOINT and RELEASE of a view's
transaction.atomic() included (TestCase runs each test inside a transaction of its own). A new
statement in one of these paths, or one per listed task (N+1), fails here before it shows in
`make bench`.
"""

from django.urls import reverse

from .helpers import ApiTestCase

# The bearer token and its account, in one SELECT with a join (auth.presented_token).
AUTHENTICATE = 1


class QueryCountTests(ApiTestCase):
    def setUp(self):
        self.account = self.create_account("ada")
        self.token = self.token_for(self.account)
        self.tasks = [self.create_task(self.account, name=f"task {n}") for n in range(30)]
        self.list_url = reverse("todos:tasks", args=["ada"])
        self.task_url = reverse("todos:task", args=["ada", self.tasks[0].pk])

    def test_listing_a_page_costs_the_same_for_1_or_20_tasks(self):
        """The token, the COUNT, the page: no query per task (each task's URL needs the
        account's username, which the related manager has already set on every task)."""
        for limit in (1, 20):
            with self.subTest(limit=limit), self.assertNumQueries(AUTHENTICATE + 2):
                response = self.send("GET", f"{self.list_url}?limit={limit}", token=self.token)
            self.assertEqual(len(response.json()["tasks"]), limit)

    def test_a_page_past_the_end_skips_the_page_query(self):
        with self.assertNumQueries(AUTHENTICATE + 1):
            response = self.send("GET", f"{self.list_url}?offset=30", token=self.token)
        self.assertEqual(response.json()["tasks"], [])

    def test_reading_a_task(self):
        with self.assertNumQueries(AUTHENTICATE + 1):
            response = self.send("GET", self.task_url, token=self.token)
        self.assertEqual(response.json()["name"], "task 0")

    def test_creating_a_task(self):
        """SAVEPOINT, the account's row lock (auth.lock_account), INSERT, RELEASE."""
        with self.assertNumQueries(AUTHENTICATE + 4):
            response = self.send("POST", self.list_url, {"name": "new"}, token=self.token)
        self.assertEqual(response.status_code, 201)

    def test_patching_a_task(self):
        """SAVEPOINT, the task, one UPDATE of the changed fields, RELEASE: no re-read."""
        with self.assertNumQueries(AUTHENTICATE + 4):
            response = self.send("PATCH", self.task_url, {"completed": True}, token=self.token)
        self.assertIs(response.json()["completed"], True)

    def test_deleting_a_task(self):
        """One DELETE: the queryset's delete() reads nothing first, since no signal or cascade
        waits for a task (Django's "fast delete"); its row count tells a missing task (404)."""
        with self.assertNumQueries(AUTHENTICATE + 1):
            response = self.send("DELETE", self.task_url, token=self.token)
        self.assertEqual(response.status_code, 204)
