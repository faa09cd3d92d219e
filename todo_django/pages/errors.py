"""The site's error pages: HTML in the layout, never a trace, whatever DEBUG says.

Django answers errors with the handlers below (handler400/403/404/500 in the root URLconf) and
CSRF_FAILURE_VIEW, but only with DEBUG off: with it on, it renders its technical 404 and 500
pages, which show code and settings. And a 405 (require_http_methods, a class-based view) has no
body at all. ErrorPageMiddleware therefore replaces every other error answer of a site path, the
way todos.errors.ProblemDetailsMiddleware does for the API, which keeps problem+json.
"""

from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError
from django.template.response import SimpleTemplateResponse, TemplateResponse

from todos.errors import is_api_path, with_length

# The contract's texts (shared_spec/ui.md, Error pages): the h1, then the first paragraph. 400
# has no page of its own there: Django's (a malformed request) gets these words.
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


def error_page(request, status):
    """The page of `status` (another 4xx or 5xx gets the 400's or the 500's words), rendered."""
    title, detail = ERROR_PAGES.get(status) or ERROR_PAGES[500 if status >= 500 else 400]
    # The flashes wait for the next page. A 500 may come from the database, which holds the
    # session and the user: its page asks for neither and shows the signed-out header.
    context = {"title": title, "detail": detail, "messages": ()}
    if status >= 500:
        context["user"] = AnonymousUser()
    try:
        return TemplateResponse(request, "pages/error.html", context, status=status).render()
    except DatabaseError:
        if status >= 500:
            raise
        # The header asked a failing database for the session: that is the contract's 500.
        return error_page(request, 500)


def bad_request(request, exception):
    return error_page(request, 400)


def permission_denied(request, exception):
    return error_page(request, 403)


def page_not_found(request, exception):
    return error_page(request, 404)


def server_error(request):
    return error_page(request, 500)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a POST without its form's token, or with a wrong one, changes nothing
    and is the 403 page (Django's own page explains the reason, and more with DEBUG on)."""
    return error_page(request, 403)


class ErrorPageMiddleware:
    """Give every error answer of a site path its page, with DEBUG on too.

    A page the site rendered from its templates (a TemplateResponse: a form shown again with its
    errors, or one of the pages above) is kept; any other error answer (Django's technical
    pages, an empty 405) is replaced by the page of its status, keeping Allow and the cookies.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            is_api_path(request.path_info)
            or response.status_code < 400
            or isinstance(response, SimpleTemplateResponse)
        ):
            return response
        page = error_page(request, response.status_code)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        page.cookies = response.cookies
        return with_length(page)
