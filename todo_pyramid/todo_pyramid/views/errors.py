"""Exception views: the one place every error becomes a response: an RFC 9457 problem+json
under /api, the site's HTML error page (pages/errors.py) everywhere else."""

import json
import logging
from http import HTTPStatus

from pyramid.exceptions import BadCSRFOrigin, BadCSRFToken, PredicateMismatch, URLDecodeError
from pyramid.httpexceptions import HTTPException, HTTPFound
from pyramid.response import Response
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config
from sqlalchemy.exc import InterfaceError, OperationalError

from ..hosts import UnknownHost
from ..models import Vanished
from ..pages.errors import error_page
from ..routes import is_api
from ..security import CHALLENGE, credentials_detail
from ..validation import ValidationError

log = logging.getLogger(__name__)

# RFC 9110 reason phrases (Pyramid's and older Pythons' titles predate RFC 9110 for 413 and 422).
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
# The details the contract fixes for every implementation (shared_spec/README.md, Errors).
NOTHING_HERE = "There is nothing at this path."
METHOD_NOT_SUPPORTED = (
    "This path does not support the method: the Allow header lists the ones it does."
)
NOT_YOURS = "The token does not give access to this account."
SERVER_FAULT = "The server could not complete the request."
DATABASE_UNAVAILABLE = "The database cannot be reached; try again later."
METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
RETRY_AFTER_SECONDS = 5  # the Retry-After of a 503


def title_of(status):
    return TITLES.get(status) or HTTPStatus(status).phrase


def problem(status, detail, errors=None, headers=None):
    title = title_of(status)
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    response = Response(
        json.dumps(body),
        status=f"{status} {title}",
        content_type="application/problem+json",
        charset="utf-8",
    )
    response.headers.update(headers or {})
    return response


def error_response(request, status, detail, headers=None):
    """The API's problem+json, or on the site's paths its error page."""
    if is_api(request):
        return problem(status, detail, headers=headers)
    return error_page(request, status, title_of(status), detail, headers)


def allowed_methods(request, route_name):
    """The methods the route's views accept, read back from Pyramid's view registrations."""
    methods = set()
    for entry in request.registry.introspector.get_category("views"):
        view = entry["introspectable"]
        if view["route_name"] == route_name and view["request_methods"]:
            request_methods = view["request_methods"]
            methods.update(
                [request_methods] if isinstance(request_methods, str) else request_methods
            )
    if "GET" in methods:
        methods.add("HEAD")
    return [method for method in METHOD_ORDER if method in methods]


@notfound_view_config()
def not_found(exc, request):
    # Pyramid reports "route matched but no view for this method" as a 404 PredicateMismatch;
    # the contract asks for this: 405 with an Allow header.
    if isinstance(exc, PredicateMismatch) and request.matched_route is not None:
        allow = ", ".join(allowed_methods(request, request.matched_route.name))
        return error_response(request, 405, METHOD_NOT_SUPPORTED, headers={"Allow": allow})
    if request.matched_route is None:
        return error_response(request, 404, NOTHING_HERE)
    return error_response(request, 404, exc.detail or "Not found.")


@exception_view_config(URLDecodeError)
def undecodable_path(exc, request):
    # A path that is not UTF-8 cannot match any route; request.path itself would raise again.
    return error_response(request, 404, NOTHING_HERE)


@forbidden_view_config()
def forbidden(exc, request):
    if not is_api(request):
        return site_forbidden(request)
    # Pyramid's default is 403 for any denial; the contract asks for this: 401 without a token.
    if request.identity is None:
        detail = credentials_detail(request.headers.get("Authorization"))
        return problem(401, detail, headers={"WWW-Authenticate": CHALLENGE})
    return problem(403, NOT_YOURS)


def site_forbidden(request):
    """A page that needs a session, without one: GET goes to sign in and comes back after (as
    the wiki2 tutorial does); any other method is the 403 page (the contract asks for this)."""
    if request.identity is None and request.method in ("GET", "HEAD"):
        query = {"next": request.path_qs}
        return HTTPFound(request.route_url("pages.login", _query=query))
    return error_page(request, 403)


@exception_view_config(BadCSRFToken)
@exception_view_config(BadCSRFOrigin)
def csrf_refused(exc, request):
    # Pyramid's is a 400; the contract asks for this: the 403 page. (The API is never checked.)
    return error_page(request, 403)


@exception_view_config(UnknownHost)
def unknown_host(exc, request):
    # The contract asks for this: problem+json on the site's paths too.
    return problem(400, exc.detail)


@exception_view_config(ValidationError)
def invalid_fields(exc, request):
    return problem(422, "The request body has invalid fields.", errors=exc.errors)


@exception_view_config(HTTPException)
def http_error(exc, request):
    status = exc.code if exc.code >= 400 else 500
    headers = {"WWW-Authenticate": CHALLENGE} if status == 401 else None
    return error_response(request, status, exc.detail or exc.title, headers=headers)


@exception_view_config(OperationalError)
@exception_view_config(InterfaceError)
def database_unavailable(exc, request):
    # The driver's errors for a database that is down, refuses connections or cannot be written.
    log.warning("The database cannot be reached: %s", exc.orig)
    if not is_api(request):
        return error_page(request, 500)  # the API's 503 is its own
    return problem(503, DATABASE_UNAVAILABLE, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


@exception_view_config(Vanished, retryable_error=True)
def retried(exc, request):
    # A race, not a fault, so nothing is logged: pyramid_retry throws this response away and
    # runs the request again (models.Vanished). On a last attempt (settings.py asks for at
    # least 2) this view does not match, and server_error below answers.
    return problem(503, "The request is being tried again.")


@exception_view_config(Exception)
def server_error(exc, request):
    path = request.environ.get("PATH_INFO")  # raw: decoding it is one way a request can fail
    log.error("Unexpected error on %s %s", request.method, path, exc_info=request.exc_info)
    return error_response(request, 500, SERVER_FAULT)
