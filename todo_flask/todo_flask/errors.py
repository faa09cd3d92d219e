"""The one place where every error becomes an RFC 9457 problem+json response."""

from http import HTTPStatus

from flask import current_app
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

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


def init_app(app):
    app.register_error_handler(ValidationError, invalid_fields)
    # What the driver raises when the database is down, unreachable, locked for too long or
    # not writable: the contract asks for 503 on every route that needs it, never 500.
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(InterfaceError, database_unavailable)
    # Registered for Exception, so it also receives every HTTPException (404, 405, 413 ...)
    # and Flask never falls back to its HTML error pages or the debugger.
    app.register_error_handler(Exception, http_error)


def invalid_fields(error):
    return problem(422, "The request body has invalid fields.", errors=error.errors)


def database_unavailable(error):
    current_app.logger.error("The database cannot be reached: %s", error.orig)
    return problem(
        503, "The database cannot be reached; try again later.", headers=[("Retry-After", "5")]
    )


def http_error(error):
    if not isinstance(error, HTTPException):
        current_app.logger.error("Unhandled exception", exc_info=error)
        error = InternalServerError()  # nothing about the cause reaches the client
    detail = error.description
    if detail == type(error).description:  # Werkzeug's own text: abort() was given none
        detail = DETAILS.get(error.code, detail)
    # Keep what the exception adds (Allow on 405, WWW-Authenticate on 401), not its HTML type.
    headers = [
        (name, value) for name, value in error.get_headers() if name.lower() != "content-type"
    ]
    return problem(error.code, detail, headers=headers)


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
