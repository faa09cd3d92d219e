"""Cross-origin requests (CORS), switched on by CORS_ORIGINS: a preflight answered before
routing, and the headers that let a page on an allowed origin read every answer."""

import re

from flask import current_app, request

ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE"
ALLOW_HEADERS = "Authorization, Content-Type"
EXPOSE_HEADERS = "Location, WWW-Authenticate, Retry-After"
MAX_AGE_SECONDS = 600
ORIGIN = re.compile(r"[a-z][a-z0-9+.-]*://[^/?#\s]+", re.ASCII | re.IGNORECASE)


def init_app(app):
    # flask-cors would answer a preflight through Flask's automatic OPTIONS response (200, on
    # known routes only, and OPTIONS 200 without CORS too); the contract asks for 204 on any
    # path and 405 otherwise, which two hooks say directly.
    if app.config["CORS_ORIGINS"]:
        app.before_request(answer_preflight)  # after hooks.check_host: the Host check comes first
        app.after_request(add_cors_headers)


def cors_origins(value):
    """CORS_ORIGINS as a set of origins (`*` for any), empty when unset; refuse anything else."""
    origins = {origin.strip() for origin in (value or "").split(",")} - {""}
    if origins != {"*"} and not all(ORIGIN.fullmatch(origin) for origin in origins):
        raise RuntimeError(
            f"CORS_ORIGINS must be * or comma-separated origins like https://app.example, "
            f"not {value!r}."
        )
    return frozenset(origins)


def allowed_origin():
    """The request's Origin when CORS_ORIGINS allows it, else None."""
    origin = request.headers.get("Origin")
    allowed = current_app.config["CORS_ORIGINS"]
    if origin and ("*" in allowed or origin in allowed):
        return origin
    return None


def is_preflight():
    return request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers


def answer_preflight():
    if not is_preflight() or allowed_origin() is None:
        return None  # an ordinary OPTIONS: routing answers 405
    # The contract asks for 204 on any path, known or not, before authentication.
    response = current_app.response_class(status=204)
    response.headers["Access-Control-Allow-Methods"] = ALLOW_METHODS
    response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
    response.headers["Access-Control-Max-Age"] = str(MAX_AGE_SECONDS)
    return response  # add_cors_headers adds the origin and Vary


def add_cors_headers(response):
    """Runs for every response, errors included (Flask calls it after the error handlers)."""
    response.vary.add("Origin")  # the answer depends on Origin, whoever asks
    origin = allowed_origin()
    if origin is not None:
        response.headers["Access-Control-Allow-Origin"] = origin
        if not is_preflight():
            response.headers["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
    return response
