"""The Content-Security-Policy header of the site's pages."""

from todos.errors import is_api_path

# Only this site's own stylesheet and forms: no script, no inline style, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    """Set the site's Content-Security-Policy on every answer outside /api: pages, error pages
    and redirects. (Django 5.2 has no built-in CSP; Django 6.0 adds one.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_api_path(request.path_info):
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
