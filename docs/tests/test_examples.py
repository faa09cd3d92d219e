"""The guide's example files run and answer as the pages say (docs/examples/)."""

import importlib.util
import json
import tempfile
import threading
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session
from tornado.testing import AsyncHTTPTestCase

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def load_example(name):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tornado_2018 = load_example("tornado_2018")


class Tornado2018Test(AsyncHTTPTestCase):
    """The 2018 form: a @gen.coroutine handler that yields as_future(query)."""

    def get_app(self):
        self.folder = tempfile.TemporaryDirectory()
        app = tornado_2018.make_app(f"sqlite:///{self.folder.name}/tasks.sqlite3")
        self.engine = app.settings["db"].engine
        with Session(self.engine) as session:
            session.add(tornado_2018.Task(name="Buy milk"))
            session.commit()
        return app

    def tearDown(self):
        super().tearDown()
        self.engine.dispose()
        self.folder.cleanup()

    def test_the_handler_answers_the_task(self):
        response = self.fetch("/tasks/1")
        self.assertEqual(response.code, 200)
        self.assertEqual(json.loads(response.body), {"id": 1, "name": "Buy milk"})

    def test_an_unknown_task_is_404(self):
        self.assertEqual(self.fetch("/tasks/2").code, 404)

    def test_the_query_runs_on_a_worker_thread_and_the_commit_on_the_ioloop(self):
        threads = {}

        @event.listens_for(self.engine, "before_cursor_execute")
        def on_execute(conn, cursor, statement, parameters, context, executemany):
            threads.setdefault("select", threading.get_ident())

        @event.listens_for(self.engine, "commit")
        def on_commit(conn):
            threads.setdefault("commit", threading.get_ident())

        self.assertEqual(self.fetch("/tasks/1").code, 200)
        loop_thread = threading.get_ident()  # the test's IOLoop runs on this thread
        self.assertNotEqual(threads["select"], loop_thread)
        self.assertEqual(threads["commit"], loop_thread)
