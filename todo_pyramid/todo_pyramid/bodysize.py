"""The 64 KiB body limit, checked after routing and before the security policy.

A view deriver placed over ``secured_view`` runs only once a route and a view's request method
have matched (so unknown paths stay 404 and wrong methods 405) and before the permission check
(so an oversized body is 413 whoever sends it), which is the order the contract asks for.
"""

from pyramid.httpexceptions import HTTPRequestEntityTooLarge
from pyramid.viewderivers import INGRESS

from .validation import MAX_BODY_BYTES


def read_unsized_body(request):
    """Read a body sent without Content-Length (chunked), but no more than the limit and a byte.

    gunicorn hands such a body to the app unread, and reading it all would take any size. What
    was read becomes the request's body, with its Content-Length: all of a body that fits, and
    enough of one that does not for the 413.
    """
    if request.content_length is None and request.is_body_readable:
        request.body = request.body_file.read(MAX_BODY_BYTES + 1)


def retry_attempts(request):
    """pyramid_retry's activate hook, consulted before it copies the body to replay it: one
    attempt for a body over the limit (answered 413, never replayed), so it is never copied."""
    read_unsized_body(request)
    return 1 if too_large(request) else None  # None: retry.attempts


def too_large(request):
    return (request.content_length or 0) > MAX_BODY_BYTES


def limit_body_size(view, info):
    if info.exception_only:
        return view

    def wrapper(context, request):
        read_unsized_body(request)  # done already when pyramid_retry ran the hook
        if too_large(request):
            raise HTTPRequestEntityTooLarge(
                f"The request body is larger than {MAX_BODY_BYTES} bytes."
            )
        return view(context, request)

    return wrapper


def includeme(config):
    config.registry.settings["retry.activate_hook"] = retry_attempts
    config.add_view_deriver(limit_body_size, under=INGRESS, over="secured_view")
