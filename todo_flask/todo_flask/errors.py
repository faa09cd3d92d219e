"""The one place where every error becomes an RFC 9457 problem+json response."""

from http import HTTPStatus

from flask import current_app
from werkzeug.exceptions import HTTPException, InternalServerError, UnprocessableEntity

# RFC 9110 reason phrases. Werkzeug and Python 3.11's HTTPStatus still use the older
# RFC 7231 names for these two.
TITLES = {413: "Content Too Large", 422: "Unprocessable Content"}


class FieldErrors(UnprocessableEntity):
    """422 carrying one `{"field", "message"}` entry per bad field."""

    description = "The request body has invalid fields."

    def __init__(self, errors):
        super().__init__()
        self.errors = errors


def init_app(app):
    # Registered for Exception, so it also receives every HTTPException (404, 405, 413 ...)
    # and Flask never falls back to its HTML error pages or the debugger.
    app.register_error_handler(Exception, problem_response)


def problem_response(error):
    if not isinstance(error, HTTPException):
        current_app.logger.error("Unhandled exception", exc_info=error)
        error = InternalServerError()  # its description reveals nothing about the cause
    problem = {
        "type": "about:blank",
        "title": TITLES.get(error.code) or HTTPStatus(error.code).phrase,
        "status": error.code,
        "detail": error.description,
    }
    if isinstance(error, FieldErrors):
        problem["errors"] = error.errors
    response = current_app.json.response(problem)
    response.status_code = error.code
    response.mimetype = "application/problem+json"
    # Keep what the exception adds (Allow on 405, WWW-Authenticate on 401), not its HTML type.
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response
