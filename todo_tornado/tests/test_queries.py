"""How many SQL statements, and units of work, each task request costs: fixed, whatever the page
size.

Every statement the app's engine sends is recorded (SQLAlchemy's before_cursor_execute event),
BEGIN included: database.py issues it itself on SQLite, once per unit of work, so the BEGINs
count the trips to tornado-sqlalchemy's thread pool (BaseHandler.run_in_session) too. A new
statement or unit of work in one of these paths, or a query per listed task (N+1), fails here
before it shows in `make bench`.
"""

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from todo_tornado.models import Task

from .support import ApiTestCase

TASKS = "/api/v1/accounts/ada/tasks"
# prepare(): one unit of work that finds the caller, the account joined to its token.
AUTHENTICATE = ["BEGIN", "SELECT accounts"]


class QueryCountTest(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.create_account("ada")
        self.create_tasks("ada", 30)
        with Session(self.engine) as session:
            self.task_ids = session.scalars(select(Task.id).order_by(Task.id)).all()
        self.statements = []
        engine = self.app.settings["db"].engine
        event.listen(engine, "before_cursor_execute", self.record)
        self.addCleanup(event.remove, engine, "before_cursor_execute", self.record)

    def record(self, conn, cursor, statement, parameters, context, executemany):
        """Each statement shortened to its verb and first table."""
        words = statement.replace('"', "").split()
        if words[0] in ("SELECT", "DELETE"):
            words = [words[0], words[words.index("FROM") + 1]]
        elif words[0] in ("INSERT", "UPDATE"):
            words = [words[0], words[2 if words[0] == "INSERT" else 1]]
        self.statements.append(" ".join(words[:2]))

    def test_listing_a_page_costs_the_same_for_1_or_20_tasks(self):
        """Two units of work: the caller, then the total (a COUNT over the filtered query) and
        the page; none per task."""
        for limit in (1, 20):
            with self.subTest(limit=limit):
                self.statements.clear()
                response = self.request("GET", f"{TASKS}?limit={limit}", token=self.token)
                self.assertEqual(len(self.json(response)["tasks"]), limit)
                self.assertEqual(
                    self.statements,
                    [*AUTHENTICATE, "BEGIN", "SELECT (SELECT", "SELECT tasks"],
                )

    def test_a_page_past_the_end_skips_the_page_query(self):
        response = self.request("GET", f"{TASKS}?offset=30", token=self.token)
        self.assertEqual(self.json(response)["tasks"], [])
        self.assertEqual(self.statements, [*AUTHENTICATE, "BEGIN", "SELECT (SELECT"])

    def test_reading_a_task(self):
        response = self.request("GET", f"{TASKS}/{self.task_ids[0]}", token=self.token)
        self.assertEqual(self.json(response)["name"], "task 1")
        self.assertEqual(self.statements, [*AUTHENTICATE, "BEGIN", "SELECT tasks"])

    def test_creating_a_task(self):
        """A write unit of work: the account's row (locked on PostgreSQL), then the INSERT; the
        answer reads nothing back (expire_on_commit is off, database.py)."""
        response = self.request("POST", TASKS, {"name": "new"}, token=self.token)
        self.assertEqual(response.code, 201)
        self.assertEqual(
            self.statements, [*AUTHENTICATE, "BEGIN IMMEDIATE", "SELECT accounts", "INSERT tasks"]
        )

    def test_patching_a_task(self):
        """One write unit of work: the task, under a row lock on PostgreSQL (the contract's 404
        comes before anything about the body, which is read only once the task is found), then
        one UPDATE of the changed column. No second read."""
        path = f"{TASKS}/{self.task_ids[0]}"
        response = self.request("PATCH", path, {"completed": True}, token=self.token)
        self.assertIs(self.json(response)["completed"], True)
        self.assertEqual(
            self.statements, [*AUTHENTICATE, "BEGIN IMMEDIATE", "SELECT tasks", "UPDATE tasks"]
        )

    def test_deleting_a_task(self):
        """One DELETE whose row count tells a missing task (404): nothing is read first."""
        response = self.request("DELETE", f"{TASKS}/{self.task_ids[0]}", token=self.token)
        self.assertEqual(response.code, 204)
        self.assertEqual(self.statements, [*AUTHENTICATE, "BEGIN IMMEDIATE", "DELETE tasks"])
