"""GET /api/v1 (info) and GET /api/v1/health."""

import tornado
from sqlalchemy import text

from .base import BaseHandler

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


class InfoHandler(BaseHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

    def get(self):  # answered on the IOLoop thread at once, whatever the database is doing
        self.write(
            {
                "name": "To-Do List API",
                "api_version": "1.4.0",
                "framework": "tornado",
                "framework_version": tornado.version,
                "routes": ROUTES,
            }
        )

    head = get


class HealthHandler(BaseHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

    async def get(self):
        # A database that cannot be reached is a 503, as on every route (run_in_session).
        await self.run_in_session(lambda session: session.execute(text("SELECT 1")))
        self.write({"status": "ok", "database": "ok"})

    head = get
