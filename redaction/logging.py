"""``RedactingFilter``: the last line of defence, so no log line carries caller PII.

Attached by settings to every handler. It renders the record's message with its arguments,
redacts the result and freezes it (``args`` cleared) so no formatter can re-render the raw
values; it renders and redacts the exception and stack text too, storing them in ``exc_text``
and clearing ``exc_info``, because handlers would otherwise format the traceback, whose messages
often quote user input. Extra string attributes (``logger.info(..., extra={...})``, used by JSON
formatters) are redacted as well. A filter that raises would drop the record or crash the
caller, so every failure is caught and replaced by a fixed marker.
"""

from __future__ import annotations

import logging
from typing import Any

from .engine import redact

_STANDARD_ATTRS = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys() | {"message", "asctime", "taskName"})
_FAILED = "[log message withheld: redaction failed]"


class RedactingFilter(logging.Filter):
    """Redacts message, arguments, exception text, stack info and extra string fields."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            self._redact(record)
        except Exception:  # never let logging break the request, never leak on failure
            record.msg, record.args = _FAILED, None
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True

    def _redact(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        record.msg = redact(message).text
        record.args = None
        if record.exc_info:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(text).text
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text).text
        if record.stack_info:
            record.stack_info = redact(record.stack_info).text
        extras: dict[str, Any] = record.__dict__
        for name, value in list(extras.items()):
            if name not in _STANDARD_ATTRS and isinstance(value, str):
                extras[name] = redact(value).text
