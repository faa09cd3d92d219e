"""BaseHandler: the request body, the caller, CORS and problem+json."""

import functools
import json

import tornado.web

from .. import auth, cors
from ..database import UnitOfWorkMixin
from ..errors import RETRY_AFTER_SECONDS, Problem, problem_document
from ..hosts import request_host
from ..validation import DIGITS, MAX_BODY_BYTES

UNBOUNDED_BODY_BYTES = 1 << 40  # what the API's requests tell Tornado (see initialize)


@tornado.web.stream_request_body
class BaseHandler(UnitOfWorkMixin, tornado.web.RequestHandler):
    """The API's handlers: each lists its methods in SUPPORTED_METHODS, so Tornado answers any
    other method with 405 before prepare() runs (the contract puts routing first).

    The body is streamed (data_received) rather than left to Tornado, which would parse a form
    body before prepare() and answer a malformed one with 400, ahead of the contract's 401 and
    415; this API reads only JSON, and json_body() reads it from request.body.
    """

    current_token = None
    # Set once prepare() has finished: Tornado then reads the whole body and calls the method.
    reads_body = False

    def set_default_headers(self):
        # Tornado calls this for every response, and again after send_error's clear(), so every
        # error keeps the CORS headers too.
        if not self.settings["cors_origins"]:
            return
        self.set_header("Vary", "Origin")  # the answer depends on Origin, whoever asks
        origin = cors.allowed_origin(self.request, self.settings["cors_origins"])
        if origin:
            self.set_header("Access-Control-Allow-Origin", origin)
            self.set_header("Access-Control-Expose-Headers", cors.EXPOSE_HEADERS)

    def initialize(self):
        # Before Tornado reads any of the body: HTTPServer's max_body_size is the site's (its
        # forms), and Tornado would answer a body over it with a bare 400, as soon as a
        # Content-Length or a chunk-size line declares it. The API answers 413 (problem+json)
        # itself once 64 KiB have arrived, and Tornado then closes the connection, so no more
        # is read: for the API's requests this limit never needs to act.
        self.request.connection.set_max_body_size(UNBOUNDED_BODY_BYTES)

    def check_xsrf_cookie(self):
        pass  # xsrf_cookies is for the site's forms: the API takes bearer tokens, no cookies

    async def prepare(self):
        self.request.body = b""
        # The contract asks for 413 before authentication. A declared length is judged here,
        # before the body is read (by its digit count first: int() refuses over 4300 digits);
        # a chunked body declares none, so data_received() answers when it passes the limit.
        length = self.request.headers.get("Content-Length", "").lstrip("0")
        if DIGITS.fullmatch(length) and (
            len(length) > len(str(MAX_BODY_BYTES)) or int(length) > MAX_BODY_BYTES
        ):
            raise Problem(413)
        # Tornado's way to find an asynchronous current_user: look it up here, set it, and let
        # the decorators below decide what a missing one means. Several Authorization headers
        # are no credential at all.
        authorization = self.request.headers.get_list("Authorization")
        secret = auth.bearer_secret(authorization[0]) if len(authorization) == 1 else None
        if secret is not None:
            caller = await self.run_in_session(auth.find_caller, secret)
            if caller is not None:
                self.current_user, self.current_token = caller
        self.reads_body = True

    def data_received(self, chunk: bytes):
        if len(self.request.body) > MAX_BODY_BYTES:
            return  # answered already; Tornado closes the connection once the 413 is sent
        self.request.body += chunk
        if len(self.request.body) > MAX_BODY_BYTES:
            # The contract asks for 413 before 401 for a chunked body too: the handler method,
            # where the decorators answer 401, runs only after the whole body has arrived.
            self.reads_body = False  # the rest is not read (see write_error)
            self.send_error(413)

    def unauthenticated(self) -> Problem:
        """The 401 for a request prepare() found no caller for, saying why."""
        return Problem(401, auth.credentials_detail(self.request.headers.get_list("Authorization")))

    def absolute_url(self, name: str, *args) -> str:
        # xheaders=True (TRUST_PROXY_HEADERS) has already put X-Forwarded-Proto in protocol.
        host = request_host(self.request, self.settings["trust_proxy_headers"])
        return f"{self.request.protocol}://{host}{self.reverse_url(name, *args)}"

    def write_error(self, status_code: int, **kwargs):
        # Replaces Tornado's HTML page (and its traceback when debug is on) for every error,
        # including the 404 of default_handler_class, Tornado's own 405 and uncaught exceptions.
        error = kwargs["exc_info"][1] if "exc_info" in kwargs else None
        document = problem_document(status_code, error)
        self.set_status(document["status"], reason=document["title"])
        self.set_header("Content-Type", "application/problem+json")
        if document["status"] == 405:
            self.set_header("Allow", ", ".join(self.SUPPORTED_METHODS))
        if document["status"] == 401:
            self.set_header("WWW-Authenticate", 'Bearer realm="api"')
        if document["status"] == 503:
            self.set_header("Retry-After", str(RETRY_AFTER_SECONDS))
        if not self.reads_body:
            # An answer before the body is read (405, 404, the host's 400, 413, a 503 in
            # prepare): Tornado then closes the connection rather than read the body, so the
            # client is told, instead of finding out on its next request.
            self.set_header("Connection", "close")
        self.finish(json.dumps(document))


def authenticated(method):
    """tornado.web.authenticated for a bearer-token API: 401, where a site would redirect."""

    @functools.wraps(method)
    def wrapper(self, *args):
        if not self.current_user:
            raise self.unauthenticated()
        return method(self, *args)

    return wrapper


def owner_required(method):
    """authenticated, and the path's {username} must be the caller's own account."""

    @functools.wraps(method)
    def wrapper(self, username, *args):
        if not self.current_user:
            raise self.unauthenticated()
        if username != self.current_user.username:
            raise Problem(403)  # the contract asks for 403 whether or not that account exists
        return method(self, username, *args)

    return wrapper


class AnyMethod:
    """Contains every method name, so Tornado never turns an unknown path into a 405."""

    def __contains__(self, method):
        return True


class NotFoundHandler(BaseHandler):
    """Any path under /api that no URLSpec matches, with any method, is a 404 (problem+json)."""

    SUPPORTED_METHODS = AnyMethod()

    def prepare(self):
        raise Problem(404)


class HostNotAllowedHandler(BaseHandler):
    """The target of make_app()'s first rule: any path on a host not in ALLOWED_HOSTS is a 400."""

    SUPPORTED_METHODS = AnyMethod()

    def prepare(self):
        raise Problem(400, "The Host header names a host this server does not serve.")


class PreflightHandler(BaseHandler):
    """The target of make_app()'s second rule: a preflight from an allowed origin (cors.py)."""

    SUPPORTED_METHODS = ("OPTIONS",)

    def options(self):
        # The contract asks for this: 204, on any path, whatever the path's own methods.
        self.clear_header("Access-Control-Expose-Headers")  # for the answers, not the preflight
        self.set_header("Access-Control-Allow-Methods", cors.ALLOW_METHODS)
        self.set_header("Access-Control-Allow-Headers", cors.ALLOW_HEADERS)
        self.set_header("Access-Control-Max-Age", str(cors.MAX_AGE_SECONDS))
        self.set_status(204)
        self.finish()
