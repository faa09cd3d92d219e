"""BaseHandler: the contract's order of checks, the request's session, and problem+json errors."""

import json

import tornado.web
from tornado_sqlalchemy import SessionMixin, as_future

from .. import auth
from ..database import BEGIN_IMMEDIATE
from ..errors import Problem, problem_document
from ..validation import validate

MAX_BODY_BYTES = 65536
PUBLIC, TOKEN, OWNER = "public", "token", "owner"


class BaseHandler(SessionMixin, tornado.web.RequestHandler):
    """SessionMixin comes first so its on_finish is part of the chain (RequestHandler's ends it).

    Each subclass lists its methods in SUPPORTED_METHODS: Tornado answers any other method with
    405 before prepare() runs, so routing (404/405) always decides first, as the contract orders.
    """

    access = PUBLIC  # TOKEN: any valid bearer token; OWNER: the token's owner must be {username}
    body_methods: tuple[str, ...] = ()  # methods whose JSON body prepare() parses
    uses_database = True

    def __init__(self, application, request, **kwargs):
        # Tornado parses form bodies before prepare() and answers a malformed one with 400, ahead
        # of the contract's 401 and 415; this API reads only JSON, so that parsing is switched off.
        request._parse_body = lambda: None
        super().__init__(application, request, **kwargs)

    async def prepare(self):
        self.current_token = None
        self.body = None
        self._holds_slot = False
        if len(self.request.body) > MAX_BODY_BYTES:
            raise Problem(413)
        if self.uses_database:  # one of DB_THREADS admissions: a thread and a connection (app.py)
            await self.settings["db_slots"].acquire()
            self._holds_slot = True
        if self.access != PUBLIC:
            await self.authenticate()
        await self.load(*self.path_args)
        if self.request.method in self.body_methods:
            self.body = self.parse_json_body()

    async def authenticate(self):
        """Resolve current_user from the bearer token (a query, so in the async prepare)."""
        secret = auth.bearer_secret(self.request.headers.get("Authorization"))
        if secret is None:
            raise Problem(401)
        caller = await as_future(lambda: auth.find_caller(self.session, secret))
        # End the lookup's short read transaction; writes begin their own with begin_write().
        await as_future(self.session.commit)
        if caller is None:
            raise Problem(401)
        self.current_user, self.current_token = caller
        if self.access == OWNER and self.path_args[0] != self.current_user.username:
            raise Problem(403)

    async def load(self, *path_args):
        """Hook for the resource a path names (404 when it does not exist); runs after auth."""

    def parse_json_body(self) -> dict:
        media_type = self.request.headers.get("Content-Type", "").partition(";")[0]
        if media_type.strip().lower() != "application/json":
            raise Problem(415)
        try:
            body = json.loads(self.request.body.decode("utf-8"), parse_constant=_reject_constant)
            json.dumps(body, ensure_ascii=False).encode("utf-8")  # "\ud800" parses, yet is no text
        except (UnicodeError, ValueError, RecursionError):
            raise Problem(400, "The request body is not valid UTF-8 JSON.") from None
        if not isinstance(body, dict):
            raise Problem(400, "The request body must be a JSON object.")
        return body

    def validated(self, rules: dict, required=()) -> dict:
        values, errors = validate(self.body, rules, required)
        if errors:
            raise Problem(422, errors=errors)
        return values

    async def begin_write(self):
        """Start this request's write transaction now; on SQLite that is BEGIN IMMEDIATE."""
        options = {BEGIN_IMMEDIATE: True}
        await as_future(lambda: self.session.connection(execution_options=options))

    def absolute_url(self, name: str, *args) -> str:
        return f"{self.request.protocol}://{self.request.host}{self.reverse_url(name, *args)}"

    def write_json(self, document: dict, status: int = 200):
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(document))

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
        self.finish(json.dumps(document))

    def on_finish(self):
        # SessionMixin.on_finish commits and closes on the IOLoop thread, and commits even after
        # an error. Handlers commit explicitly through as_future, so what is still open here is a
        # read or an interrupted write: roll it back and close it on a worker thread instead.
        session = self._session
        if session is not None and session.in_transaction():
            self._session = None
            as_future(session.close).add_done_callback(lambda _: self._release_slot())
        else:
            self._release_slot()
        super().on_finish()  # SessionMixin's: what is left is idle, so no I/O on the loop

    def _release_slot(self):
        if getattr(self, "_holds_slot", False):
            self._holds_slot = False
            self.settings["db_slots"].release()


class AnyMethod:
    """Contains every method name, so Tornado never turns an unknown path into a 405."""

    def __contains__(self, method):
        return True


class NotFoundHandler(BaseHandler):
    """default_handler_class: any path no URLSpec matches, with any method, is a 404."""

    SUPPORTED_METHODS = AnyMethod()
    uses_database = False

    async def prepare(self):
        raise Problem(404)


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")
