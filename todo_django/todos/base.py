"""The base view of the API: a Django View for JSON clients that authenticate with tokens."""

from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from .errors import ApiError
from .validation import MAX_BODY_BYTES


def no_content():
    """204: no body, and none of the text/html Content-Type HttpResponse would add."""
    response = HttpResponse(status=204)
    del response["Content-Type"]
    return response


def check_body_size(request):
    """413 for a body over the limit, judged by Content-Length before anything is read (a chunked
    body has one by now: see todo_django/wsgi.py and the runserver command)."""
    # The contract asks for this: Django's own limit (DATA_UPLOAD_MAX_MEMORY_SIZE) answers 400.
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0  # left to the server; Django reads no more than DATA_UPLOAD_MAX_MEMORY_SIZE
    if length > MAX_BODY_BYTES:
        raise ApiError(413, f"The request body is larger than {MAX_BODY_BYTES} bytes.")


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
