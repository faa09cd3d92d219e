"""Cross-origin requests (CORS), switched on by CORS_ORIGINS: a preflight answered before
routing, and the headers that let a page on an allowed origin read every answer.

Two tweens, as no one place in the chain can do both. The headers go on in the outermost one,
over pyramid_tm and the exception view tween, so they land on every response: the Host check's
400 and every problem+json included. The preflight is answered under the Host check (the
contract checks the host first) and above URL dispatch, so any path, even an unknown one, has it.
"""

from pyramid.httpexceptions import HTTPNoContent
from pyramid.tweens import INGRESS

ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE"
ALLOW_HEADERS = "Authorization, Content-Type"
EXPOSE_HEADERS = "Location, WWW-Authenticate, Retry-After"
MAX_AGE_SECONDS = 600


def allowed_origin(request, origins):
    """The request's Origin when CORS_ORIGINS allows it, else None."""
    origin = request.headers.get("Origin")
    if origin and ("*" in origins or origin in origins):
        return origin
    return None


def is_preflight(request):
    return request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers


def cors_tween_factory(handler, registry):
    origins = registry.settings["cors.origins"]

    def cors_tween(request):
        response = handler(request)
        response.vary = (*(response.vary or ()), "Origin")  # the answer depends on Origin
        origin = allowed_origin(request, origins)
        if origin is not None:
            response.headers["Access-Control-Allow-Origin"] = origin
            if not is_preflight(request):
                response.headers["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
        return response

    return cors_tween


def preflight_tween_factory(handler, registry):
    origins = registry.settings["cors.origins"]

    def preflight_tween(request):
        if not is_preflight(request) or allowed_origin(request, origins) is None:
            return handler(request)  # an ordinary OPTIONS: URL dispatch answers 405
        # The contract asks for this: 204 on any path, known or not, without authentication.
        headers = {
            "Access-Control-Allow-Methods": ALLOW_METHODS,
            "Access-Control-Allow-Headers": ALLOW_HEADERS,
            "Access-Control-Max-Age": str(MAX_AGE_SECONDS),
        }
        return HTTPNoContent(headers=headers)  # cors_tween adds the origin and Vary

    return preflight_tween


def includeme(config):
    if not config.get_settings()["cors.origins"]:
        return  # CORS off: responses are exactly those of a server without it
    config.add_tween("todo_pyramid.cors.cors_tween_factory", under=INGRESS)
    config.add_tween(
        "todo_pyramid.cors.preflight_tween_factory",
        under="todo_pyramid.hosts.host_tween_factory",
        over="todo_pyramid.routes.raw_path_tween_factory",  # so a // path has its 204 too
    )
