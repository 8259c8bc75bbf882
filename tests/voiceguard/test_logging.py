"""Every log line is JSON with a request id, and carries no PII, whatever the caller logged."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from voiceguard.middleware import RequestIdMiddleware

pytestmark = pytest.mark.smoke


@pytest.fixture
def stdout_lines() -> Iterator[io.StringIO]:
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler) and h.filters)
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    try:
        yield buffer
    finally:
        handler.setStream(previous)  # type: ignore[arg-type]


def _lines(buffer: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_it_writes_json_lines_with_the_request_id(stdout_lines: io.StringIO, rf: RequestFactory) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        logging.getLogger("calls").warning("handled %s", "a webhook")
        return HttpResponse()

    response = RequestIdMiddleware(view)(rf.get("/"))

    [line] = _lines(stdout_lines)
    assert line["message"] == "handled a webhook"
    assert line["level"] == "WARNING"
    assert line["request_id"] == response["X-Request-ID"]


def test_it_redacts_pii_in_messages_arguments_and_tracebacks(stdout_lines: io.StringIO) -> None:
    logger = logging.getLogger("calls")
    logger.warning("caller said %s", "my social is 123-45-6789")
    try:
        raise ValueError("could not parse card 4111 1111 1111 1111 for jane.doe@example.com")
    except ValueError:
        logger.exception("tool failed")

    output = stdout_lines.getvalue()
    assert "123-45-6789" not in output
    assert "4111 1111 1111 1111" not in output
    assert "jane.doe@example.com" not in output
    messages = _lines(stdout_lines)
    assert messages[0]["message"] == "caller said my social is [SSN_REDACTED]"
    assert "ValueError" in str(messages[1].get("exc_info"))
