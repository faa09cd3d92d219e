"""One class-based view per resource, in the contract's order. Errors are raised (ApiError).

Before a handler runs, ApiView (base.py) has answered 405 and 413 and the auth.py mixins 401 and
403; handlers go on with the addressed task (404), the body (415, 400, 422) and state (409).
"""

import django
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone

from .auth import OwnerRequiredMixin, TokenRequiredMixin, new_token, unauthorized
from .base import ApiView, no_content
from .errors import ApiError
from .models import Account, Task, count_tasks
from .validation import (
    ACCOUNT_CHANGE,
    ACCOUNT_NEW,
    LOGIN,
    TASK,
    TASK_DEFAULTS,
    clean,
    json_body,
    page_arguments,
)

ROUTES = [
    "GET /api/v1",
    "GET /api/v1/health",
    "POST /api/v1/accounts",
    "POST /api/v1/accounts/login",
    "POST /api/v1/accounts/logout",
    "GET /api/v1/accounts/{username}",
    "PATCH /api/v1/accounts/{username}",
    "DELETE /api/v1/accounts/{username}",
    "GET /api/v1/accounts/{username}/tasks",
    "POST /api/v1/accounts/{username}/tasks",
    "GET /api/v1/accounts/{username}/tasks/{id}",
    "PUT /api/v1/accounts/{username}/tasks/{id}",
    "PATCH /api/v1/accounts/{username}/tasks/{id}",
    "DELETE /api/v1/accounts/{username}/tasks/{id}",
]
# The id is a BigAutoField (64 bits in SQLite and PostgreSQL): a larger id cannot name a task,
# so it is a 404.
MAX_TASK_ID = 2**63 - 1


class InfoView(ApiView):
    def get(self, request):
        info = {"name": "To-Do List API", "api_version": "1.0.0", "framework": "django"}
        return JsonResponse({**info, "framework_version": django.get_version(), "routes": ROUTES})


class HealthView(ApiView):
    def get(self, request):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            raise ApiError(503, "The database cannot be queried.") from None
        return JsonResponse({"status": "ok", "database": "ok"})


class RegisterView(ApiView):
    def post(self, request):
        values = clean(json_body(request), ACCOUNT_NEW, required=("username", "email", "password"))
        try:
            with transaction.atomic():
                account = Account.objects.create_user(**values)
        except IntegrityError:
            # The unique index decides, so concurrent registrations of one name get one 201.
            raise ApiError(409, "The username is already taken.") from None
        body = account.to_json(request, task_count=0)
        return JsonResponse(body, status=201, headers={"Location": body["url"]})


class LoginView(ApiView):
    def post(self, request):
        credentials = clean(json_body(request), LOGIN, required=("username", "password"))
        with transaction.atomic():
            # authenticate() also spends a hash on unknown usernames, so timing does not
            # reveal which usernames exist.
            account = authenticate(request, **credentials)
            if account is None:
                raise unauthorized("The username or password is incorrect.")
            # Expired tokens can never be used again; a login is a natural moment to forget them.
            account.tokens.filter(expires_at__lte=timezone.now()).delete()
            secret, token = new_token(account, settings.TOKEN_TTL_SECONDS)
        return JsonResponse(token.to_json(secret))


class LogoutView(TokenRequiredMixin, ApiView):
    def post(self, request):
        self.token.delete()
        return no_content()


class AccountView(OwnerRequiredMixin, ApiView):
    def get(self, request, username):
        return JsonResponse(self.account.to_json(request, count_tasks(self.account)))

    def patch(self, request, username):
        values = clean(json_body(request), ACCOUNT_CHANGE)
        with transaction.atomic():
            if "email" in values:
                self.account.email = values["email"]
            if "password" in values:
                self.account.set_password(values["password"])
                # The contract asks for this: the token used stays valid, the others stop.
                self.account.tokens.exclude(pk=self.token.pk).delete()
            self.account.save(update_fields=values.keys())
        return JsonResponse(self.account.to_json(request, count_tasks(self.account)))

    def delete(self, request, username):
        with transaction.atomic():
            self.account.delete()  # the foreign keys cascade to its tasks and tokens
        return no_content()


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
            task = Task.objects.create(account=self.account, **values)
        body = task.to_json(request)
        return JsonResponse(body, status=201, headers={"Location": body["url"]})


class TaskView(OwnerRequiredMixin, ApiView):
    def get_task(self, task_id):
        """The caller's task with this id, or 404."""
        task = self.account.tasks.filter(pk=task_id).first() if task_id <= MAX_TASK_ID else None
        if task is None:
            raise ApiError(404, "The task was not found.")
        return task

    def get(self, request, username, task_id):
        return JsonResponse(self.get_task(task_id).to_json(request))

    def put(self, request, username, task_id):
        with transaction.atomic():
            # The contract asks for this: a missing task is 404 before anything about the body.
            task = self.get_task(task_id)
            values = TASK_DEFAULTS | clean(json_body(request), TASK, required=("name",))
            for field, value in values.items():
                setattr(task, field, value)
            task.save()
        return JsonResponse(task.to_json(request))

    def patch(self, request, username, task_id):
        with transaction.atomic():
            task = self.get_task(task_id)
            for field, value in clean(json_body(request), TASK).items():
                setattr(task, field, value)
            task.save()
        return JsonResponse(task.to_json(request))

    def delete(self, request, username, task_id):
        with transaction.atomic():
            self.get_task(task_id).delete()
        return no_content()
