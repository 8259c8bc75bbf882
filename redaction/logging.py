"""``RedactingFilter``: the last line of defence, so no log line carries caller PII.

Attached by settings to every handler. It renders the record's message with its arguments,
redacts the result and freezes it (``args`` cleared) so no formatter can re-render the raw
values; it renders and redacts the exception and stack text too, storing them in ``exc_text``
and clearing ``exc_info``, because handlers would otherwise format the traceback, whose messages
often quote user input. Extra attributes (``logger.info(..., extra={...})``, which JSON formatters
serialise, and Django's ``request``) are redacted as well: strings directly, dicts and lists through
``redact_json``, any other object through its ``str``. A filter that raises would drop the record or crash the
caller, so every failure is caught and replaced by a fixed marker.
"""

from __future__ import annotations

import json
import logging
import weakref
from typing import Any

from .engine import redact
from .jsonwalk import RedactionDepthError, redact_json

_STANDARD_ATTRS = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys() | {"message", "asctime", "taskName"})
_FAILED = "[log message withheld: redaction failed]"
_done: weakref.WeakSet[logging.LogRecord] = weakref.WeakSet()
_FAILED_EXTRA = "[log field withheld: too deeply nested to redact]"


class RedactingFilter(logging.Filter):
    """Redacts message, arguments, exception text, stack info and extra fields."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Every handler has this filter, so one record may pass it several times; what an earlier
        # pass left (already redacted, plus fields other filters added since) must stay as it is.
        if record in _done:
            return True
        _done.add(record)
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
            if name not in _STANDARD_ATTRS:
                extras[name] = _redact_extra(value)


def _redact_extra(value: Any) -> Any:
    """An ``extra`` as a JSON formatter may serialise it, with PII removed.

    Numbers, booleans and None carry no text and stay as they are. Containers go through
    ``redact_json`` (anything non-JSON inside them first becomes its ``str``, as a JSON formatter
    would print it); any other object (Django's ``request``, whose ``str`` holds the query string)
    becomes its redacted ``str``, so no formatter can reach the original.
    """
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return redact(value).text
    if isinstance(value, (dict, list, tuple)):
        try:
            plain = json.loads(json.dumps(value, default=str))
            return redact_json(plain)[0]
        except (RedactionDepthError, RecursionError, ValueError, TypeError):
            return _FAILED_EXTRA
    return redact(str(value)).text
