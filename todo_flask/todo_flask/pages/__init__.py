"""The browser app: server-rendered pages on the same accounts and tasks as the API, in one
blueprint (`pages`), as flaskr builds its site. The views register themselves on `bp` below."""

from importlib.metadata import version

from flask import Blueprint, request
from flask_wtf.csrf import CSRFProtect

from ..hooks import is_api_path
from ..models import timestamp

bp = Blueprint("pages", __name__)
FRAMEWORK_VERSION = version("flask")
# Dates as the API writes them (year 0098, not 98), for the pages to cut as they show them.
bp.add_app_template_global(timestamp)
# Flask-WTF's protection for every form of the app; create_app exempts the API's blueprints.
csrf = CSRFProtect()

# The contract asks for these on every page of the site, redirects and error pages included.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@bp.after_app_request
def add_security_headers(response):
    """Every response outside /api (Flask runs this for error handlers' responses too)."""
    if not is_api_path(request.path):
        response.headers.update(SECURITY_HEADERS)
    return response


@bp.app_context_processor
def framework():
    """The footer's "Served by Flask {version}"."""
    return {"framework_version": FRAMEWORK_VERSION}


from . import account, auth, tasks  # noqa: E402, F401  (they need bp first)
