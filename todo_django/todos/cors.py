"""Cross-origin requests (CORS), switched on by CORS_ORIGINS: a preflight answered before
routing, and the headers that let a page on an allowed origin read every answer."""

from django.conf import settings
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.utils.cache import patch_vary_headers

from .base import no_content

ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE"
ALLOW_HEADERS = "Authorization, Content-Type"
EXPOSE_HEADERS = "Location, WWW-Authenticate, Retry-After"
MAX_AGE_SECONDS = 600


def is_preflight(request):
    return request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers


def is_served(request):
    """Django's ALLOWED_HOSTS check: a host it refuses goes on to ProblemDetailsMiddleware's 400."""
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


def preflight():
    # The contract asks for this: 204 (not 200), on any path, known or not, before authentication.
    response = no_content()
    response["Access-Control-Allow-Methods"] = ALLOW_METHODS
    response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
    response["Access-Control-Max-Age"] = str(MAX_AGE_SECONDS)
    return response


class CorsMiddleware:
    """Answer an allowed origin's preflight, and give its every other answer the CORS headers.

    It wraps ProblemDetailsMiddleware (settings.MIDDLEWARE), so the headers land on every error
    too, the Host check's 400 included. Off (CORS_ORIGINS empty), Django leaves it out.
    """

    def __init__(self, get_response):
        if not settings.CORS_ORIGINS:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.origins = settings.CORS_ORIGINS

    def allowed_origin(self, request):
        """The request's Origin when CORS_ORIGINS allows it (compared as sent), else None."""
        origin = request.headers.get("Origin")
        if origin and ("*" in self.origins or origin in self.origins):
            return origin
        return None

    def __call__(self, request):
        origin = self.allowed_origin(request)
        if origin and is_preflight(request) and is_served(request):
            response = preflight()
        else:
            response = self.get_response(request)  # a preflight from elsewhere: OPTIONS is 405
            if origin:
                response["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
        if origin:
            response["Access-Control-Allow-Origin"] = origin
        patch_vary_headers(response, ["Origin"])  # the answer depends on Origin, whoever asks
        return response
