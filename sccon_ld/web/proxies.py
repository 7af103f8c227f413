"""Forwarded headers are believed only from the reverse proxies named in ``server.trusted_proxies``.

A client talking to the server directly could otherwise send ``X-Forwarded-Host: evil.example``
and have every ``Location``, link and JSON-LD ``@context`` of a cacheable answer name that host.
From a trusted proxy address, one hop of ``X-Forwarded-For/-Proto/-Host/-Port/-Prefix`` is applied
(werkzeug's ProxyFix), so redirects name the public URL and the client address (used for the
SPARQL fair share) is the forwarded one; from anyone else those headers are removed before the
app sees them. gunicorn's own ``forwarded_allow_ips`` gets the same list (``serving.py``), so the
two never disagree about ``wsgi.url_scheme``.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

from .caching import add_vary

# The WSGI names of every header a proxy uses to tell where the request came from.
FORWARDED_ENVIRON = ("HTTP_FORWARDED", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
                     "HTTP_X_FORWARDED_PORT", "HTTP_X_FORWARDED_PREFIX")
# What a response through a trusted proxy depends on (its URLs are built from them).
FORWARDED_VARY = ("X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix")
VIA_PROXY = "sccon_ld.via_trusted_proxy"


def networks(trusted: Iterable[str]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """The setting's addresses and CIDR networks (``ValueError`` names a bad entry)."""
    out = []
    for entry in trusted:
        try:
            out.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError:
            raise ValueError(f"server.trusted_proxies: {entry!r} is not an IP address or network") from None
    return out


class TrustedProxies:
    """WSGI middleware: ProxyFix for requests from a trusted proxy, forwarded headers dropped otherwise."""

    def __init__(self, app, trusted: Iterable[str]):
        self.app = app
        self.networks = networks(trusted)
        self.proxied = ProxyFix(app, x_for=1, x_proto=1, x_host=1, x_port=1, x_prefix=1)

    def trusts(self, address: str | None) -> bool:
        try:
            ip = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(ip in net for net in self.networks)

    def __call__(self, environ, start_response):
        if self.networks and self.trusts(environ.get("REMOTE_ADDR")):
            environ[VIA_PROXY] = True
            return self.proxied(environ, start_response)
        for name in FORWARDED_ENVIRON:
            environ.pop(name, None)
        return self.app(environ, start_response)


def _vary_on_forwarded(response: Response) -> Response:
    if request.environ.get(VIA_PROXY):
        add_vary(response, *FORWARDED_VARY)
    return response


def install(app: Flask, trusted: Iterable[str]) -> None:
    """Wrap ``app`` so forwarded headers count only from ``trusted`` addresses, and say so in Vary."""
    app.wsgi_app = TrustedProxies(app.wsgi_app, trusted)
    app.after_request(_vary_on_forwarded)
