"""Which hosts the server answers for, and whether it believes a reverse proxy's headers.

A tween, because it must see every request before URL dispatch (Pyramid routes inside the
innermost handler, under every tween): the contract checks the host first, so a bad host on an
unknown path is 400, not 404. The same tween reads the proxy's headers, so the scheme and host
the allow-list checks are the ones every absolute URL is built from, under any WSGI server
(gunicorn's forwarded_allow_ips only sets the scheme; gunicorn.conf.py turns it off).
"""

import re

from pyramid.httpexceptions import HTTPBadRequest
from pyramid.tweens import EXCVIEW


class UnknownHost(HTTPBadRequest):
    """A Host header this server does not serve: a problem+json on every path, the site's too
    (views/errors.py), since no page can be built for a host the site does not know."""


HOST = re.compile(r"([A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?", re.ASCII)


def host_tween_factory(handler, registry):
    allowed = registry.settings["hosts.allowed"]
    trust_proxy_headers = registry.settings["hosts.trust_proxy_headers"]

    def host_tween(request):
        if trust_proxy_headers:
            use_forwarded_headers(request)
        name = host_name(request.host)
        if name is None or ("*" not in allowed and name not in allowed):
            raise UnknownHost("The Host header names a host this server does not serve.")
        return handler(request)

    return host_tween


def use_forwarded_headers(request):
    """Take the scheme and host from X-Forwarded-Proto and X-Forwarded-Host.

    The one trusted proxy appends its value last, after any a client sent itself. WebOb keeps
    both in the WSGI environ, so route_url() builds every URL from them from here on.
    """
    scheme = last_value(request.headers.get("X-Forwarded-Proto")).lower()
    if scheme in ("http", "https"):
        request.scheme = scheme
    host = last_value(request.headers.get("X-Forwarded-Host"))
    if host:
        request.host = host


def last_value(header):
    return (header or "").rpartition(",")[2].strip(" \t")


def host_name(host):
    """`name[:port]` or `[IPv6][:port]` -> the name in lower case, without the port; None for
    anything else (two Host headers joined by a comma, say), which no URL is built from."""
    match = HOST.fullmatch(host)
    return match[1].lower() if match else None


def includeme(config):
    # Under the exception view tween, so the 400 is a problem+json like every other error.
    config.add_tween("todo_pyramid.hosts.host_tween_factory", under=EXCVIEW)
