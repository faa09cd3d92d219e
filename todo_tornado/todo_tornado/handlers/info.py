"""GET /api/v1 (info) and GET /api/v1/health."""

import logging

import tornado
from sqlalchemy import text
from tornado_sqlalchemy import as_future

from ..errors import Problem
from .base import BaseHandler

log = logging.getLogger(__name__)


class InfoHandler(BaseHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")
    uses_database = False  # answered on the IOLoop thread at once, whatever the database is doing

    def initialize(self, routes: list[str]):
        self.routes = routes

    def get(self):
        self.write_json(
            {
                "name": "To-Do List API",
                "api_version": "1.0.0",
                "framework": "tornado",
                "framework_version": tornado.version,
                "routes": self.routes,
            }
        )

    head = get


class HealthHandler(BaseHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

    async def get(self):
        try:
            await as_future(lambda: self.session.execute(text("SELECT 1")))
        except Exception:
            log.exception("health check: the database cannot be queried")
            raise Problem(503, "The database cannot be queried.") from None
        self.write_json({"status": "ok", "database": "ok"})

    head = get
