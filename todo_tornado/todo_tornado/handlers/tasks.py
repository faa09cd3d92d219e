"""Tasks: an account's task list (list, create) and one task (read, replace, update, delete)."""

from urllib.parse import urlencode

from sqlalchemy import delete, func, select

from ..errors import Problem
from ..models import Account, Task, utcnow
from ..validation import TASK, TASK_DEFAULTS, clean, json_body, page_arguments
from .base import BaseHandler, owner_required

MAX_TASK_ID = 2**31 - 1  # PostgreSQL's integer; a larger id cannot name a task, so it is a 404
TASK_NOT_FOUND = "The task was not found."


class TaskListHandler(BaseHandler):
    SUPPORTED_METHODS = ("GET", "HEAD", "POST")

    @owner_required
    async def get(self, username):
        completed, limit, offset = page_arguments(self)
        total, tasks = await self.run_in_session(
            list_tasks, self.current_user.id, completed, limit, offset
        )

        def page_url(page_offset):
            arguments = {} if completed is None else {"completed": str(completed).lower()}
            arguments.update(limit=limit, offset=page_offset)
            return self.absolute_url("tasks", username) + "?" + urlencode(arguments)

        self.write(
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

    @owner_required
    async def post(self, username):
        values = clean(json_body(self.request), TASK, required=("name",))
        task = await self.run_in_session(create_task, self.current_user.id, values, write=True)
        if task is None:  # the account was deleted since prepare() found it, and its tokens
            raise Problem(401)
        self.set_status(201)
        self.set_header("Location", self.absolute_url("task", username, str(task.id)))
        self.write(task.to_json(self.absolute_url, username))


class TaskHandler(BaseHandler):
    SUPPORTED_METHODS = ("GET", "HEAD", "PUT", "PATCH", "DELETE")

    @owner_required
    async def get(self, username, task_id):
        task = await self.task_or_404(task_id)
        self.write(task.to_json(self.absolute_url, username))

    head = get

    @owner_required
    async def put(self, username, task_id):
        await self.update(
            username,
            task_id,
            lambda: {**TASK_DEFAULTS, **clean(json_body(self.request), TASK, required=("name",))},
        )

    @owner_required
    async def patch(self, username, task_id):
        await self.update(username, task_id, lambda: clean(json_body(self.request), TASK))

    @owner_required
    async def delete(self, username, task_id):
        task_id = task_number(task_id)
        if not await self.run_in_session(delete_task, self.current_user.id, task_id, write=True):
            raise Problem(404, TASK_NOT_FOUND)
        self.set_status(204)

    async def task_or_404(self, task_id: str) -> Task:
        task_id = task_number(task_id)
        task = await self.run_in_session(find_task, self.current_user.id, task_id)
        if task is None:
            raise Problem(404, TASK_NOT_FOUND)
        return task

    async def update(self, username: str, task_id: str, read_values):
        """One write unit of work: the task, the body's values (read_values()), the UPDATE."""
        task_id = task_number(task_id)
        task = await self.run_in_session(
            update_task, self.current_user.id, task_id, read_values, write=True
        )
        self.write(task.to_json(self.absolute_url, username))


def task_number(task_id: str) -> int:
    """The path's {id} as a number; the URL pattern already made it a run of digits."""
    # The contract asks for canonical ids: "0211" is not task 211 (and "0" is no task).
    # Length before int(): int() refuses more than 4300 digits, and such an id names no task.
    if (
        task_id.startswith("0")
        or len(task_id) > len(str(MAX_TASK_ID))
        or int(task_id) > MAX_TASK_ID
    ):
        raise Problem(404, TASK_NOT_FOUND)
    return int(task_id)


def list_tasks(
    session,
    account_id: int,
    completed: bool | None,
    limit: int,
    offset: int,
    total: int | None = None,
):
    """(total, one page of tasks) in one read transaction; `total` if the caller counted it."""
    query = select(Task).where(Task.account_id == account_id)
    if completed is not None:
        query = query.where(Task.completed == completed)
    if total is None:
        total = session.scalar(select(func.count()).select_from(query.subquery()))
    if offset >= total:  # also keeps an absurd offset out of the SQL
        return total, []
    return total, session.scalars(query.order_by(Task.id).limit(limit).offset(offset)).all()


def create_task(session, account_id: int, values: dict) -> Task | None:
    """One write transaction: the new task, or None if its account is gone.

    The account row is locked first (FOR KEY SHARE, what the foreign key check takes anyway on
    PostgreSQL), so an account deleted meanwhile is None here instead of an IntegrityError at
    the INSERT, and a DELETE that comes later waits, then takes the new task with the account.
    SQLite's BEGIN IMMEDIATE already serialises the two.
    """
    lock = {"read": True, "key_share": True}
    if session.get(Account, account_id, with_for_update=lock) is None:
        return None
    task = Task(account_id=account_id, creation_date=utcnow(), **values)
    session.add(task)
    session.flush()  # the id, for the Location header
    return task


def find_task(session, account_id: int, task_id: int, for_update: bool = False) -> Task | None:
    query = select(Task).where(Task.id == task_id, Task.account_id == account_id)
    return session.scalars(query.with_for_update() if for_update else query).first()


def delete_task(session, account_id: int, task_id: int) -> bool:
    """Delete the account's task; False when it has no such task."""
    query = delete(Task).where(Task.id == task_id, Task.account_id == account_id)
    return session.execute(query).rowcount > 0


def update_task(session, account_id: int, task_id: int, read_values) -> Task:
    """The task, read under a row lock and changed with read_values(), in one transaction.

    The contract asks for 404 before anything about the body, so the body is read (415, 400,
    422: raised out of the transaction, which rolls back) only once the task is found. Locked
    from its first read, the task cannot be deleted before the UPDATE: a racing DELETE either
    committed first (404 here) or waits, and deletes the changed task.
    """
    task = find_task(session, account_id, task_id, for_update=True)
    if task is None:
        raise Problem(404, TASK_NOT_FOUND)
    for field, value in read_values().items():
        setattr(task, field, value)
    return task
