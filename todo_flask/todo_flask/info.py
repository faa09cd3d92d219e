"""Public views: what this API is (info) and whether it can reach its database (health)."""

from importlib.metadata import version

from flask import Blueprint
from sqlalchemy import select

from .db import db

bp = Blueprint("info", __name__, url_prefix="/api/v1")

# The contract's list, in its order (tests/test_info.py checks it against the URL map).
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


@bp.get("")
def index():
    return {
        "name": "To-Do List API",
        "api_version": "1.4.0",
        "framework": "flask",
        "framework_version": version("flask"),
        "routes": ROUTES,
    }


@bp.get("/health")
def health():
    db.session.execute(select(1))  # when it cannot, errors.py answers 503 as for every route
    return {"status": "ok", "database": "ok"}
