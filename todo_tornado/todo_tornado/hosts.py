"""Which host a request is for, and whether this server serves it (ALLOWED_HOSTS, proxies).

The scheme behind a proxy is Tornado's business: ``HTTPServer(xheaders=True)`` sets
``request.protocol`` from X-Forwarded-Proto. Tornado leaves the Host alone, so X-Forwarded-Host is
read here, by the routing rule that refuses unknown hosts and by the handlers' absolute URLs.
"""

import re

from tornado.httputil import split_host_and_port
from tornado.routing import Matcher

# host[:port] with a DNS name, an IPv4 address or a bracketed IPv6 address. Tornado checks the
# Host header's syntax itself; X-Forwarded-Host is a plain header it does not look at.
HOST = re.compile(r"([A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]+)?")


def request_host(request, trust_proxy_headers: bool) -> str:
    """The host[:port] the client asked for: the Host header, or a trusted proxy's word for it."""
    forwarded = request.headers.get("X-Forwarded-Host") if trust_proxy_headers else None
    if forwarded:
        # One trusted proxy: the last value is the one it added (werkzeug's ProxyFix x_host=1).
        return forwarded.split(",")[-1].strip()
    return request.host


def is_served(host: str, allowed_hosts: tuple[str, ...]) -> bool:
    """Is host[:port] one of ALLOWED_HOSTS? Names compare case-insensitively, without the port."""
    if not HOST.fullmatch(host):
        return False
    return "*" in allowed_hosts or split_host_and_port(host.lower())[0] in allowed_hosts


class UnservedHost(Matcher):
    """A routing rule's matcher (tornado.routing): a request for a host the server does not serve.

    make_app() puts its rule before every path, since the contract checks the host first.
    """

    def __init__(self, allowed_hosts: tuple[str, ...], trust_proxy_headers: bool):
        self.allowed_hosts = allowed_hosts
        self.trust_proxy_headers = trust_proxy_headers

    def match(self, request):
        host = request_host(request, self.trust_proxy_headers)
        return None if is_served(host, self.allowed_hosts) else {}
