from django.db import transaction
from django.urls import reverse

from todos.auth import TokenRequiredMixin
from todos.models import Account, Task

from .helpers import ApiTestCase, PostgresRaceTestCase, racing


class TaskListViewTests(ApiTestCase):
    def setUp(self):
        self.account = self.create_account("ada")
        self.token = self.token_for(self.account)
        self.url = reverse("todos:tasks", args=["ada"])

    def list(self, query=""):
        return self.send("GET", f"{self.url}{query}", token=self.token)

    def test_create_returns_the_task_and_its_location(self):
        """POST creates a task with the defaults: 201, the Task, Location = its url."""
        response = self.send("POST", self.url, {"name": "  Buy milk  "}, token=self.token)
        self.assertEqual(response.status_code, 201)
        task = response.json()
        self.assertEqual(
            set(task), {"id", "name", "note", "completed", "due_date", "creation_date", "url"}
        )
        self.assertEqual(task["name"], "Buy milk")  # stored trimmed
        self.assertEqual((task["note"], task["completed"], task["due_date"]), ("", False, None))
        path = reverse("todos:task", args=["ada", task["id"]])
        self.assertEqual(task["url"], f"http://testserver{path}")
        self.assertEqual(response["Location"], task["url"])

    def test_due_date_is_normalised_to_utc(self):
        """An offset date-time comes back in UTC, second precision, Z suffix."""
        body = {"name": "Buy milk", "due_date": "2026-11-22t18:00:00.75+01:00"}
        task = self.send("POST", self.url, body, token=self.token).json()
        self.assertEqual(task["due_date"], "2026-11-22T17:00:00Z")

    def test_invalid_fields_are_all_reported(self):
        """name, note, completed and due_date each get their own error; id is read-only."""
        body = {"name": " ", "note": None, "completed": "true", "due_date": "tomorrow", "id": 1}
        response = self.send("POST", self.url, body, token=self.token)
        self.assertFieldErrors(response, ["name", "note", "completed", "due_date", "id"])

    def test_years_before_1000_come_back_with_four_digits(self):
        """0099-01-01T01:00+02:00 is 0098-12-31T23:00Z, zero-padded, in the response."""
        body = {"name": "Buy milk", "due_date": "0099-01-01T01:00:00+02:00"}
        response = self.send("POST", self.url, body, token=self.token)
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["due_date"], "0098-12-31T23:00:00Z")
        self.assertEqual(self.list().json()["tasks"][0]["due_date"], "0098-12-31T23:00:00Z")

    def test_due_dates_outside_years_0001_to_9999_in_utc_are_422(self):
        for due_date in ("0000-06-01T00:00:00Z", "0001-01-01T00:30:00+01:00"):
            with self.subTest(due_date=due_date):
                body = {"name": "Buy milk", "due_date": due_date}
                response = self.send("POST", self.url, body, token=self.token)
                self.assertFieldErrors(response, ["due_date"])

    def test_nul_characters_are_refused(self):
        """U+0000 cannot be stored by every database, so name and note refuse it."""
        body = {"name": "nul\u0000byte", "note": "\u0000"}
        response = self.send("POST", self.url, body, token=self.token)
        messages = self.assertFieldErrors(response, ["name", "note"])
        self.assertEqual(set(messages.values()), {"Must not contain the character U+0000."})

    def test_list_is_ordered_by_id_with_total(self):
        """GET lists the caller's tasks by id, with the default page size."""
        ids = [self.create_task(self.account, name=f"task {n}").pk for n in range(3)]
        page = self.list().json()
        self.assertEqual([task["id"] for task in page["tasks"]], ids)
        self.assertEqual(
            (page["username"], page["total"], page["limit"], page["offset"]), ("ada", 3, 20, 0)
        )
        self.assertEqual((page["next"], page["previous"]), (None, None))

    def test_other_accounts_tasks_are_not_listed(self):
        """Each account sees only its own tasks."""
        self.create_task(self.create_account("bob"))
        self.assertEqual(self.list().json()["total"], 0)

    def test_completed_filter(self):
        """completed=true counts and lists only completed tasks."""
        self.create_task(self.account, completed=True)
        self.create_task(self.account)
        page = self.list("?completed=true").json()
        self.assertEqual(page["total"], 1)
        self.assertTrue(page["tasks"][0]["completed"])

    def test_pages_link_to_each_other(self):
        """next and previous keep the filter and the limit and move the offset."""
        for _ in range(5):
            self.create_task(self.account)
        page = self.list("?completed=false&limit=2&offset=1").json()
        self.assertEqual(len(page["tasks"]), 2)
        self.assertEqual(
            page["next"], f"http://testserver{self.url}?completed=false&limit=2&offset=3"
        )
        self.assertEqual(
            page["previous"], f"http://testserver{self.url}?completed=false&limit=2&offset=0"
        )

    def test_offset_past_the_end_is_an_empty_page(self):
        """A huge offset is not an error: no tasks, no next."""
        self.create_task(self.account)
        page = self.list("?offset=99999999999999999999").json()
        self.assertEqual((page["tasks"], page["total"], page["next"]), ([], 1, None))

    def test_bad_query_parameters_are_400(self):
        """limit 1..100, offset >= 0 and completed true/false, spelled exactly."""
        for query in ("limit=abc", "limit=0", "limit=101", "limit=", "offset=-1", "completed=True"):
            with self.subTest(query=query):
                self.assertProblem(self.list(f"?{query}"), 400, "Bad Request")

    def test_numbers_longer_than_4300_digits_are_400(self):
        """int() refuses them; the contract caps limit and offset at 4,300 digits."""
        for query in ("offset=" + "9" * 5000, "limit=" + "0" * 4300 + "5"):
            with self.subTest(query=query[:12]):
                self.assertEqual(self.list(f"?{query}").status_code, 400)

    def test_any_number_of_unknown_query_parameters_is_ignored(self):
        """1,500 unknown parameters (Django's default cap is 1,000) change nothing."""
        self.create_task(self.account)
        response = self.list("?" + "a=1&" * 1500 + "limit=5")
        self.assertEqual(response.status_code, 200)
        self.assertEqual((response.json()["total"], response.json()["limit"]), (1, 5))

    def test_a_parameter_given_twice_is_400(self):
        """limit=5&limit=6 is not limit=6."""
        problem = self.assertProblem(self.list("?limit=5&limit=6"), 400, "Bad Request")
        self.assertEqual(problem["detail"], "The query parameter limit must be given at most once.")

    def test_query_is_checked_after_ownership(self):
        """A bad query on someone else's list is still 403."""
        url = reverse("todos:tasks", args=["bob"])
        response = self.send("GET", f"{url}?limit=0", token=self.token)
        self.assertEqual(response.status_code, 403)


