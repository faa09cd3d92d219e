"""Task views: an account's task list and each task."""

from flask import Blueprint, abort, g, url_for
from sqlalchemy import func, select
from werkzeug.routing import BaseConverter

from .auth import login_required
from .db import db, write_transaction
from .models import Task
from .validation import TASK, TASK_DEFAULTS, clean, json_body, page_arguments

bp = Blueprint("tasks", __name__, url_prefix="/api/v1/accounts/<username>/tasks")

# PostgreSQL's integer; a larger id cannot name a task, so it is a 404.
MAX_TASK_ID = 2**31 - 1
TASK_NOT_FOUND = "The task was not found."  # the contract's 404 detail (Errors)


class DigitsConverter(BaseConverter):
    """{id}: a run of ASCII digits, kept as text; anything else is an unknown path (404).

    Not Werkzeug's int converter: its \\d+ also takes other scripts' digits, it reads 0211 as
    211, and more than 4300 digits (too many for int()) make it an unknown path, where the
    contract asks for a 404 after authentication. get_task_or_404 decides what digits name.
    """

    regex = r"[0-9]+"


@bp.get("")
@login_required
def task_list(username):
    completed, limit, offset = page_arguments()
    matching = select(Task).where(Task.account_id == g.account.id)
    if completed is not None:
        matching = matching.where(Task.completed == completed)
    total = db.session.scalar(select(func.count()).select_from(matching.subquery()))
    tasks = []
    if offset < total:  # also keeps an absurd offset away from the database
        tasks = db.session.scalars(matching.order_by(Task.id).limit(limit).offset(offset)).all()

    def page_url(page_offset):
        return url_for(
            "tasks.task_list",
            username=username,
            # url_for leaves out None
            completed=None if completed is None else str(completed).lower(),
            limit=limit,
            offset=page_offset,
            _external=True,
        )

    return {
        "username": username,
        "tasks": [task.to_json() for task in tasks],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": page_url(offset + limit) if offset + limit < total else None,
        "previous": page_url(max(offset - limit, 0)) if offset > 0 else None,
    }


@bp.post("")
@write_transaction
@login_required
def create(username):
    values = clean(json_body(), TASK, required=["name"])
    task = Task(account=g.account, **values)
    db.session.add(task)
    db.session.commit()
    location = url_for("tasks.task_detail", username=username, task_id=task.id, _external=True)
    return task.to_json(), 201, {"Location": location}


def get_task_or_404(account, task_id):
    """The task of `account` whose id `task_id` (digits) spells; another account's task is as
    unknown as a deleted one. (The site's task pages use it too.)"""
    # The contract asks for this: ids are canonical (0211 is not task 211) and no id starts
    # with 0; the length is checked before int() sees the digits.
    too_long = len(task_id) > len(str(MAX_TASK_ID))
    if task_id.startswith("0") or too_long or int(task_id) > MAX_TASK_ID:
        abort(404, description=TASK_NOT_FOUND)
    return db.first_or_404(
        select(Task).where(Task.id == int(task_id), Task.account_id == account.id),
        description=TASK_NOT_FOUND,
    )


@bp.get("/<digits:task_id>")
@login_required
def task_detail(username, task_id):
    return get_task_or_404(g.account, task_id).to_json()


@bp.put("/<digits:task_id>")
@write_transaction
@login_required
def replace(username, task_id):
    # The contract asks for this: 404 before any body error.
    task = get_task_or_404(g.account, task_id)
    values = TASK_DEFAULTS | clean(json_body(), TASK, required=["name"])
    for field, value in values.items():
        setattr(task, field, value)
    db.session.commit()
    return task.to_json()


@bp.patch("/<digits:task_id>")
@write_transaction
@login_required
def update(username, task_id):
    # The contract asks for this: 404 before any body error.
    task = get_task_or_404(g.account, task_id)
    for field, value in clean(json_body(), TASK).items():
        setattr(task, field, value)
    db.session.commit()
    return task.to_json()


@bp.delete("/<digits:task_id>")
@write_transaction
@login_required
def remove(username, task_id):
    db.session.delete(get_task_or_404(g.account, task_id))
    db.session.commit()
    return "", 204
