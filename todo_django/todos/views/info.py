"""GET /api/v1 (what this server is) and GET /api/v1/health (whether it can reach its database)."""

import django
from django.db import connection
from django.http import JsonResponse

from ..base import ApiView

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


class InfoView(ApiView):
    def get(self, request):
        info = {"name": "To-Do List API", "api_version": "1.4.0", "framework": "django"}
        return JsonResponse({**info, "framework_version": django.get_version(), "routes": ROUTES})


class HealthView(ApiView):
    def get(self, request):
        # A database that cannot be reached raises OperationalError: errors.py answers 503.
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok", "database": "ok"})
