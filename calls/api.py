"""``POST /webhook/vapi``: the one door PII comes in through.

The view only parses and answers; ``calls.intake.service.webhook_message_process`` does the work.
In order: the source address (when ``VAPI_ALLOWED_CIDRS`` is set), the size (413 before reading
more than ``VAPI_MAX_BODY_BYTES``), authentication over the exact raw bytes (401), then JSON parsing
(400), then processing. No error message or log line carries the body or a header value; a database
outage is a 503 with ``Retry-After`` so Vapi's retry plan resends, never a 500.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import Error as DatabaseError
from django.http import HttpRequest
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from calls.intake.failures import webhook_auth_failure_record
from calls.intake.service import webhook_message_process
from calls.vapi_auth import AuthFailure, auth_config_from_settings, check_freshness, parse_timestamp, verify_request
from redaction import MAX_JSON_DEPTH, RedactionDepthError
from voiceguard.middleware import address_in, client_address

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


class BadRequest(Exception):
    def __init__(self, error: str, status: int = 400) -> None:
        super().__init__(error)
        self.error = error
        self.status = status


class JsonOnly(BaseContentNegotiation):
    """Vapi reads JSON whatever it accepts: skip parsing the Accept header on every message."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> None:
        return None


class VapiWebhookApi(APIView):
    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []
    throttle_classes: list[Any] = []
    parser_classes: list[Any] = []  # the raw bytes are read, verified and parsed here, nowhere else
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JsonOnly

    def post(self, request: Request) -> Response:
        started, now = time.perf_counter(), time.time()
        raw: HttpRequest = request._request
        source = client_address(raw)
        try:
            if settings.VAPI_ALLOWED_CIDRS and not address_in(source, settings.VAPI_ALLOWED_CIDRS):
                raise AuthFailure("address_not_allowed")
            body = read_body(raw, limit=int(settings.VAPI_MAX_BODY_BYTES))
            config = auth_config_from_settings()
            verified = verify_request(
                config, body=body, headers=raw.headers, method=raw.method or "POST", url=raw.build_absolute_uri(), now=now
            )
            message = parse_message(body)
            if config.freshness_from_body:
                stamp = message.get("timestamp")
                if stamp is None:
                    raise AuthFailure("missing_timestamp")
                check_freshness(parse_timestamp(stamp), now=now, tolerance=config.tolerance_seconds)
        except AuthFailure as failure:
            webhook_auth_failure_record(kind=failure.kind, source=source)
            return Response({"error": f"authentication failed: {failure.kind}"}, status=401)
        except BadRequest as bad:
            return Response({"error": bad.error}, status=bad.status)
        try:
            response = webhook_message_process(message=message, digest=verified.digest, now=now, started=started)
        except RedactionDepthError:
            return Response({"error": f"JSON is nested deeper than {MAX_JSON_DEPTH} levels"}, status=400)
        except DatabaseError as exc:
            logger.error("webhook deferred: database unavailable", extra={"error_type": type(exc).__name__})
            return _unavailable("database unavailable")
        except ImproperlyConfigured:
            logger.error("webhook deferred: keys unavailable")
            return _unavailable("service not ready")
        return Response(response)


def _unavailable(error: str) -> Response:
    return Response({"error": error}, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def read_body(request: HttpRequest, *, limit: int) -> bytes:
    """The raw body, refusing (413) before reading more than ``limit`` bytes.

    With a Content-Length the size is known before anything is read. A chunked body has none: then
    at most ``limit + 1`` bytes are read from the stream, which is enough to know it is too large.
    """
    length_header = request.META.get("CONTENT_LENGTH") or ""
    if length_header:
        try:
            length = int(length_header)
        except ValueError:
            raise BadRequest("Content-Length is not a number") from None
        if length > limit:
            raise BadRequest(f"body larger than {limit} bytes", status=413)
        return request.body
    if not request.META.get("wsgi.input_terminated"):
        return request.body  # no length and no chunked framing: the body is empty
    stream = request.META["wsgi.input"]
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(65_536, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise BadRequest(f"body larger than {limit} bytes", status=413)
    return b"".join(chunks)


def parse_message(body: bytes) -> dict[str, Any]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("body is not valid UTF-8") from None
    try:
        payload = json.loads(text)
    except RecursionError:
        raise BadRequest(f"JSON is nested deeper than {MAX_JSON_DEPTH} levels") from None
    except ValueError:
        raise BadRequest("body is not JSON") from None
    if not isinstance(payload, dict):
        raise BadRequest("body is not a JSON object")
    message = payload.get("message")
    if not isinstance(message, dict) or not isinstance(message.get("type"), str) or not message["type"].strip():
        raise BadRequest("message.type is missing")
    if json_depth_exceeds(message, MAX_JSON_DEPTH):
        raise BadRequest(f"JSON is nested deeper than {MAX_JSON_DEPTH} levels")
    return message


def json_depth_exceeds(value: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item if isinstance(v, dict | list))
    return False
