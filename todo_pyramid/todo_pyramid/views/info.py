"""GET /api/v1 and GET /api/v1/health."""

from importlib.metadata import version

from pyramid.view import view_config
from sqlalchemy import text

# The contract's list, in its order; GET /api/v1 shows it.
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


@view_config(route_name="info", request_method="GET", renderer="json")
def info(request):
    return {
        "name": "To-Do List API",
        "api_version": "1.4.0",
        "framework": "pyramid",
        "framework_version": version("pyramid"),
        "routes": ROUTES,
    }


@view_config(route_name="health", request_method="GET", renderer="json")
def health(request):
    # A database that cannot be reached is a 503 here as on every route (views/errors.py).
    request.dbsession.execute(text("SELECT 1"))
    return {"status": "ok", "database": "ok"}
