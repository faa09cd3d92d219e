"""Task views: an account's task list and each task."""

from flask import Blueprint, abort, g, url_for
from sqlalchemy import func, select

from . import validation
from .auth import login_required
from .db import db
from .models import Task
from .validation import clean, json_body, page_arguments

bp = Blueprint("tasks", __name__, url_prefix="/api/v1/accounts/<username>/tasks")

TASK_FIELDS = {
    "name": validation.name,
    "note": validation.note,
    "completed": validation.completed,
    "due_date": validation.due_date,
}
# What PUT gives a field its body leaves out (a full replacement).
TASK_DEFAULTS = {"note": "", "completed": False, "due_date": None}
# Task ids are an INTEGER column, 32-bit on PostgreSQL: a larger id names no task, and
# PostgreSQL (or SQLite, past 64 bits) would reject it with an error rather than no row.
LARGEST_ID = 2**31 - 1


@bp.get("")
@login_required
def task_list(username):
    completed, limit, offset = page_arguments()
    matching = select(Task).where(Task.account_id == g.account.id)
    if completed is not None:
        matching = matching.where(Task.completed == (completed == "true"))
    total = db.session.scalar(select(func.count()).select_from(matching.subquery()))
    tasks = []
    if offset < total:  # also keeps an absurd offset away from the database
        tasks = db.session.scalars(matching.order_by(Task.id).limit(limit).offset(offset)).all()

    def page_url(page_offset):
        return url_for(
            "tasks.task_list",
            username=username,
            completed=completed,  # url_for leaves out None
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
@login_required
def create(username):
    values = clean(json_body(), TASK_FIELDS, required=["name"])
    task = Task(account=g.account, **values)
    db.session.add(task)
    db.session.commit()
    location = url_for("tasks.task_detail", username=username, task_id=task.id, _external=True)
    return task.to_json(), 201, {"Location": location}


def get_task_or_404(task_id):
    """The caller's task `task_id`; another account's task is as unknown as a deleted one."""
    if task_id > LARGEST_ID:
        abort(404, description="There is no such task.")
    return db.first_or_404(
        select(Task).where(Task.id == task_id, Task.account_id == g.account.id),
        description="There is no such task.",
    )


@bp.get("/<int:task_id>")
@login_required
def task_detail(username, task_id):
    return get_task_or_404(task_id).to_json()


@bp.put("/<int:task_id>")
@login_required
def replace(username, task_id):
    task = get_task_or_404(task_id)
    values = TASK_DEFAULTS | clean(json_body(), TASK_FIELDS, required=["name"])
    for field, value in values.items():
        setattr(task, field, value)
    db.session.commit()
    return task.to_json()


@bp.patch("/<int:task_id>")
@login_required
def update(username, task_id):
    task = get_task_or_404(task_id)
    for field, value in clean(json_body(), TASK_FIELDS).items():
        setattr(task, field, value)
    db.session.commit()
    return task.to_json()


@bp.delete("/<int:task_id>")
@login_required
def remove(username, task_id):
    db.session.delete(get_task_or_404(task_id))
    db.session.commit()
    return "", 204
