"""An account's tasks: the list (read, create) and each task (read, replace, update, delete)."""

import re

from pyramid.httpexceptions import HTTPNoContent, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import func, select

from ..models import Task, delete_row, flush
from ..validation import TASK, TASK_DEFAULTS, clean, json_body, page_arguments

# PostgreSQL's integer; a larger id cannot name a task, so it is a 404.
MAX_TASK_ID = 2**31 - 1
# The contract asks for this: an id is canonical ("0211" is no task). Ten digits at most, so
# int() never meets a 10,000-digit id (it refuses more than 4300).
CANONICAL_ID = re.compile(r"0|[1-9][0-9]{0,9}")
# OFFSET is a signed 64-bit integer in SQLite and PostgreSQL; past this, every page is empty.
MAX_OFFSET = 2**62


@view_config(route_name="tasks", request_method="GET", renderer="json", permission="view")
def task_list(request):
    completed, limit, offset = page_arguments(request)
    account = request.identity.account
    tasks = select(Task).where(Task.account_id == account.id)
    if completed is not None:
        tasks = tasks.where(Task.completed == completed)
    total = request.dbsession.scalar(select(func.count()).select_from(tasks.subquery()))
    page = request.dbsession.scalars(
        tasks.order_by(Task.id).limit(limit).offset(min(offset, MAX_OFFSET))
    )

    def page_url(page_offset):
        query = {} if completed is None else {"completed": "true" if completed else "false"}
        query.update(limit=limit, offset=page_offset)
        return request.route_url("tasks", username=account.username, _query=query)

    return {
        "username": account.username,
        "tasks": [task.to_json(request, account.username) for task in page],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": page_url(offset + limit) if offset + limit < total else None,
        "previous": page_url(max(offset - limit, 0)) if offset > 0 else None,
    }


@view_config(route_name="tasks", request_method="POST", renderer="json", permission="edit")
def create_task(request):
    fields = clean(json_body(request), TASK, required=["name"])
    account = request.identity.account
    task = Task(account_id=account.id, **(TASK_DEFAULTS | fields))
    request.dbsession.add(task)
    flush(request.dbsession)  # assigns the id the URL needs; the account may be gone meanwhile
    url = request.route_url("task", username=account.username, id=task.id)
    request.response.status_code = 201
    request.response.location = url
    return task.to_json(request, account.username)


def find_task(request):
    """The task {id} of the caller's account, or 404 (also for ids no database could hold)."""
    task_id = request.matchdict["id"]  # the route only matches digits
    task = None
    if CANONICAL_ID.fullmatch(task_id) and int(task_id) <= MAX_TASK_ID:
        task = request.dbsession.scalar(
            select(Task).where(
                Task.id == int(task_id), Task.account_id == request.identity.account.id
            )
        )
    if task is None:
        raise HTTPNotFound("The task was not found.")
    return task


@view_config(route_name="task", request_method="GET", renderer="json", permission="view")
def task_detail(request):
    return find_task(request).to_json(request, request.identity.account.username)


@view_config(route_name="task", request_method="PUT", renderer="json", permission="edit")
def replace_task(request):
    task = find_task(request)  # the contract asks for this: 404 before any body error
    fields = clean(json_body(request), TASK, required=["name"])
    for field, value in (TASK_DEFAULTS | fields).items():
        setattr(task, field, value)
    flush(request.dbsession)  # the task may have been deleted since it was read
    return task.to_json(request, request.identity.account.username)


@view_config(route_name="task", request_method="PATCH", renderer="json", permission="edit")
def update_task(request):
    task = find_task(request)  # the contract asks for this: 404 before any body error
    for field, value in clean(json_body(request), TASK).items():
        setattr(task, field, value)
    flush(request.dbsession)  # the task may have been deleted since it was read
    return task.to_json(request, request.identity.account.username)


@view_config(route_name="task", request_method="DELETE", permission="edit")
def delete_task(request):
    delete_row(request.dbsession, find_task(request))
    return HTTPNoContent()
