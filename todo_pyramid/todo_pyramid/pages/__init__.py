"""The browser app (shared_spec/ui.md) beside the API: Jinja2 templates, static files, the signed
session cookie, CSRF and the security headers. Its routes are in routes.py, its views in
auth.py, tasks.py and account.py (found by config.scan()), its forms in forms.py."""

from importlib.metadata import version

from pyramid.events import BeforeRender, NewResponse
from pyramid.session import SignedCookieSessionFactory

from ..models.meta import timestamp
from ..routes import is_api
from ..settings import secret_key

# Every response of the site carries these (pages, error pages, redirects): the contract asks
# for this, Pyramid sends none of them by itself.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
FRAMEWORK_VERSION = version("pyramid")


def add_security_headers(event):
    if not is_api(event.request):
        event.response.headers.update(SECURITY_HEADERS)


def add_renderer_globals(event):
    """What every template may use besides request and get_csrf_token (Pyramid's own)."""
    event["framework_version"] = FRAMEWORK_VERSION
    event["timestamp"] = timestamp  # 2026-12-24T18:00:00Z, the API's form of a moment


def includeme(config):
    settings = config.get_settings()
    config.include("pyramid_jinja2")  # the .jinja2 renderer; autoescape is on by default
    config.add_static_view("static", "todo_pyramid:static", cache_max_age=3600)
    # The session holds the browser session's token (security.py): a row of the tokens table,
    # so signing out, a password change or a deleted account ends it on the server too. No
    # max_age, so the cookie ends with the browser; no timeout or reissue, as the token's own
    # expiry (TOKEN_TTL_SECONDS) decides how long a session lasts.
    session_factory = SignedCookieSessionFactory(
        secret_key(settings["session.secret"]),
        httponly=True,
        samesite="Lax",
        secure=settings["session.secure_cookies"],
        max_age=None,
        timeout=None,
        reissue_time=None,
    )
    config.set_session_factory(session_factory)
    # One callback exempts every API view (bearer tokens, no cookies) rather than
    # require_csrf=False on each of them: the same rule as the security policy's, by path.
    config.set_default_csrf_options(require_csrf=True, callback=lambda request: not is_api(request))
    config.add_subscriber(add_security_headers, NewResponse)
    config.add_subscriber(add_renderer_globals, BeforeRender)
