"""A Tornado handler written the 2018 way: a generator-based coroutine (`@gen.coroutine`) that
yields tornado-sqlalchemy's `as_future(query)`.

No implementation uses this form; the guide's "Tornado and async" page shows it beside today's
`async def` handlers, and docs/tests/test_examples.py runs it, so it keeps working. The coroutine
is written as in 2018; the application's `db` setting is tornado-sqlalchemy 0.8's, since the
`make_session_factory` of its 2018 releases no longer exists.

Run it alone:  .venv/bin/python docs/examples/tornado_2018.py  (then GET /tasks/1 on port 8889)
"""

import asyncio
import tempfile

from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import Session, declarative_base
from tornado import gen
from tornado.web import Application, HTTPError, RequestHandler
from tornado_sqlalchemy import SessionMixin, SQLAlchemy, as_future

Base = declarative_base()


class Task(Base):
    __tablename__ = "tasks"

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)

    def as_dict(self):
        return {"id": self.id, "name": self.name}


class TaskHandler(SessionMixin, RequestHandler):
    @gen.coroutine
    def get(self, task_id):
        with self.make_session() as session:
            query = session.query(Task).filter(Task.id == int(task_id))
            # query.first runs on a worker thread; until it is done,
            # the IOLoop serves other requests.
            task = yield as_future(query.first)
            if task is None:
                raise HTTPError(404)
            self.write(task.as_dict())


def make_app(database_url):
    db = SQLAlchemy(database_url)
    Base.metadata.create_all(db.engine)
    return Application([(r"/tasks/([0-9]+)", TaskHandler)], db=db)


async def main():
    app = make_app(f"sqlite:///{tempfile.mkdtemp()}/tasks.sqlite3")
    with Session(app.settings["db"].engine) as session:
        session.add(Task(name="Buy milk"))
        session.commit()
    app.listen(8889, address="127.0.0.1")
    await asyncio.Event().wait()  # serve until Ctrl-C


if __name__ == "__main__":
    asyncio.run(main())
