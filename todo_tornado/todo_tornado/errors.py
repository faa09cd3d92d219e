"""The one place an error becomes an RFC 9457 problem document (used by BaseHandler.write_error)."""

from tornado.web import HTTPError

from .auth import REJECTED_CREDENTIALS

# RFC 9110 reason phrases; Python 3.11's http.HTTPStatus still has the older 413 and 422 names.
TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    500: "Internal Server Error",
    503: "Service Unavailable",
}

# A Problem without a detail of its own gets its status's here, so this table also replaces the
# texts of Tornado's own errors (its 405, an uncaught exception's 500). The contract fixes the
# 403, 404 (NotFoundHandler's: no route matches), 405, 500 and 503 texts for every implementation.
DETAILS = {
    400: "The request could not be understood.",
    401: REJECTED_CREDENTIALS,  # a caller gone meanwhile; handlers/base.py says the rest
    403: "The token does not give access to this account.",
    404: "There is nothing at this path.",
    405: "This path does not support the method: the Allow header lists the ones it does.",
    409: "The request conflicts with the current state of the resource.",
    413: "The request body is larger than 65536 bytes.",
    415: "The request body must be sent as application/json.",
    422: "The request body has invalid fields.",
    500: "The server could not complete the request.",
    503: "The database cannot be reached; try again later.",
}
RETRY_AFTER_SECONDS = 5  # the Retry-After of a 503


class Problem(HTTPError):
    """An HTTPError carrying the problem document's detail (and field errors for 422)."""

    def __init__(self, status: int, detail: str | None = None, errors: list | None = None):
        super().__init__(status, reason=TITLES.get(status))
        self.detail = detail
        self.errors = errors


def problem_document(status: int, error: BaseException | None) -> dict:
    """The body for ``status``; only a Problem's own words reach the client, never internals."""
    if status not in TITLES:
        status = 500 if status >= 500 else 400
    document = {
        "type": "about:blank",
        "title": TITLES[status],
        "status": status,
        "detail": getattr(error, "detail", None) or DETAILS[status],
    }
    if status == 422:
        document["errors"] = getattr(error, "errors", None) or []
    return document
