"""The one place every error of the API becomes an RFC 9457 problem+json response."""

import logging

from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError, connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)

# RFC 9110 reason phrases (Python 3.11's http.HTTPStatus still has the older 413 and 422 names).
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

# The contract's details for what goes wrong alike in every implementation (shared_spec/README.md,
# Errors). The 403's is in auth.py and the 404 of a task in views/tasks.py, where they are raised.
HOST_NOT_ALLOWED = "The Host header names a host this server does not serve."
NOTHING_HERE = "There is nothing at this path."
METHOD_NOT_SUPPORTED = (
    "This path does not support the method: the Allow header lists the ones it does."
)
SERVER_FAULT = "The server could not complete the request."
DATABASE_UNAVAILABLE = "The database cannot be reached; try again later."

# The detail when nothing more specific was said: Django's own errors, and ValidationError's 422.
DEFAULT_DETAILS = {
    400: "The request could not be understood.",
    403: "You may not access this resource.",
    404: NOTHING_HERE,
    405: METHOD_NOT_SUPPORTED,
    413: "The request body is larger than 65536 bytes.",
    422: "The request body has invalid fields.",
    500: SERVER_FAULT,
}

PROBLEM_JSON = "application/problem+json"
# Seconds a client should wait before retrying a 503.
RETRY_AFTER = "5"


def is_api_path(path):
    """`/api` and everything below it belong to the API; every other path to the site (pages)."""
    return path == "/api" or path.startswith("/api/")


def default_detail(status):
    return DEFAULT_DETAILS.get(status, TITLES.get(status, "Error"))


def problem(status, detail, *, errors=None, headers=None):
    """A problem+json response; `errors` (a list of {field, message}) only on 422."""
    title = TITLES.get(status, "Error")
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    response = JsonResponse(body, status=status, content_type=PROBLEM_JSON, headers=headers)
    response.reason_phrase = title
    return response


class ApiError(Exception):
    """Raised by a view, or anything it calls, to answer with a problem instead.

    Django's own Http404 and PermissionDenied carry no headers (401's WWW-Authenticate) and
    there is none for 401, 409, 413, 415, 422 or 503, so every error of the contract is this one.
    """

    def __init__(self, status, detail=None, *, errors=None, headers=None):
        super().__init__(detail)
        self.status = status
        self.detail = detail or default_detail(status)
        self.errors = errors
        self.headers = headers


class ProblemDetailsMiddleware:
    """Answer every error under /api as problem+json: the views' ApiError and whatever Django
    answers itself.

    A Host outside ALLOWED_HOSTS is refused first, before routing, on every path (the site's
    too). A view's ApiError (ValidationError included) arrives at process_exception, Django's
    hook for exceptions a view raises, and so does a database that cannot be reached (503). Any
    other exception goes on to Django, which logs it (logger django.request) and renders a 500
    page. That page, like the 404 of an unknown path and the 405 of View.http_method_not_allowed,
    is replaced in __call__. Errors of the site's paths are left to pages.errors (HTML pages).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            # The connection is closed, not kept for the next request (CONN_MAX_AGE): SQLite,
            # which Django always finds "usable", keeps a file it opened read-only read-only, so
            # a new connection is what finds it back. (Not inside a transaction the view does not
            # own: a test's, with ATOMIC_REQUESTS.) On the site, Django goes on to its 500 page.
            logger.warning("The database cannot be reached: %s", exception)
            if not connection.in_atomic_block:
                connection.close()
            # The contract asks for this (Django answers 500): unreachable, refusing connections
            # or read-only, the client may retry.
            exception = ApiError(503, DATABASE_UNAVAILABLE, headers={"Retry-After": RETRY_AFTER})
        if isinstance(exception, ApiError) and is_api_path(request.path_info):
            return problem(
                exception.status,
                exception.detail,
                errors=exception.errors,
                headers=exception.headers,
            )
        return None

    def __call__(self, request):
        try:
            request.get_host()  # Django's ALLOWED_HOSTS check (of X-Forwarded-Host if trusted)
        except DisallowedHost:
            # The contract asks for this: its own detail, on every path, before routing; Django
            # would answer only when something asks for the host, with a generic 400 page.
            return with_length(problem(400, HOST_NOT_ALLOWED))
        response = self.get_response(request)
        if (
            not is_api_path(request.path_info)
            or response.status_code < 400
            or response.get("Content-Type", "").startswith(PROBLEM_JSON)
        ):
            return response
        # The contract asks for this: problem+json even with DEBUG on, where Django renders its
        # HTML technical pages for 404 and 500 and never calls handler404 or handler500.
        status = response.status_code
        headers = {"Allow": response["Allow"]} if response.has_header("Allow") else None
        return with_length(problem(status, default_detail(status), headers=headers))


def with_length(response):
    """Content-Length for a response made here (or in pages.errors): CommonMiddleware, which sets
    it on every other response, runs inside these middlewares."""
    response["Content-Length"] = str(len(response.content))
    return response
