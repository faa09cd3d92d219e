"""The task pages: the list (filtered, 20 a page) with its add form, the edit form, and the
buttons that complete, reopen and delete a task."""

import re

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select

from ..db import db, write_transaction
from ..models import Task
from ..tasks import get_task_or_404
from . import bp
from .auth import local_path, login_required
from .forms import EditTaskForm, TaskForm

PAGE_SIZE = 20
STATUSES = {"all": None, "open": False, "done": True}  # ?status= -> Task.completed
PAGE = re.compile(r"[1-9][0-9]{0,8}")  # the contract's page: no leading zero, at most 9 digits


@bp.app_template_global()
def tasks_url(status="all", page=1):
    """The list's canonical URL: status left out when all, page when 1, status before page."""
    return url_for(
        "pages.task_list",
        status=None if status == "all" else status,  # url_for leaves out None
        page=None if page == 1 else page,
    )


def list_arguments():
    """(status, page) from the query string; anything the contract does not list is a 404."""
    statuses = request.args.getlist("status") or ["all"]
    pages = request.args.getlist("page") or ["1"]
    if len(statuses) > 1 or statuses[0] not in STATUSES:
        abort(404)
    if len(pages) > 1 or not PAGE.fullmatch(pages[0]):
        abort(404)
    return statuses[0], int(pages[0])


def count_by_status(account):
    """{"all", "open", "done"}: the counts of all the account's tasks, whatever the filter."""
    done = dict(
        db.session.execute(
            select(Task.completed, func.count())
            .where(Task.account_id == account.id)
            .group_by(Task.completed)
        ).all()
    )
    return {"all": sum(done.values()), "open": done.get(False, 0), "done": done.get(True, 0)}


def show_task_list(form, status_code=200):
    status, page = list_arguments()
    counts = count_by_status(g.user)
    last_page = max(1, -(-counts[status] // PAGE_SIZE))
    if page > last_page:
        # The contract asks for this: deleting the last task of a page leads to a page.
        return redirect(tasks_url(status, last_page))
    matching = select(Task).where(Task.account_id == g.user.id)
    if STATUSES[status] is not None:
        matching = matching.where(Task.completed == STATUSES[status])
    tasks = db.session.scalars(
        matching.order_by(Task.id).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    ).all()
    return render_template(
        "tasks/list.html",
        form=form,
        tasks=tasks,
        counts=counts,
        status=status,
        page=page,
        last_page=last_page,
    ), status_code


@bp.get("/tasks")
@login_required
def task_list():
    return show_task_list(TaskForm())


@bp.post("/tasks")
@write_transaction
@login_required
def create():
    form = TaskForm()
    if not form.validate_on_submit():
        return show_task_list(form, 400)
    task = Task(account=g.user)
    form.populate_obj(task)
    db.session.add(task)
    db.session.commit()
    flash("The task was added.")
    return redirect(url_for("pages.task_list"), 303)


@bp.get("/tasks/<digits:task_id>/edit")
@login_required
def edit_form(task_id):
    task = get_task_or_404(g.user, task_id)
    return render_template("tasks/edit.html", form=EditTaskForm(obj=task), task=task)


@bp.post("/tasks/<digits:task_id>/edit")
@write_transaction
@login_required
def edit(task_id):
    task = get_task_or_404(g.user, task_id)
    form = EditTaskForm()
    if not form.validate_on_submit():
        return render_template("tasks/edit.html", form=form, task=task), 400
    form.populate_obj(task)
    db.session.commit()
    flash("The task was saved.")
    return redirect(url_for("pages.task_list"), 303)


def back_to_the_list(message):
    """Commit, flash, and go back to the page of the list the button was on (its `next`)."""
    db.session.commit()
    flash(message)
    back = local_path(request.form.get("next", ""), prefix="/tasks")
    return redirect(back or url_for("pages.task_list"), 303)


@bp.post("/tasks/<digits:task_id>/complete")
@write_transaction
@login_required
def complete(task_id):
    get_task_or_404(g.user, task_id).completed = True
    return back_to_the_list("The task was marked done.")


@bp.post("/tasks/<digits:task_id>/reopen")
@write_transaction
@login_required
def reopen(task_id):
    get_task_or_404(g.user, task_id).completed = False
    return back_to_the_list("The task was reopened.")


@bp.post("/tasks/<digits:task_id>/delete")
@write_transaction
@login_required
def delete(task_id):
    db.session.delete(get_task_or_404(g.user, task_id))
    return back_to_the_list("The task was deleted.")
