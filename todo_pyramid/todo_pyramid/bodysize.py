"""The 64 KiB body limit, checked after routing and before the security policy.

A view deriver placed over ``secured_view`` runs only once a route and a view's request method
have matched (so unknown paths stay 404 and wrong methods 405) and before the permission check
(so an oversized body is 413 whoever sends it), which is the order the contract asks for.
"""

from pyramid.httpexceptions import HTTPRequestEntityTooLarge
from pyramid.viewderivers import INGRESS

from .validation import MAX_BODY_BYTES


def limit_body_size(view, info):
    if info.exception_only:
        return view

    def wrapper(context, request):
        size = request.content_length
        if size is None and request.is_body_readable:
            size = len(request.body)
        if size is not None and size > MAX_BODY_BYTES:
            raise HTTPRequestEntityTooLarge(
                f"The request body is larger than {MAX_BODY_BYTES} bytes."
            )
        return view(context, request)

    return wrapper


def includeme(config):
    config.add_view_deriver(limit_body_size, under=INGRESS, over="secured_view")
