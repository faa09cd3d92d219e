"""The site's error pages: HTML in the layout, never a trace (views/errors.py chooses them for
every path outside /api)."""

from pyramid.renderers import render_to_response
from sqlalchemy.exc import SQLAlchemyError

ERROR = "todo_pyramid:templates/error.jinja2"
# The title and first paragraph of each (shared_spec/ui.md, Error pages).
ERROR_PAGES = {
    403: (
        "Forbidden",
        "The form has expired or was not sent from this site. Reload the page and try again.",
    ),
    404: ("Page not found", "There is nothing at this address."),
    405: ("Method not allowed", "This address does not support that method."),
    500: ("Server error", "The server could not complete the request."),
}


def error_page(request, status, title=None, detail=None, headers=None):
    """The page for `status`: ui.md's title and text, or for a status it does not name (a 413)
    the `title` and `detail` a problem+json would have."""
    title, detail = ERROR_PAGES.get(status, (title, detail))
    values = {"title": title, "detail": detail, "account": signed_in_account(request)}
    response = render_to_response(ERROR, values, request=request)
    response.status_int = status
    response.headers.update(headers or {})
    return response


def signed_in_account(request):
    """Who the layout shows as signed in: nobody when the database cannot say, so that the 500
    page of a database outage renders all the same."""
    try:
        identity = request.identity
        if identity is None or not identity.account.username:  # read here, where it may fail
            return None
    except SQLAlchemyError:
        return None
    return identity.account
