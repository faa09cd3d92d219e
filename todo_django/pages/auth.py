"""Who the site's visitor is: django.contrib.auth's session, required where the contract asks for
it, and the local paths a form may send the visitor on to."""

import unicodedata
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from todos.auth import locked_account


def signin_required(view):
    """login_required for GET and HEAD (302 to /login?next=<path and query>); any other method
    without a signed-in session is the 403 page."""
    page = login_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # The contract asks for this: login_required would redirect a POST to the sign-in page.
        # (Without a session the CSRF check has usually refused it already.)
        if request.method not in ("GET", "HEAD") and not request.user.is_authenticated:
            raise PermissionDenied
        return page(request, *args, **kwargs)

    return wrapper


def lock_signed_in_account(request):
    """The signed-in account's row, locked until the transaction ends, as the API locks it
    before each write (todos.auth.locked_account); the 403 page if it was deleted meanwhile,
    since its sessions went with it."""
    account = locked_account(request.user)
    if account is None:
        raise PermissionDenied
    return account


def is_local_path(url):
    """A path on this site: it starts with one "/" (so it has no scheme or host), holds no
    backslash (which browsers read as "/") and no control character.

    The contract asks for this: Django's url_has_allowed_host_and_scheme(), which LoginView
    uses, also accepts an absolute URL on this host (http://localhost:8000/tasks).
    """
    return (
        url.startswith("/")
        and not url.startswith("//")
        and "\\" not in url
        and not any(unicodedata.category(character) == "Cc" for character in url)
    )
