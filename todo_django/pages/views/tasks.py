"""The task list (with the add form), the edit page, and the done, reopen and delete actions.
Every query is of the signed-in account's tasks: another account's task is a 404, as a missing
one is."""

import re

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from todos.models import Task

from ..auth import is_local_path, lock_signed_in_account, signin_required
from ..forms import TaskEditForm, TaskForm
from . import HttpResponseSeeOther

PAGE_SIZE = 20
# The list's filters, in the order of their links: status -> (label, completed or None for any).
FILTERS = {"all": ("All", None), "open": ("Open", False), "done": ("Done", True)}
PAGE = re.compile(r"[1-9][0-9]{0,8}")  # no leading zero, at most 9 digits


def tasks_url(status="all", page=1):
    """The canonical link of a page of the list: status left out when all, page when 1."""
    query = {"status": status} if status != "all" else {}
    if page != 1:
        query["page"] = page
    return reverse("pages:tasks", query=query)


def list_arguments(query):
    """(status, page) from the query string; anything else is the 404 page (the contract asks
    for this, rather than falling back to the defaults)."""
    status, page = query.get("status", "all"), query.get("page", "1")
    if status not in FILTERS or not PAGE.fullmatch(page):
        raise Http404
    return status, int(page)


@require_http_methods(["GET", "HEAD", "POST"])
@signin_required
def task_list(request):
    if request.method != "POST":
        status, page = list_arguments(request.GET)
        return show_list(request, TaskForm(), status, page)
    form = TaskForm(request.POST)
    if not form.is_valid():
        return show_list(request, form, status=400)
    with transaction.atomic():
        Task.objects.create(account=lock_signed_in_account(request), **form.cleaned_data)
    messages.success(request, "The task was added.")
    return HttpResponseSeeOther(reverse("pages:tasks"))


def show_list(request, form, filter_status="all", number=1, status=200):
    """Page `number` of the filter, the counts of all the account's tasks, and the add form
    (fresh, or as typed with its errors)."""
    tasks = Task.objects.filter(account=request.user)
    counts = tasks.aggregate(all=Count("pk"), done=Count("pk", filter=Q(completed=True)))
    counts["open"] = counts["all"] - counts["done"]
    completed = FILTERS[filter_status][1]
    paginator = Paginator(
        tasks if completed is None else tasks.filter(completed=completed), PAGE_SIZE
    )
    paginator.count = counts[filter_status]  # counted above: no second COUNT query
    if number > paginator.num_pages:
        # The contract asks for this: past the end is the last page (the first of an empty list),
        # so that deleting the last task of a page never leads to an error.
        return redirect(tasks_url(filter_status, paginator.num_pages))
    page = paginator.page(number)
    context = {
        "title": "Tasks",
        "form": form,
        "filters": [
            {"status": key, "label": label, "url": tasks_url(key), "count": counts[key]}
            for key, (label, _) in FILTERS.items()
        ],
        "filter_status": filter_status,
        "page": page,
        "this_page": tasks_url(filter_status, number),
        "previous_page": tasks_url(filter_status, number - 1) if page.has_previous() else None,
        "next_page": tasks_url(filter_status, number + 1) if page.has_next() else None,
    }
    return TemplateResponse(request, "pages/tasks.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@signin_required
def task_edit(request, task_id):
    # task_id is None for an id that cannot name a task (todos.urls.TaskIdConverter): a 404.
    task = get_object_or_404(Task, pk=task_id, account=request.user)
    status = 200
    if request.method != "POST":
        form = TaskEditForm(initial=model_to_dict(task, fields=TaskEditForm.base_fields))
    else:
        form = TaskEditForm(request.POST)
        if form.is_valid():
            # An UPDATE whose row count is checked, as the API's TaskView.update_task: save()
            # would bring back a task that a racing delete removed.
            if not Task.objects.filter(pk=task.pk).update(**form.cleaned_data):
                raise Http404
            messages.success(request, "The task was saved.")
            return HttpResponseSeeOther(reverse("pages:tasks"))
        status = 400
    context = {"title": "Edit task", "form": form, "task": task}
    return TemplateResponse(request, "pages/task_edit.html", context, status=status)


@require_POST
@signin_required
def task_complete(request, task_id):
    return set_completed(request, task_id, True, "The task was marked done.")


@require_POST
@signin_required
def task_reopen(request, task_id):
    return set_completed(request, task_id, False, "The task was reopened.")


@require_POST
@signin_required
def task_delete(request, task_id):
    if not Task.objects.filter(pk=task_id, account=request.user).delete()[0]:
        raise Http404
    messages.success(request, "The task was deleted.")
    return back_to_list(request)


def set_completed(request, task_id, completed, message):
    if not Task.objects.filter(pk=task_id, account=request.user).update(completed=completed):
        raise Http404
    messages.success(request, message)
    return back_to_list(request)


def back_to_list(request):
    """303 to the form's `next`, the page of the list it was sent from, else to /tasks."""
    next_page = request.POST.get("next", "")
    # The contract asks for this: a local path, and one of the list.
    if not (is_local_path(next_page) and next_page.startswith("/tasks")):
        next_page = reverse("pages:tasks")
    return HttpResponseSeeOther(next_page)
