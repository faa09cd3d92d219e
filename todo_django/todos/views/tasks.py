"""An account's tasks: the list (read a page, create a task) and one task (read, replace,
update, delete)."""

from django.db import transaction
from django.http import JsonResponse
from django.urls import reverse

from ..auth import OwnerRequiredMixin, lock_account
from ..base import ApiView, no_content
from ..errors import ApiError
from ..models import Task
from ..validation import TASK, TASK_DEFAULTS, clean, json_body, page_arguments

TASK_NOT_FOUND = "The task was not found."


class TaskListView(OwnerRequiredMixin, ApiView):
    def get(self, request, username):
        completed, limit, offset = page_arguments(request.GET)
        tasks = self.account.tasks.all()
        if completed is not None:
            tasks = tasks.filter(completed=completed)
        total = tasks.count()
        # Skipping the query past the end also keeps huge offsets away from the database.
        page = list(tasks[offset : offset + limit]) if offset < total else []

        def page_url(page_offset):
            query = {} if completed is None else {"completed": str(completed).lower()}
            query.update(limit=limit, offset=page_offset)
            return request.build_absolute_uri(reverse("todos:tasks", args=[username], query=query))

        return JsonResponse(
            {
                "username": username,
                "tasks": [task.to_json(request) for task in page],
                "total": total,
                "limit": limit,
                "offset": offset,
                "next": page_url(offset + limit) if offset + limit < total else None,
                "previous": page_url(max(offset - limit, 0)) if offset > 0 else None,
            }
        )

    def post(self, request, username):
        values = clean(json_body(request), TASK, required=("name",))
        with transaction.atomic():
            task = Task.objects.create(account=lock_account(self.account), **values)
        body = task.to_json(request)
        return JsonResponse(body, status=201, headers={"Location": body["url"]})


class TaskView(OwnerRequiredMixin, ApiView):
    """One task; `task_id` is None for an id that cannot name one (urls.TaskIdConverter), and
    filter(pk=None) finds no task."""

    def get_task(self, task_id):
        """The caller's task with this id, or 404."""
        task = self.account.tasks.filter(pk=task_id).first()
        if task is None:
            raise ApiError(404, TASK_NOT_FOUND)
        return task

    def update_task(self, task, values):
        """UPDATE the task's row with `values`, or 404 if a racing DELETE removed it.

        save() would INSERT the row again when its UPDATE matches none (a deleted task coming
        back); an UPDATE whose row count is checked answers as if it came after the DELETE.
        """
        if values and not Task.objects.filter(pk=task.pk).update(**values):
            raise ApiError(404, TASK_NOT_FOUND)
        for field, value in values.items():
            setattr(task, field, value)

    def get(self, request, username, task_id):
        return JsonResponse(self.get_task(task_id).to_json(request))

    def put(self, request, username, task_id):
        with transaction.atomic():
            # The contract asks for this: a missing task is 404 before anything about the body.
            task = self.get_task(task_id)
            values = TASK_DEFAULTS | clean(json_body(request), TASK, required=("name",))
            self.update_task(task, values)
        return JsonResponse(task.to_json(request))

    def patch(self, request, username, task_id):
        with transaction.atomic():
            task = self.get_task(task_id)
            self.update_task(task, clean(json_body(request), TASK))
        return JsonResponse(task.to_json(request))

    def delete(self, request, username, task_id):
        # Counted: of two racing DELETEs, the second finds nothing to delete and is a 404.
        if not self.account.tasks.filter(pk=task_id).delete()[0]:
            raise ApiError(404, TASK_NOT_FOUND)
        return no_content()
