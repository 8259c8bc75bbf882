"""Request plumbing every view relies on: who the client really is, and a request id.

``TrustedProxyMiddleware`` believes ``X-Forwarded-For`` and ``X-Forwarded-Proto`` only when the
TCP peer is inside ``TRUSTED_PROXY_CIDRS`` (the nginx in front). From anyone else those headers
are dropped, so a caller cannot claim to be Vapi's address range or to have used TLS. Django's own
``SECURE_PROXY_SSL_HEADER`` trusts the header from every peer, which is why it is not used.
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from voiceguard.logging import request_id_var

_FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_X_REAL_IP")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(c.strip(), strict=False) for c in cidrs if c.strip())


def address_in(address: str, cidrs: list[str] | tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _networks(tuple(cidrs)))


def client_address(request: HttpRequest) -> str:
    """The client's address as set by TrustedProxyMiddleware, or the peer's."""
    return str(getattr(request, "client_ip", None) or request.META.get("REMOTE_ADDR", ""))


class TrustedProxyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        peer = meta.get("REMOTE_ADDR", "")
        trusted = settings.TRUSTED_PROXY_CIDRS
        if trusted and address_in(peer, trusted):
            request.client_ip = self._client_from_chain(meta.get("HTTP_X_FORWARDED_FOR", ""), peer, trusted)  # type: ignore[attr-defined]
            if meta.get("HTTP_X_FORWARDED_PROTO", "").strip().lower() == "https":
                meta["wsgi.url_scheme"] = "https"
        else:
            for header in _FORWARDED_HEADERS:
                meta.pop(header, None)
            request.client_ip = peer  # type: ignore[attr-defined]
        return self.get_response(request)

    @staticmethod
    def _client_from_chain(chain: str, peer: str, trusted: list[str]) -> str:
        # Walk from the right: the first hop that is not one of our proxies is the client.
        for hop in reversed([h.strip() for h in chain.split(",") if h.strip()]):
            if not address_in(hop, trusted):
                return hop
        return peer


class RequestIdMiddleware:
    """Gives every request an id (or keeps a well-formed one from the proxy) for logs and responses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response
