"""The base view every API view inherits from."""

from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from .errors import ApiError
from .validation import check_body_size


def no_content():
    """204: no body, and none of the text/html Content-Type HttpResponse would add."""
    response = HttpResponse(status=204)
    del response["Content-Type"]
    return response


# Clients authenticate with bearer tokens, never cookies, so there is no CSRF to defend against.
@method_decorator(csrf_exempt, name="dispatch")
class ApiView(View):
    """Checks 405, 413 and 401/403 in the contract's order; any ApiError becomes its response."""

    # No "options": the contract answers OPTIONS with 405. View.setup() adds head = get.
    http_method_names = ["get", "head", "post", "put", "patch", "delete"]

    def dispatch(self, request, *args, **kwargs):
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            # Django's 405 carries the Allow header; ProblemDetailsMiddleware gives it its body.
            return self.http_method_not_allowed(request, *args, **kwargs)
        try:
            check_body_size(request)
            self.authorize(request, **kwargs)
            return super().dispatch(request, *args, **kwargs)
        except ApiError as error:
            return error.response()

    def authorize(self, request, **kwargs):
        """Public by default; OwnerRequiredMixin and LogoutView demand a token."""
