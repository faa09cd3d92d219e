"""The checks made before any view, in the contract's order: the host (400), a path that starts
with an empty segment (404), the body's size (413). And a reverse proxy's headers, and which
paths are the API's."""

from flask import abort, current_app, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from .validation import MAX_BODY_BYTES


def init_app(app):
    if app.config["TRUST_PROXY_HEADERS"]:
        # Werkzeug's tool for one trusted proxy: its X-Forwarded-Proto and X-Forwarded-Host
        # become the request's scheme and Host, so check_host and url_for() see them.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1, x_host=1)
    # Flask runs before_request hooks in this order, and before it raises a routing error.
    app.before_request(check_host)
    app.before_request(reject_leading_empty_segment)
    app.before_request(reject_large_body)


def is_api_path(path):
    """`/api` and `/api/...` belong to the API; every other path to the site (ui.md, Paths)."""
    return path == "/api" or path.startswith("/api/")


def check_host():
    """400 unless the request's host (without its port) is one of ALLOWED_HOSTS."""
    # Flask's TRUSTED_HOSTS would be the idiom, but Werkzeug compares the names
    # case-sensitively and cannot name an IPv6 host; the contract asks for both.
    allowed = current_app.config["ALLOWED_HOSTS"]
    if "*" not in allowed and host_name(request.host) not in allowed:
        abort(400, description="The Host header names a host this server does not serve.")


def host_name(host):
    """`name[:port]` or `[IPv6][:port]` (Werkzeug leaves it empty when malformed) -> the name."""
    if host.startswith("["):
        return host.partition("]")[0].lower() + "]"
    return host.partition(":")[0].lower()


def reject_leading_empty_segment():
    # The contract asks for this: `//api/v1` is an unknown path. Werkzeug's router strips
    # leading slashes (url_map.merge_slashes = False keeps only the inner ones apart). Under
    # `flask run` the app never sees them: Python's http.server reduces them to one (README).
    if request.environ.get("PATH_INFO", "").startswith("//"):
        abort(404)


def reject_large_body():
    """413 before authentication: read (at most MAX_CONTENT_LENGTH bytes of) every body up front."""
    # Routing must win (404, 405): Flask raises its error only after these hooks.
    if request.routing_exception is not None:
        return
    try:
        # MAX_CONTENT_LENGTH is the limit + 1: Werkzeug ends a chunked body silently there.
        too_large = len(request.get_data()) > MAX_BODY_BYTES  # cached: views read it for free
    except RequestEntityTooLarge:  # its Content-Length says so; nothing was read
        too_large = True
    except HTTPException:  # Werkzeug's 400 for a body cut short
        raise
    except Exception:  # the server's own, e.g. gunicorn's ParseException for bad chunk framing
        abort(400, description="The request body could not be read.")
    if too_large:
        # Werkzeug would only notice when a view reads the body; the contract asks for 413 first.
        abort(413, description=f"The request body is larger than {MAX_BODY_BYTES} bytes.")
