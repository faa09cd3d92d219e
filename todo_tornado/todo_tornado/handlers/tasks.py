"""Tasks: an account's task list (list, create) and one task (read, replace, update, delete)."""

import re
from urllib.parse import urlencode

from sqlalchemy import func, select
from tornado_sqlalchemy import as_future

from ..errors import Problem
from ..models import Task, utcnow
from ..validation import TASK
from .base import OWNER, BaseHandler

DIGITS = re.compile(r"[0-9]+")
MAX_ID = 2**31 - 1  # PostgreSQL's integer; a larger id cannot name a task, so it is a 404


class TaskListHandler(BaseHandler):
    SUPPORTED_METHODS = ("GET", "HEAD", "POST")
    body_methods = ("POST",)
    access = OWNER

    async def get(self, username):
        completed, limit, offset = self.page_arguments()
        query = select(Task).where(Task.account_id == self.current_user.id)
        if completed is not None:
            query = query.where(Task.completed == completed)
        count = select(func.count()).select_from(query.subquery())
        total = await as_future(lambda: self.session.scalar(count))
        tasks = []
        if offset < total:  # also keeps an absurd offset out of the SQL
            page = query.order_by(Task.id).limit(limit).offset(offset)
            tasks = await as_future(lambda: self.session.scalars(page).all())
        username = self.current_user.username

        def page_url(page_offset):
            arguments = {} if completed is None else {"completed": str(completed).lower()}
            arguments.update(limit=limit, offset=page_offset)
            return self.absolute_url("task_list", username) + "?" + urlencode(arguments)

        self.write_json(
            {
                "username": username,
                "tasks": [task.to_json(self.absolute_url, username) for task in tasks],
                "total": total,
                "limit": limit,
                "offset": offset,
                "next": page_url(offset + limit) if offset + limit < total else None,
                "previous": page_url(max(offset - limit, 0)) if offset > 0 else None,
            }
        )

    head = get

    def page_arguments(self) -> tuple[bool | None, int, int]:
        """completed, limit and offset from the query string; anything malformed is a 400."""
        completed = self.get_query_argument("completed", None, strip=False)
        limit = self.get_query_argument("limit", "20", strip=False)
        offset = self.get_query_argument("offset", "0", strip=False)
        if completed not in (None, "true", "false"):
            raise Problem(400, "completed must be true or false.")
        if not DIGITS.fullmatch(limit) or not 1 <= int(limit) <= 100:
            raise Problem(400, "limit must be an integer from 1 to 100.")
        if not DIGITS.fullmatch(offset):
            raise Problem(400, "offset must be an integer of 0 or more.")
        return (None if completed is None else completed == "true"), int(limit), int(offset)

    async def post(self, username):
        values = self.validated(TASK, required=("name",))
        task = Task(account_id=self.current_user.id, creation_date=utcnow(), **values)
        await self.begin_write()
        self.session.add(task)
        await as_future(self.session.commit)
        self.set_header("Location", self.absolute_url("task", username, str(task.id)))
        self.write_json(task.to_json(self.absolute_url, username), status=201)


class TaskHandler(BaseHandler):
    SUPPORTED_METHODS = ("GET", "HEAD", "PUT", "PATCH", "DELETE")
    body_methods = ("PUT", "PATCH")
    access = OWNER

    async def load(self, username, task_id):
        """The addressed task, or 404; a change reads it inside its write transaction."""
        if int(task_id) > MAX_ID:  # the URL pattern already made it a run of digits
            raise Problem(404, "The task was not found.")
        if self.request.method not in ("GET", "HEAD"):
            await self.begin_write()
        query = select(Task).where(Task.id == int(task_id), Task.account_id == self.current_user.id)
        self.task = await as_future(lambda: self.session.scalars(query).first())
        if self.task is None:
            raise Problem(404, "The task was not found.")

    def get(self, username, task_id):
        self.write_json(self.task.to_json(self.absolute_url, username))

    head = get

    async def put(self, username, task_id):
        values = self.validated(TASK, required=("name",))
        defaults = {"note": "", "completed": False, "due_date": None}
        await self.save({**defaults, **values}, username)

    async def patch(self, username, task_id):
        await self.save(self.validated(TASK), username)

    async def save(self, values: dict, username: str):
        for field, value in values.items():
            setattr(self.task, field, value)
        await as_future(self.session.commit)
        self.write_json(self.task.to_json(self.absolute_url, username))

    async def delete(self, username, task_id):
        await as_future(lambda: self.session.delete(self.task))
        await as_future(self.session.commit)
        self.set_status(204)
        self.finish()
