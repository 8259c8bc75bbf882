"""Running the tool handlers registered in ``VOICEGUARD_TOOL_HANDLERS`` for a ``tool-calls`` message.

A handler is any callable ``handler(arguments: dict, *, context: ToolContext) -> object``. It gets the
arguments exactly as the caller said them (account numbers included): they exist only in this
process's memory, for the handler. What goes back to Vapi is the result redacted, as a string. Each
call runs in a worker thread under ``TOOL_TIMEOUT_SECONDS``; an unknown tool, a handler that raises
and one that overruns each give that call an ``error`` while the others still answer. A thread that
overruns cannot be killed: it finishes in the background, and its result is dropped.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from calls.intake.extract import ToolCall
from redaction import redact, redact_json

logger = logging.getLogger(__name__)

_executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="vg-tool")
Handler = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class ToolContext:
    vapi_call_id: str
    tool_call_id: str
    name: str


@dataclass(frozen=True, slots=True)
class ToolOutcome:
    tool_call_id: str
    name: str
    result: str | None = None
    error: str | None = None

    def as_response(self) -> dict[str, str]:
        out = {"toolCallId": self.tool_call_id, "name": self.name}
        if self.error is not None:
            out["error"] = self.error
        else:
            out["result"] = self.result or ""
        return out


def _handler_for(name: str) -> Handler | None:
    path = settings.VOICEGUARD_TOOL_HANDLERS.get(name) if isinstance(settings.VOICEGUARD_TOOL_HANDLERS, dict) else None
    if not path:
        return None
    try:
        handler: Handler = import_string(path)
    except ImportError:
        logger.error("tool handler cannot be imported", extra={"tool": name})
        return None
    return handler


def result_text(value: Any) -> str:
    """The handler's result as the string Vapi expects, redacted."""
    if isinstance(value, str):
        return redact(value).text
    redacted, _ = redact_json(value)
    return json.dumps(redacted, separators=(",", ":"), default=str)


def tools_run(calls: list[ToolCall], *, vapi_call_id: str) -> list[ToolOutcome]:
    started = time.monotonic()
    deadline = started + float(settings.TOOL_TIMEOUT_SECONDS)
    pending: list[tuple[ToolCall, Future[Any] | ToolOutcome]] = []
    for call in calls:
        handler = _handler_for(call.name)
        if handler is None:
            pending.append((call, ToolOutcome(call.id, call.name, error=f"unknown tool: {_safe_name(call.name)}")))
        elif call.arguments is None:
            pending.append((call, ToolOutcome(call.id, call.name, error="the arguments are not a JSON object")))
        else:
            context = ToolContext(vapi_call_id=vapi_call_id, tool_call_id=call.id, name=call.name)
            pending.append((call, _executor.submit(handler, call.arguments, context=context)))
    outcomes = []
    for call, item in pending:
        if isinstance(item, ToolOutcome):
            outcomes.append(item)
            continue
        try:
            value = item.result(timeout=max(0.0, deadline - time.monotonic()))
            outcomes.append(ToolOutcome(call.id, call.name, result=result_text(value)))
        except FutureTimeout:
            item.cancel()
            logger.warning("tool handler timed out", extra={"tool": call.name})
            outcomes.append(ToolOutcome(call.id, call.name, error="the tool timed out"))
        except Exception as exc:
            # The message of a handler's exception may quote its arguments: log the type only.
            logger.warning("tool handler failed", extra={"tool": call.name, "error_type": type(exc).__name__})
            outcomes.append(ToolOutcome(call.id, call.name, error="the tool failed"))
    return outcomes


def _safe_name(name: str) -> str:
    # A tool name comes from the assistant's configuration, but echo only a tame form of it.
    return "".join(ch for ch in name if ch.isalnum() or ch in "_-.")[:80] or "(none)"
