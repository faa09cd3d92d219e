"""The base view of the API: a Django View for JSON clients that authenticate with tokens."""

from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from .validation import check_body_size


def no_content():
    """204: no body, and none of the text/html Content-Type HttpResponse would add."""
    response = HttpResponse(status=204)
    del response["Content-Type"]
    return response


# Clients authenticate with bearer tokens, never cookies, so there is no CSRF to defend against.
@method_decorator(csrf_exempt, name="dispatch")
class ApiView(View):
    """Public unless a mixin of auth.py (TokenRequiredMixin, OwnerRequiredMixin) says otherwise."""

    # The contract asks for this: OPTIONS is 405 (Django would answer it). View.setup() adds
    # head = get, and http_method_not_allowed() lists what a view defines in the Allow header.
    http_method_names = ["get", "head", "post", "put", "patch", "delete"]

    def dispatch(self, request, *args, **kwargs):
        # The contract asks for this order: 405, then 413, then 401/403, then the handler.
        # View.dispatch() checks the method too, but only after what runs here.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            return self.http_method_not_allowed(request, *args, **kwargs)
        check_body_size(request)
        self.authorize(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def authorize(self, request, **kwargs):
        """Decide whether the caller may go on; raise ApiError (401, 403) if not."""
