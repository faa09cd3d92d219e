"""Cross-origin requests (CORS), switched on by CORS_ORIGINS (config.py parses it).

BaseHandler.set_default_headers adds the origin's headers to every answer; a preflight from an
allowed origin is routed by make_app()'s second rule, whose matcher is below, to PreflightHandler.
"""

from tornado.routing import Matcher

ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE"
ALLOW_HEADERS = "Authorization, Content-Type"
EXPOSE_HEADERS = "Location, WWW-Authenticate, Retry-After"
MAX_AGE_SECONDS = 600


def allowed_origin(request, cors_origins: tuple[str, ...]) -> str | None:
    """The request's Origin when CORS_ORIGINS allows it (compared exactly), else None."""
    origin = request.headers.get("Origin")
    if origin and ("*" in cors_origins or origin in cors_origins):
        return origin
    return None


def is_preflight(request) -> bool:
    return request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers


class AllowedPreflight(Matcher):
    """A routing rule's matcher (tornado.routing): a preflight from an allowed origin, any path.

    Tornado answers 405 for a method missing from a handler's SUPPORTED_METHODS before any of its
    code runs, so the preflight is taken aside by the router, as the host rule does.
    """

    def __init__(self, cors_origins: tuple[str, ...]):
        self.cors_origins = cors_origins

    def match(self, request):
        if is_preflight(request) and allowed_origin(request, self.cors_origins):
            return {}
        return None
