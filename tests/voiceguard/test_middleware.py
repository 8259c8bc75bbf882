from __future__ import annotations

import logging

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from voiceguard.middleware import RequestIdMiddleware, TrustedProxyMiddleware, client_address

pytestmark = pytest.mark.smoke


def _through_proxy_middleware(request: HttpRequest) -> HttpRequest:
    seen: list[HttpRequest] = []

    def view(r: HttpRequest) -> HttpResponse:
        seen.append(r)
        return HttpResponse()

    TrustedProxyMiddleware(view)(request)
    return seen[0]


def test_it_ignores_forwarded_headers_from_an_untrusted_peer(rf: RequestFactory, settings) -> None:
    settings.TRUSTED_PROXY_CIDRS = ["10.0.0.0/8"]
    request = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="167.150.224.10", HTTP_X_FORWARDED_PROTO="https")

    seen = _through_proxy_middleware(request)

    assert client_address(seen) == "203.0.113.9"
    assert not seen.is_secure()
    assert "HTTP_X_FORWARDED_FOR" not in seen.META


def test_it_believes_a_trusted_proxy_about_the_client_and_tls(rf: RequestFactory, settings) -> None:
    settings.TRUSTED_PROXY_CIDRS = ["10.0.0.0/8"]
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 167.150.224.10, 10.0.0.3", HTTP_X_FORWARDED_PROTO="https"
    )

    seen = _through_proxy_middleware(request)

    assert client_address(seen) == "167.150.224.10"  # the nearest hop that is not one of ours
    assert seen.is_secure()


def test_it_survives_garbage_in_forwarded_for(rf: RequestFactory, settings) -> None:
    settings.TRUSTED_PROXY_CIDRS = ["10.0.0.0/8"]
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-ip, \u00e9\u00e9, ")

    assert client_address(_through_proxy_middleware(request)) == "\u00e9\u00e9"


def test_it_gives_every_request_an_id_and_logs_it(rf: RequestFactory, caplog: pytest.LogCaptureFixture) -> None:
    from voiceguard.logging import RequestIdFilter

    logger = logging.getLogger("voiceguard.test")

    def view(r: HttpRequest) -> HttpResponse:
        logger.warning("inside the view")
        return HttpResponse()

    caplog.handler.addFilter(RequestIdFilter())
    response = RequestIdMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="bad id with spaces"))

    assert len(response["X-Request-ID"]) == 32
    assert caplog.records[-1].request_id == response["X-Request-ID"]  # type: ignore[attr-defined]


def test_it_keeps_a_well_formed_request_id_from_the_proxy(rf: RequestFactory) -> None:
    response = RequestIdMiddleware(lambda r: HttpResponse())(rf.get("/", HTTP_X_REQUEST_ID="abc123-def456"))

    assert response["X-Request-ID"] == "abc123-def456"


def test_login_lockouts_key_on_the_client_the_trusted_proxy_names(rf: RequestFactory, settings) -> None:
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_CIDRS = ["10.0.0.0/8"]
    behind_proxy = _through_proxy_middleware(rf.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7"))
    spoofing = _through_proxy_middleware(rf.post("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.7"))

    assert get_client_ip_address(behind_proxy) == "198.51.100.7"
    assert get_client_ip_address(spoofing) == "203.0.113.9"
