"""Lenient readers for Vapi messages: fields may be missing or have another documented shape.

Nothing here redacts or stores; these functions only find things. A wrong type where a dict or a
string is expected reads as absent, never as an exception.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.dateparse import parse_datetime

FINAL_ONLY_TYPE = 'transcript[transcriptType="final"]'
ASSISTANT_ROLES = frozenset({"assistant", "bot"})


def obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def text(value: Any, limit: int = 0) -> str:
    if isinstance(value, str):
        return value[:limit] if limit else value
    return ""


def number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def when(value: Any) -> datetime | None:
    if isinstance(value, str):
        try:
            return parse_datetime(value)
        except ValueError:
            return None
    return None


@dataclass(frozen=True, slots=True)
class CallInfo:
    vapi_call_id: str
    assistant_id: str
    started_at: datetime | None
    caller_number: str  # raw, in memory only: hashed before anything is stored


def call_info(message: dict[str, Any]) -> CallInfo:
    call = obj(message.get("call"))
    customer = obj(message.get("customer")) or obj(call.get("customer"))
    assistant_id = text(call.get("assistantId")) or text(obj(message.get("assistant")).get("id"))
    return CallInfo(
        vapi_call_id=text(call.get("id"), 128).strip(),
        assistant_id=assistant_id[:128],
        started_at=when(call.get("startedAt")),
        caller_number=text(customer.get("number"), 64),
    )


def transcript_kind(message: dict[str, Any]) -> str:
    if message.get("type") == FINAL_ONLY_TYPE:
        return "final"
    return "partial" if message.get("transcriptType") == "partial" else "final"


def transcript_role(message: dict[str, Any]) -> str:
    role = text(message.get("role")).lower()
    return "assistant" if role in ASSISTANT_ROLES else "user"


def message_time_ms(message: dict[str, Any], fallback_ms: float) -> float:
    stamp = number(message.get("timestamp"))
    if stamp is None or stamp <= 0:
        return fallback_ms
    return stamp if stamp > 1e12 else stamp * 1000.0


@dataclass(frozen=True, slots=True)
class ToolCall:
    id: str
    name: str
    arguments: dict[str, Any] | None  # raw, in memory only; None when they could not be read


def tool_calls(message: dict[str, Any]) -> list[ToolCall]:
    """``toolCallList`` entries in any documented shape, or the legacy ``functionCall``."""
    if message.get("type") == "function-call":
        fc = obj(message.get("functionCall"))
        return [ToolCall(id="", name=text(fc.get("name")), arguments=_arguments(fc.get("parameters", fc.get("arguments"))))]
    entries = message.get("toolCallList")
    if not isinstance(entries, list):
        entries = [obj(item).get("toolCall") for item in message.get("toolWithToolCallList") or [] if isinstance(item, dict)]
    out = []
    for entry in entries:
        entry = obj(entry)
        function = obj(entry.get("function"))
        name = text(function.get("name")) or text(entry.get("name"))
        raw_args = function.get("arguments", entry.get("arguments", entry.get("parameters")))
        out.append(ToolCall(id=text(entry.get("id"), 200), name=name[:200], arguments=_arguments(raw_args)))
    return out


def _arguments(raw: Any) -> dict[str, Any] | None:
    if raw is None:
        return {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.strip() else {}
        except ValueError:
            return None
    return raw if isinstance(raw, dict) else None


RECORDING_KEYS = (
    "recordingUrl",
    "stereoRecordingUrl",
    "videoRecordingUrl",
    "presignedMonoUrl",
    "presignedStereoUrl",
    "presignedVideoUrl",
    "presignedAssistantUrl",
    "presignedCustomerUrl",
)


def recording_urls(message: dict[str, Any]) -> dict[str, str]:
    """Every link to audio or video of the call: the recording holds the unredacted PII."""
    artifact = obj(message.get("artifact"))
    recording = obj(artifact.get("recording"))
    mono = obj(recording.get("mono"))
    found: dict[str, str] = {}
    for source, keys in (
        (artifact, RECORDING_KEYS),
        (message, ("recordingUrl", "stereoRecordingUrl")),  # legacy top-level names
        (recording, ("stereoUrl", "videoUrl")),
        (mono, ("combinedUrl", "assistantUrl", "customerUrl")),
    ):
        for key in keys:
            url = text(source.get(key)).strip()
            if url:
                found.setdefault(key, url)
    return found