class TaskListRaceTests(ApiTestCase):
    def test_create_for_an_account_deleted_meanwhile_is_401_and_leaves_nothing(self):
        """The account is deleted by a racing request after the token was checked: the create
        answers as if it came after (the token went with the account), and adds no task."""
        account = self.create_account("ada")
        token = self.token_for(account)
        with racing(TokenRequiredMixin, "authorize", lambda view: view.account.delete()):
            response = self.send(
                "POST", reverse("todos:tasks", args=["ada"]), {"name": "x"}, token=token
            )
        self.assertProblem(response, 401, "Unauthorized")
        self.assertFalse(Task.objects.exists())
        self.assertFalse(Account.objects.exists())


class TaskListPostgresRaceTests(PostgresRaceTestCase):
    def test_create_waiting_for_the_accounts_delete_is_401(self):
        """The create waits for the DELETE's lock on the account; once it is committed there is
        no account to add a task to: 401, no task, no foreign key violation (500)."""
        account = self.create_account("ada")
        token = self.token_for(account)
        with transaction.atomic():
            Account.objects.filter(pk=account.pk).delete()
            create = self.start(
                "POST", reverse("todos:tasks", args=["ada"]), {"name": "x"}, token=token
            )
            self.wait_until_a_request_waits_for_a_lock()
        self.assertProblem(create(), 401, "Unauthorized")
        self.assertFalse(Task.objects.exists())
