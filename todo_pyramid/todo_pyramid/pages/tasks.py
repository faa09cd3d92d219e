"""The task list (filter, pages, the add form) and each task's edit form and actions."""

import re

from pyramid.httpexceptions import HTTPBadRequest, HTTPFound, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from sqlalchemy import func, select

from ..models import Task, delete_row, flush
from ..validation import TASK_DEFAULTS, query_argument
from ..views.tasks import find_task
from .forms import Form, edit_form, local_path, task_form

TASKS = "todo_pyramid:templates/tasks.jinja2"
EDIT = "todo_pyramid:templates/edit.jinja2"
PAGE_SIZE = 20
# The filters and what each keeps: every task, the open ones, the done ones.
STATUSES = {"all": None, "open": False, "done": True}
# The contract asks for this: digits without a leading zero, nine at most.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


def list_arguments(request):
    """(status, page) from the query string, or the 404 page for anything ui.md does not name."""
    try:
        status = query_argument(request, "status", "all")
        page = query_argument(request, "page", "1")
    except HTTPBadRequest:  # a query string that is not UTF-8, or a name given twice
        raise HTTPNotFound() from None
    if status not in STATUSES or not PAGE_NUMBER.fullmatch(page):
        raise HTTPNotFound()
    return status, int(page)


def list_path(request, status="all", page=1):
    """The canonical link of a page of the list: status omitted when all, page when 1, status
    first (ui.md, The task list)."""
    query = [("status", status)] if status != "all" else []
    if page != 1:
        query.append(("page", page))
    return request.route_path("pages.tasks", _query=query)


def task_list_page(request, status="all", page=1, form=None):
    """The values of the list page, or a redirect to the last page when `page` is past it."""
    account = request.identity.account
    tasks = select(Task).where(Task.account_id == account.id)
    everything, done = request.dbsession.execute(
        select(func.count(Task.id), func.count(Task.id).filter(Task.completed)).where(
            Task.account_id == account.id
        )
    ).one()
    counts = {"all": everything, "open": everything - done, "done": done}
    pages = max(1, -(-counts[status] // PAGE_SIZE))
    if page > pages:
        # The contract asks for this: so deleting a page's last task never leads to an error.
        return HTTPFound(list_path(request, status, pages))
    if STATUSES[status] is not None:
        tasks = tasks.where(Task.completed == STATUSES[status])
    shown = tasks.order_by(Task.id).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    return {
        "account": account,
        "tasks": request.dbsession.scalars(shown).all(),
        "counts": counts,
        "status": status,
        "filters": {name: list_path(request, name) for name in STATUSES},
        "this_page": list_path(request, status, page),
        "page": page,
        "pages": pages,
        "previous_page": list_path(request, status, page - 1) if page > 1 else None,
        "next_page": list_path(request, status, page + 1) if page < pages else None,
        "form": form or Form("add"),
    }


@view_config(route_name="pages.tasks", request_method="GET", renderer=TASKS, permission="view")
def task_list(request):
    return task_list_page(request, *list_arguments(request))


@view_config(route_name="pages.tasks", request_method="POST", renderer=TASKS, permission="edit")
def add_task(request):
    form = task_form("add", request.POST)
    if not form.valid:
        request.response.status_code = 400
        return task_list_page(request, form=form)
    task = Task(account_id=request.identity.account.id, **(TASK_DEFAULTS | form.clean))
    request.dbsession.add(task)
    flush(request.dbsession)  # the account may have been deleted since it was read
    request.session.flash("The task was added.")
    return HTTPSeeOther(request.route_url("pages.tasks"))


@view_config(route_name="pages.task_edit", request_method="GET", renderer=EDIT, permission="view")
def edit_task_page(request):
    task = find_task(request)  # another account's task is the 404 page, like a missing one
    return {"account": request.identity.account, "task": task, "form": edit_form(task)}


@view_config(route_name="pages.task_edit", request_method="POST", renderer=EDIT, permission="edit")
def edit_task(request):
    task = find_task(request)
    form = task_form("edit", request.POST)
    if not form.valid:
        request.response.status_code = 400
        return {"account": request.identity.account, "task": task, "form": form}
    for field, value in form.clean.items():
        setattr(task, field, value)
    flush(request.dbsession)  # the task may have been deleted since it was read
    request.session.flash("The task was saved.")
    return HTTPSeeOther(request.route_url("pages.tasks"))


def back_to_the_list(request, message):
    """303 to the list page the action was sent from (its `next`), or to /tasks."""
    request.session.flash(message)
    next_path = local_path(request.POST.get("next", ""), prefix="/tasks")
    return HTTPSeeOther(next_path or request.route_url("pages.tasks"))


@view_config(route_name="pages.task_complete", request_method="POST", permission="edit")
def complete_task(request):
    find_task(request).completed = True
    flush(request.dbsession)
    return back_to_the_list(request, "The task was marked done.")


@view_config(route_name="pages.task_reopen", request_method="POST", permission="edit")
def reopen_task(request):
    find_task(request).completed = False
    flush(request.dbsession)
    return back_to_the_list(request, "The task was reopened.")


@view_config(route_name="pages.task_delete", request_method="POST", permission="edit")
def delete_task(request):
    delete_row(request.dbsession, find_task(request))
    return back_to_the_list(request, "The task was deleted.")
