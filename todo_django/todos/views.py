"""One class-based view per resource, in the contract's order.

ApiView (base.py) has already checked the method (405), the body size (413) and, through
OwnerRequiredMixin, the token and its owner (401/403); each handler goes on with the addressed
task (404), media type and JSON (415/400), fields (422) and state (409).
"""

import django
from django.contrib.auth import authenticate, get_user_model
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.http import JsonResponse
from django.urls import reverse

from .auth import OwnerRequiredMixin, authenticate_bearer, issue_token, unauthorized
from .base import ApiView, no_content
from .errors import ApiError, problem
from .models import Task, account_as_json, timestamp
from .validation import read_json_object, read_page_query, validate

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
TASK_FIELDS = ("note", "completed", "due_date")
MAX_TASK_ID = 2**63 - 1  # BigAutoField: larger ids cannot exist, and the database would reject them


class InfoView(ApiView):
    def get(self, request):
        return JsonResponse(
            {
                "name": "To-Do List API",
                "api_version": "1.0.0",
                "framework": "django",
                "framework_version": django.get_version(),
                "routes": ROUTES,
            }
        )


class HealthView(ApiView):
    def get(self, request):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            return problem(503, "The database cannot be queried.")
        return JsonResponse({"status": "ok", "database": "ok"})


class AccountListView(ApiView):
    def post(self, request):
        fields = validate(read_json_object(request), required=("username", "email", "password"))
        try:
            with transaction.atomic():
                account = get_user_model().objects.create_user(**fields)
        except IntegrityError:
            # The unique index decides, so concurrent registrations of one name get one 201.
            raise ApiError(409, "This username is taken.") from None
        body = account_as_json(account, request)
        return JsonResponse(body, status=201, headers={"Location": body["url"]})


class LoginView(ApiView):
    def post(self, request):
        credentials = validate(read_json_object(request), required=("username", "password"))
        with transaction.atomic():
            # Django's authenticate() also spends a hash on unknown usernames, so timing
            # does not reveal which usernames exist.
            account = authenticate(request, **credentials)
            if account is None:
                raise unauthorized("The username or password is incorrect.")
            secret, token = issue_token(account)
        return JsonResponse(
            {
                "token": secret,
                "token_type": "Bearer",
                "expires_at": timestamp(token.expires_at),
                "username": account.username,
            }
        )


class LogoutView(ApiView):
    def authorize(self, request, **kwargs):
        self.token = authenticate_bearer(request)

    def post(self, request):
        self.token.delete()
        return no_content()


class AccountView(OwnerRequiredMixin, ApiView):
    def get(self, request, username):
        return JsonResponse(account_as_json(self.account, request))

    def patch(self, request, username):
        changes = validate(read_json_object(request), optional=("email", "password"))
        with transaction.atomic():
            if "email" in changes:
                self.account.email = changes["email"]
            if "password" in changes:
                self.account.set_password(changes["password"])
                self.account.tokens.exclude(pk=self.token.pk).delete()
            self.account.save(update_fields=changes.keys())
        return JsonResponse(account_as_json(self.account, request))

    def delete(self, request, username):
        with transaction.atomic():
            self.account.delete()  # the foreign keys cascade to its tasks and tokens
        return no_content()


class TaskListView(OwnerRequiredMixin, ApiView):
    def get(self, request, username):
        completed, limit, offset = read_page_query(request.GET)
        tasks = self.account.tasks.all()
        if completed is not None:
            tasks = tasks.filter(completed=completed)
        total = tasks.count()
        # Skipping the query past the end also keeps huge offsets away from the database.
        page = list(tasks[offset : offset + limit]) if offset < total else []

        def page_url(page_offset):
            query = {} if completed is None else {"completed": str(completed).lower()}
            query.update(limit=limit, offset=page_offset)
            path = reverse("todos:tasks", args=[username], query=query)
            return request.build_absolute_uri(path)

        return JsonResponse(
            {
                "username": username,
                "tasks": [task.as_json(request) for task in page],
                "total": total,
                "limit": limit,
                "offset": offset,
                "next": page_url(offset + limit) if offset + limit < total else None,
                "previous": page_url(max(offset - limit, 0)) if offset > 0 else None,
            }
        )

    def post(self, request, username):
        fields = validate(read_json_object(request), required=("name",), optional=TASK_FIELDS)
        with transaction.atomic():
            task = Task.objects.create(account=self.account, **fields)
        body = task.as_json(request)
        return JsonResponse(body, status=201, headers={"Location": body["url"]})


class TaskView(OwnerRequiredMixin, ApiView):
    def get_task(self, task_id):
        """The caller's task with this id, or 404 (also for ids too large to be task ids)."""
        task = self.account.tasks.filter(pk=task_id).first() if task_id <= MAX_TASK_ID else None
        if task is None:
            raise ApiError(404, "This account has no task with this id.")
        return task

    def get(self, request, username, task_id):
        return JsonResponse(self.get_task(task_id).as_json(request))

    def put(self, request, username, task_id):
        return self.update(request, task_id, required=("name",), defaults=True)

    def patch(self, request, username, task_id):
        return self.update(request, task_id, required=(), defaults=False)

    def update(self, request, task_id, *, required, defaults):
        """PUT replaces (omitted fields get their defaults); PATCH changes only what is given."""
        with transaction.atomic():
            task = self.get_task(task_id)
            optional = tuple(f for f in ("name", *TASK_FIELDS) if f not in required)
            changes = validate(read_json_object(request), required=required, optional=optional)
            if defaults:
                changes = {"note": "", "completed": False, "due_date": None, **changes}
            for field, value in changes.items():
                setattr(task, field, value)
            task.save()
        return JsonResponse(task.as_json(request))

    def delete(self, request, username, task_id):
        with transaction.atomic():
            self.get_task(task_id).delete()
        return no_content()
