from __future__ import annotations

import io
import logging

from redaction.logging import RedactingFilter


def _logger() -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger(f"test-redaction-{id(stream)}")
    logger.propagate = False
    logger.addHandler(handler)
    return logger, stream


def test_it_redacts_the_message_and_its_arguments() -> None:
    logger, stream = _logger()
    logger.warning("caller said %s", "my social is 219-09-9998")
    assert stream.getvalue().strip() == "caller said my social is [SSN_REDACTED]"


def test_it_redacts_an_exception_raised_with_user_text() -> None:
    logger, stream = _logger()
    try:
        raise ValueError("bad card 4532015112830366")
    except ValueError:
        logger.exception("failed for %s", "maria.gonzalez@example.com")
    out = stream.getvalue()
    assert "4532015112830366" not in out and "maria.gonzalez" not in out
    assert "[CREDITCARD_REDACTED]" in out and "Traceback" in out


def test_it_redacts_extra_fields() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hi", None, None)
    record.transcript = "call me at 415-555-0142"
    RedactingFilter().filter(record)
    assert record.transcript == "call me at [PHONE_REDACTED]"


def test_it_never_raises_on_a_broken_record() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%d", ("not a number",), None)
    assert RedactingFilter().filter(record) is True
    assert isinstance(record.msg, str)


class _Request:
    """Stands in for Django's HttpRequest: its str() carries the query string."""

    def __str__(self) -> str:
        return "<WSGIRequest: GET '/admin/calls/?q=call me at 415-555-0142'>"


def test_it_redacts_object_and_container_extras_and_keeps_numbers() -> None:
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found", None, None)
    record.request = _Request()
    record.status_code = 404
    record.payload = {"caller": {"number": "+14155550142"}, "notes": ["my social is 219-09-9998", 3]}
    record.pair = ("maria.gonzalez@example.com", None)
    RedactingFilter().filter(record)
    assert isinstance(record.request, str)
    assert "415-555-0142" not in record.request and "[PHONE_REDACTED]" in record.request
    assert record.status_code == 404
    assert record.payload == {"caller": {"number": "[PHONE_REDACTED]"}, "notes": ["my social is [SSN_REDACTED]", 3]}
    assert record.pair == ["[EMAIL_REDACTED]", None]


def test_it_withholds_an_extra_nested_too_deep_to_redact() -> None:
    deep: list[object] = ["call me at 415-555-0142"]
    for _ in range(100):
        deep = [deep]
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hi", None, None)
    record.deep = deep
    assert RedactingFilter().filter(record) is True
    assert record.deep == "[log field withheld: too deeply nested to redact]"
    assert record.msg == "hi"


def test_it_leaves_a_record_alone_on_its_second_handler() -> None:
    record = logging.LogRecord("calls", logging.WARNING, __file__, 1, "said %s", ("123-45-6789",), None)
    RedactingFilter().filter(record)
    record.request_id = "123-45-6789"  # added by a later filter after the first pass; ours, not PII

    RedactingFilter().filter(record)

    assert record.getMessage() == "said [SSN_REDACTED]"
    assert record.request_id == "123-45-6789"
