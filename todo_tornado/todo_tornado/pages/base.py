"""PageHandler, the site's base beside the API's BaseHandler: the user from the signed session
cookie, flash messages, the security headers and the HTML error pages (ui.md)."""

import string
import unicodedata
from urllib.parse import quote, urlsplit

import tornado.web
from tornado.web import HTTPError

from .. import auth
from ..database import UnitOfWorkMixin
from ..handlers.accounts import issue_token, revoke_token
from ..handlers.base import AnyMethod

# The contract asks for these on every page of the site, redirects and error pages included.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
# ui.md's error pages (h1, paragraph); another status is shown as 400 or 500.
ERROR_PAGES = {
    400: ("Bad request", "The request could not be understood."),
    403: (
        "Forbidden",
        "The form has expired or was not sent from this site. Reload the page and try again.",
    ),
    404: ("Page not found", "There is nothing at this address."),
    405: ("Method not allowed", "This address does not support that method."),
    500: ("Server error", "The server could not complete the request."),
}
URL_CHARACTERS = string.ascii_letters + string.digits + string.punctuation


class SiteMixin:
    """What every answer of the site has: the security headers, and errors as pages."""

    def set_default_headers(self):
        # Tornado calls this for every response and again after send_error's clear(), so
        # redirects and error pages carry the headers too.
        for name, value in SECURITY_HEADERS.items():
            self.set_header(name, value)

    def write_error(self, status_code: int, **kwargs):
        # Replaces Tornado's page (and its traceback when debug is on) for every error: the
        # CSRF check's 403 and @authenticated's, 404s, Tornado's 405, uncaught exceptions.
        # run_in_session's 503 (no database) is the site's 500 page: the contract asks for this.
        if status_code not in ERROR_PAGES:
            status_code = 500 if status_code >= 500 else 400
        self.set_status(status_code)
        if status_code == 405:
            self.set_header("Allow", ", ".join(self.SUPPORTED_METHODS))
        title, detail = ERROR_PAGES[status_code]
        self.render("error.html", title=title, detail=detail, flashes=[])


class PageHandler(SiteMixin, UnitOfWorkMixin, tornado.web.RequestHandler):
    """The site's handlers, as in Tornado's demos/blog: templates/, UI modules, xsrf_cookies,
    @tornado.web.authenticated; each lists its methods in SUPPORTED_METHODS (405 otherwise)."""

    current_token = None  # the session's row in the tokens table

    async def prepare(self):
        # Tornado's place for a current_user that needs a query (get_current_user cannot await).
        # The cookie holds a token's secret; the tokens table says whether it is still alive
        # (signed out, password changed, account deleted, TOKEN_TTL_SECONDS past).
        secret = self.get_signed_cookie("session", max_age_days=self.token_ttl_days())
        if secret is not None:
            caller = await self.run_in_session(auth.find_caller, secret.decode())
            if caller is not None:
                self.current_user, self.current_token = caller

    def token_ttl_days(self) -> float:
        return self.settings["token_ttl_seconds"] / 86400  # the row's expiry decides, not this

    async def start_session(self, account) -> bool:
        """Sign in: a new token, its secret in the session cookie; the previous one ends."""
        secret, token = await issue_token(self, account, revoked=self.current_token)
        if token is None:  # the account was deleted meanwhile
            return False
        # No expires_days: the session cookie ends with the browser.
        self.set_signed_cookie("session", secret, expires_days=None, **self.cookie_flags())
        self.current_user, self.current_token = account, token
        return True

    async def end_session(self):
        """Sign out: the session's token is deleted, so a copy of the cookie opens nothing."""
        if self.current_token is not None:
            await self.run_in_session(revoke_token, self.current_token.id, write=True)
        self.forget_session()

    def forget_session(self):
        self.clear_cookie("session", **self.cookie_flags())

    def cookie_flags(self) -> dict:
        return self.settings["cookie_flags"]  # HttpOnly, SameSite=Lax, Secure (SECURE_COOKIES)

    def redirect_with_flash(self, url: str, message: str):
        """POST-redirect-GET: 303 to url, whose page shows the message once (a signed cookie:
        Tornado has no flash messages of its own)."""
        self.set_signed_cookie("flash", message, expires_days=None, **self.cookie_flags())
        self.redirect(url, status=303)

    def render(self, template_name: str, **kwargs):
        if "flashes" not in kwargs:  # error pages pass [] and leave the message for later
            kwargs["flashes"] = self.take_flashes()
        return super().render(template_name, **kwargs)

    def take_flashes(self) -> list[str]:
        message = self.get_signed_cookie("flash")
        if message is None:
            return []
        self.clear_cookie("flash", **self.cookie_flags())
        return [message.decode()]

    def render_invalid(self, template_name: str, **kwargs):
        """A form shown again with its errors: status 400 (the contract asks for this)."""
        self.set_status(400)
        return self.render(template_name, **kwargs)


class PageNotFoundHandler(PageHandler):
    """default_handler_class: any path no rule matches (outside /api) is the 404 page."""

    SUPPORTED_METHODS = AnyMethod()  # so an unknown path is never a 405

    def check_xsrf_cookie(self):
        pass  # as Tornado's own ErrorHandler: nothing happens here, so a stray POST is a 404

    async def prepare(self):
        await super().prepare()  # the page's layout shows who is signed in
        raise HTTPError(404)


class StaticHandler(SiteMixin, tornado.web.StaticFileHandler):
    """static_handler_class: static/ (the stylesheet), and the /favicon.ico and /robots.txt
    that Tornado routes to it: a missing file is the site's 404 page."""

    SUPPORTED_METHODS = ("GET", "HEAD")

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        try:
            return super().validate_absolute_path(root, absolute_path)
        except HTTPError as error:
            if error.status_code != 403:
                raise
            # Tornado's 403 for a folder (/static/) would be the CSRF page's words: the
            # contract asks for the 404 page where there is nothing to show.
            raise HTTPError(404) from None


def local_path(url: str, under: str = "/") -> str | None:
    """url when it is a path on this site starting with ``under`` (ui.md, Local paths): a
    single leading /, no backslash, no control character, no scheme. Else None."""
    if (
        not url.startswith(under)
        or url[1:2] == "/"
        or "\\" in url
        or any(unicodedata.category(character) == "Cc" for character in url)
        or urlsplit(url).scheme
    ):
        return None
    return quote(url, safe=URL_CHARACTERS)  # Location is ASCII: anything else percent-encoded
