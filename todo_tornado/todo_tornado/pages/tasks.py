"""The task list (filter, pages, the add form), the edit page and the task actions."""

import re
from urllib.parse import urlencode

import tornado.web
from sqlalchemy import func, select
from tornado.web import HTTPError

from ..handlers.tasks import (
    create_task,
    delete_task,
    find_task,
    list_tasks,
    task_number,
    update_task,
)
from ..models import Task
from . import forms
from .base import PageHandler, local_path

PAGE_SIZE = 20
STATUSES = {"all": None, "open": False, "done": True}  # the filter -> completed
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")  # no leading zero, at most 9 digits
ACTIONS = {
    "complete": "The task was marked done.",
    "reopen": "The task was reopened.",
    "delete": "The task was deleted.",
}


class TaskListPageHandler(PageHandler):
    SUPPORTED_METHODS = ("GET", "HEAD", "POST")

    @tornado.web.authenticated
    async def get(self):
        await self.show_list(*self.list_arguments())

    head = get

    @tornado.web.authenticated
    async def post(self):
        form = forms.task_form(self)
        if form.errors:
            await self.show_list("all", 1, form)
            return
        task = await self.run_in_session(create_task, self.current_user.id, form.values, write=True)
        if task is None:  # the account was deleted since prepare() found the session
            raise HTTPError(403)
        self.redirect_with_flash(self.list_url(), "The task was added.")

    def list_arguments(self) -> tuple[str, int]:
        """status and page from the query; anything else than ui.md's values is the 404 page."""
        status = self.get_query_arguments("status", strip=False) or ["all"]
        page = self.get_query_arguments("page", strip=False) or ["1"]
        if len(status) > 1 or status[0] not in STATUSES:
            raise HTTPError(404)
        if len(page) > 1 or not PAGE_NUMBER.fullmatch(page[0]):
            raise HTTPError(404)
        return status[0], int(page[0])

    def list_url(self, status: str = "all", page: int = 1) -> str:
        """The canonical link: status omitted when all, page when 1, status before page."""
        query = {} if status == "all" else {"status": status}
        if page != 1:
            query["page"] = page
        url = self.reverse_url("task_list")
        return f"{url}?{urlencode(query)}" if query else url

    async def show_list(self, status: str, page: int, form: forms.Form | None = None):
        """One page of the filter; with a form that has errors, the page again with status 400."""
        counts, total, tasks = await self.run_in_session(
            task_page, self.current_user.id, STATUSES[status], page
        )
        last_page = max(1, -(-total // PAGE_SIZE))
        if page > last_page:
            # The contract asks for this: past the last page is the last page (302), so that
            # deleting the last task of a page never leads to an error.
            self.redirect(self.list_url(status, last_page))
            return
        if form is None:
            form = forms.Form()
        else:
            self.set_status(400)  # the add form again, with its errors
        self.render(
            "tasks.html",
            form=form,
            status=status,
            page=page,
            last_page=last_page,
            counts=counts,
            tasks=tasks,
            list_url=self.list_url,
        )


class TaskEditHandler(PageHandler):
    SUPPORTED_METHODS = ("GET", "HEAD", "POST")

    @tornado.web.authenticated
    async def get(self, task_id):
        task = await self.task_or_404(task_id)
        self.render("task_edit.html", task_id=task.id, form=forms.task_form_of(task))

    head = get

    @tornado.web.authenticated
    async def post(self, task_id):
        # Another account's task is a 404, whatever was typed: here when the form is invalid,
        # in update_task (which reads the task once, locked) when it is not.
        form = forms.task_form(self, with_completed=True)
        if form.errors:
            task = await self.task_or_404(task_id)
            self.render_invalid("task_edit.html", task_id=task.id, form=form)
            return
        await self.run_in_session(
            update_task, self.current_user.id, task_number(task_id), lambda: form.values, write=True
        )
        self.redirect_with_flash(self.reverse_url("task_list"), "The task was saved.")

    async def task_or_404(self, task_id: str) -> Task:
        task = await self.run_in_session(find_task, self.current_user.id, task_number(task_id))
        if task is None:
            raise HTTPError(404)
        return task


class TaskActionHandler(PageHandler):
    """POST /tasks/<id>/complete, /reopen and /delete, back to the list page they came from."""

    SUPPORTED_METHODS = ("POST",)

    @tornado.web.authenticated
    async def post(self, task_id, action):
        task_id = task_number(task_id)  # a 404 page for an id that names no task
        if action == "delete":
            if not await self.run_in_session(
                delete_task, self.current_user.id, task_id, write=True
            ):
                raise HTTPError(404)
        else:
            completed = {"completed": action == "complete"}
            await self.run_in_session(
                update_task, self.current_user.id, task_id, lambda: completed, write=True
            )
        list_url = self.reverse_url("task_list")
        next_url = local_path(forms.typed(self, "next"), under=list_url) or list_url
        self.redirect_with_flash(next_url, ACTIONS[action])


def task_page(session, account_id: int, completed: bool | None, page: int):
    """(the counts of all the account's tasks by filter, the filter's total, the page's tasks)
    in one read transaction."""
    by_state = (
        select(Task.completed, func.count())
        .where(Task.account_id == account_id)
        .group_by(Task.completed)
    )
    done_or_not = {False: 0, True: 0, **dict(session.execute(by_state).tuples().all())}
    counts = {
        "all": sum(done_or_not.values()),
        "open": done_or_not[False],
        "done": done_or_not[True],
    }
    total = counts["all"] if completed is None else done_or_not[completed]
    total, tasks = list_tasks(
        session, account_id, completed, PAGE_SIZE, (page - 1) * PAGE_SIZE, total=total
    )
    return counts, total, tasks
