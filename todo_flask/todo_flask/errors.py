"""The one place where every error is answered: problem+json under /api, the site's error page
elsewhere."""

from http import HTTPStatus

from flask import current_app, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import Forbidden, HTTPException, InternalServerError

from .hooks import is_api_path
from .validation import ValidationError

# RFC 9110 reason phrases, which the contract asks for. Werkzeug and Python 3.11's HTTPStatus
# still use the older RFC 7231 names for these two.
TITLES = {413: "Content Too Large", 422: "Unprocessable Content"}
# The contract's details where Werkzeug would send its own description, written for a person at
# a browser ("The requested URL was not found on the server. If you entered the URL manually
# ..."): routing's 404 and 405, a bare abort(404), and the 500 made below.
DETAILS = {
    404: "There is nothing at this path.",
    405: "This path does not support the method: the Allow header lists the ones it does.",
    500: "The server could not complete the request.",
}
# The site's error pages: the title (h1) and first paragraph ui.md fixes for each status. Other
# errors (the Host check's 400, 413) are problem+json on the site too.
PAGES = {
    403: (
        "Forbidden",
        "The form has expired or was not sent from this site. Reload the page and try again.",
    ),
    404: ("Page not found", "There is nothing at this address."),
    405: ("Method not allowed", "This address does not support that method."),
    500: ("Server error", "The server could not complete the request."),
}


def init_app(app):
    app.register_error_handler(ValidationError, invalid_fields)
    # What the driver raises when the database is down, unreachable, locked for too long or
    # not writable: the contract asks for 503 on every route that needs it, never 500.
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(InterfaceError, database_unavailable)
    # Flask-WTF's CSRFError is a 400; the contract asks for the 403 page.
    app.register_error_handler(CSRFError, form_not_from_this_site)
    # Registered for Exception, so it also receives every HTTPException (404, 405, 413 ...)
    # and Flask never falls back to its HTML error pages or the debugger.
    app.register_error_handler(Exception, http_error)


def invalid_fields(error):
    return problem(422, "The request body has invalid fields.", errors=error.errors)


def database_unavailable(error):
    current_app.logger.error("The database cannot be reached: %s", error.orig)
    if not is_api_path(request.path):
        return error_page(InternalServerError())  # the contract asks for this: 503 is the API's
    return problem(
        503, "The database cannot be reached; try again later.", headers=[("Retry-After", "5")]
    )


def form_not_from_this_site(error):
    current_app.logger.info("CSRF check failed: %s", error.description)
    return error_page(Forbidden())


def http_error(error):
    if not isinstance(error, HTTPException):
        current_app.logger.error("Unhandled exception", exc_info=error)
        error = InternalServerError()  # nothing about the cause reaches the client
    if error.code in PAGES and not is_api_path(request.path):
        return error_page(error)
    detail = error.description
    if detail == type(error).description:  # Werkzeug's own text: abort() was given none
        detail = DETAILS.get(error.code, detail)
    return problem(error.code, detail, headers=exception_headers(error))


def exception_headers(error):
    """What the exception adds (Allow on 405, WWW-Authenticate on 401), not its HTML type."""
    return [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]


def error_page(error):
    title, detail = PAGES[error.code]
    page = render_template("error.html", title=title, detail=detail)
    return page, error.code, exception_headers(error)


def problem(status, detail, errors=None, headers=()):
    body = {
        "type": "about:blank",
        "title": TITLES.get(status) or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    response = current_app.json.response(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    for name, value in headers:
        response.headers[name] = value
    return response
