"""One function per ``message.type``: redact, update the call, answer.

Each handler runs inside the service's transaction with the call's row locked (``call`` is None when
the message names no call). It reads the raw message only to redact it, to hash the caller's number
or to hand tool arguments to a handler; what it stores, caches or returns is redacted. Cache writes
are queued on ``intake.writes`` and applied in one round trip after the commit, so a rolled-back
transaction leaves no state behind.
"""

from __future__ import annotations

import difflib
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db.models import F, Max, Subquery, Value
from django.db.models.functions import Coalesce

from calls.intake import cache
from calls.intake import extract as x
from calls.intake import state as st
from calls.intake.tools import ToolOutcome, tools_run
from calls.models import Call, Interruption, TranscriptSegment
from keys.services.sealing import seal_for
from redaction import PLACEHOLDERS, counts_by_type, infer_hint, redact, redact_json

RECEIVED: dict[str, Any] = {"received": True}


@dataclass
class Intake:
    message: dict[str, Any]  # raw: this request's memory only
    message_type: str
    digest: str
    now: float  # epoch seconds when the request arrived
    info: x.CallInfo
    state: st.CallState | None
    update_fields: set[str] = field(default_factory=set)
    writes: cache.Batch = field(default_factory=cache.Batch)  # cache writes, applied after the commit
    tool_outcomes: list[ToolOutcome] | None = None  # run before the transaction opens
    partials: int = 0  # partials this message adds to the call's count

    @property
    def now_ms(self) -> float:
        return self.now * 1000.0


Handler = Callable[[Intake, Call | None], dict[str, Any]]


def _set(intake: Intake, call: Call, **values: Any) -> None:
    for name, value in values.items():
        setattr(call, name, value)
        intake.update_fields.add(name)


def _add_counts(intake: Intake, call: Call, counts: dict[str, int]) -> None:
    if counts:
        merged = dict(call.entity_counts or {})
        for kind, n in counts.items():
            merged[kind] = int(merged.get(kind, 0)) + n
        _set(intake, call, entity_counts=merged)


def _seal(call: Call, record: Any, field_name: str, value: str | Any) -> bytes:
    data = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), sort_keys=True)
    return seal_for(call=call, record=record, field=field_name, plaintext=data.encode())


# --- transcripts ---------------------------------------------------------------------------------


def transcript_response(text: str, entities: int, *, barge_in: bool = False) -> dict[str, Any]:
    response: dict[str, Any] = {"transcript": text, "redacted": entities > 0}
    if barge_in:
        response.update({"action": "interrupt", "clearBuffer": True})
    return response


def transcript_redact(intake: Intake) -> tuple[str, dict[str, int], str]:
    """The transcript redacted, with the hint the assistant's last question gives for the caller's words."""
    role = x.transcript_role(intake.message)
    hint = intake.state.hint if intake.state is not None and role == "user" else None
    # A partial may stop mid-number: redact what is already said of it, never leak what the final hides.
    partial = x.transcript_kind(intake.message) == "partial"
    result = redact(x.text(intake.message.get("transcript")), hint=hint, partial=partial)
    return result.text, counts_by_type(result.entities), role


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def barge_in_detected(state: st.CallState | None, role: str, redacted_text: str) -> bool:
    """A caller partial while the assistant speaks, unless it only repeats the last partial."""
    if state is None or role != "user" or not state.assistant_speaking:
        return False
    new, old = _normalised(redacted_text), _normalised(state.last_partial)
    if not new:
        return False
    return not (new == old or (old and difflib.SequenceMatcher(None, new, old).ratio() >= 0.85))


def interruption_record(intake: Intake, call: Call) -> None:
    assert intake.state is not None
    occurred_ms = x.message_time_ms(intake.message, intake.now_ms)
    latency = occurred_ms - intake.state.speaking_since_ms
    Interruption.objects.create(
        call=call,
        occurred_at=datetime.fromtimestamp(occurred_ms / 1000.0, tz=UTC),
        latency_ms=int(latency) if 0 <= latency < 86_400_000 else None,
    )
    Call.objects.filter(pk=call.pk).update(interruptions=F("interruptions") + 1)
    vapi_id = intake.info.vapi_call_id
    # The barge-in ends this speaking episode: later partials of the same utterance are not new ones.
    st.state_save(intake.writes, vapi_id, speaking_since_ms=0.0)


def segment_seal(call: Call, segment_id: uuid.UUID, text: str) -> bytes:
    """The redacted text sealed for the segment with this id (sealed before its row is inserted)."""
    return _seal(call, TranscriptSegment(id=segment_id, call_id=call.pk), "text_sealed", text)


def segment_store(call: Call, *, kind: str, role: str, text: str, counts: dict[str, int]) -> None:
    """Insert a sealed segment numbered after the call's last one (the caller holds the call's row lock)."""
    last = TranscriptSegment.objects.filter(call_id=call.pk).order_by().values("call_id").annotate(m=Max("sequence"))
    segment = TranscriptSegment(
        id=uuid.uuid4(),
        call=call,
        sequence=Coalesce(Subquery(last.values("m")), Value(0)) + 1,  # computed by the INSERT itself
        role=role,
        kind=kind,
        entity_counts=counts,
    )
    segment.text_sealed = _seal(call, segment, "text_sealed", text)
    segment.save(force_insert=True)


def transcript_state_save(intake: Intake, *, kind: str, role: str, text: str) -> None:
    """What a transcript leaves in the call's state: the hint after the assistant's final, the last partial."""
    vapi_id = intake.info.vapi_call_id
    if kind == "final" and role == "assistant":
        hint = infer_hint(x.text(intake.message.get("transcript")))
        st.state_save(intake.writes, vapi_id, last_assistant=text, hint=hint)
    elif kind == "final":
        st.state_save(intake.writes, vapi_id, hint=None, last_partial="")
    elif role == "user":
        st.state_save(intake.writes, vapi_id, last_partial=text)


def handle_transcript(intake: Intake, call: Call | None) -> dict[str, Any]:
    text, counts, role = transcript_redact(intake)
    kind = x.transcript_kind(intake.message)
    barge = kind == "partial" and barge_in_detected(intake.state, role, text)
    if call is not None:
        if kind == "final" or settings.STORE_PARTIAL_TRANSCRIPTS:
            segment_store(call, kind=kind, role=role, text=text, counts=counts)
            if kind == "final":
                _add_counts(intake, call, counts)
        if kind == "partial":
            intake.partials += 1
        if barge:
            interruption_record(intake, call)
    transcript_state_save(intake, kind=kind, role=role, text=text)
    return transcript_response(text, sum(counts.values()), barge_in=barge)


# --- speaking state --------------------------------------------------------------------------------


def handle_speech_update(intake: Intake, call: Call | None) -> dict[str, Any]:
    status, role = x.text(intake.message.get("status")), x.text(intake.message.get("role"))
    vapi_id = intake.info.vapi_call_id
    if role in x.ASSISTANT_ROLES and status in ("started", "stopped"):
        since = x.message_time_ms(intake.message, intake.now_ms) if status == "started" else 0.0
        st.state_save(intake.writes, vapi_id, speaking_since_ms=since)
    return RECEIVED


def handle_user_interrupted(intake: Intake, call: Call | None) -> dict[str, Any]:
    vapi_id = intake.info.vapi_call_id
    st.state_save(intake.writes, vapi_id, speaking_since_ms=0.0)
    return RECEIVED


def _assistant_said(intake: Intake, raw_text: str) -> None:
    """Remember what the assistant said (redacted) and what it asked for (the hint)."""
    if not raw_text:
        return
    redacted = redact(raw_text).text
    hint = infer_hint(raw_text)
    vapi_id = intake.info.vapi_call_id
    st.state_save(intake.writes, vapi_id, last_assistant=redacted, hint=hint)


def handle_voice_input(intake: Intake, call: Call | None) -> dict[str, Any]:
    _assistant_said(intake, x.text(intake.message.get("input")))
    return RECEIVED


def handle_conversation_update(intake: Intake, call: Call | None) -> dict[str, Any]:
    # The whole history arrives again with every turn, and only the assistant's last utterance is
    # kept (redacted, in the call's state): the rest is dropped unread rather than redacted for nothing.
    history = intake.message.get("messages")
    if isinstance(history, list):
        for item in reversed(history):
            item = x.obj(item)
            if item.get("role") in x.ASSISTANT_ROLES:
                _assistant_said(intake, x.text(item.get("message")))
                break
    return RECEIVED


def handle_redact_only(intake: Intake, call: Call | None) -> dict[str, Any]:
    """Messages that carry text VoiceGuard neither stores nor answers: redacted, counted, dropped."""
    redact_json({k: v for k, v in intake.message.items() if k not in ENVELOPE_KEYS})
    return RECEIVED


# Parts of every message VoiceGuard never keeps: the caller's number is hashed from them, nothing else.
ENVELOPE_KEYS = frozenset({"call", "customer", "phoneNumber", "assistant", "artifact"})


def handle_status_update(intake: Intake, call: Call | None) -> dict[str, Any]:
    handle_redact_only(intake, call)
    status = x.text(intake.message.get("status"), 32)
    if call is not None and status:
        _set(intake, call, status=status)
        if status == "ended":
            reason = x.text(intake.message.get("endedReason"), 128)
            if reason:
                _set(intake, call, ended_reason=reason)
            if call.ended_at is None:
                _set(intake, call, ended_at=datetime.fromtimestamp(intake.now, tz=UTC))
    return RECEIVED


# --- responses Vapi waits for --------------------------------------------------------------------


def assistant_response() -> dict[str, Any]:
    if settings.VAPI_ASSISTANT_ID:
        return {"assistantId": settings.VAPI_ASSISTANT_ID}
    return {"error": "This line is not available right now. Please try again later."}


def handle_assistant_request(intake: Intake, call: Call | None) -> dict[str, Any]:
    return assistant_response()


def transfer_response() -> dict[str, Any]:
    return {"error": "No transfer destination is configured."}


def handle_transfer_destination_request(intake: Intake, call: Call | None) -> dict[str, Any]:
    return transfer_response()


def tool_outcomes_run(intake: Intake) -> None:
    intake.tool_outcomes = tools_run(x.tool_calls(intake.message), vapi_call_id=intake.info.vapi_call_id)


def tool_response(message_type: str, outcomes: list[ToolOutcome]) -> dict[str, Any]:
    if message_type == "function-call":
        first = outcomes[0] if outcomes else ToolOutcome("", "", error="no function named")
        return {"error": first.error} if first.error is not None else {"result": first.result or ""}
    return {"results": [o.as_response() for o in outcomes]}


def handle_tool_calls(intake: Intake, call: Call | None) -> dict[str, Any]:
    return tool_response(intake.message_type, intake.tool_outcomes or [])


# --- end of call -------------------------------------------------------------------------------


def handle_end_of_call_report(intake: Intake, call: Call | None) -> dict[str, Any]:
    m = intake.message
    artifact, analysis, raw_call = x.obj(m.get("artifact")), x.obj(m.get("analysis")), x.obj(m.get("call"))
    transcript = x.text(artifact.get("transcript")) or x.text(m.get("transcript"))
    history = artifact.get("messages") if isinstance(artifact.get("messages"), list) else m.get("messages")
    summary = x.text(analysis.get("summary")) or x.text(m.get("summary"))
    structured = analysis.get("structuredData", m.get("structuredData"))
    # One walk over all of it: a name the caller gave with a cue in the transcript is then also
    # redacted where the summary or the structured data repeat it without one.
    bundle, _ = redact_json(
        {
            "transcript": transcript,
            "summary": summary,
            "messages": history if isinstance(history, list) else [],
            "structuredData": structured if isinstance(structured, dict | list) else {},
        }
    )
    urls = x.recording_urls(m)
    if call is None:
        return RECEIVED
    started = x.when(m.get("startedAt")) or x.when(raw_call.get("startedAt")) or call.started_at
    ended = x.when(m.get("endedAt")) or x.when(raw_call.get("endedAt"))
    _set(intake, call, status="ended", started_at=started, ended_at=ended or call.ended_at)
    reason = x.text(m.get("endedReason"), 128) or x.text(raw_call.get("endedReason"), 128)
    if reason:
        _set(intake, call, ended_reason=reason)
    duration = _duration(m, started, ended)
    if duration is not None:
        _set(intake, call, duration_seconds=duration)
    cost = _decimal(m.get("cost", raw_call.get("cost")))
    if cost is not None:
        _set(intake, call, cost=cost)
    # The live finals were counted one by one; the report's transcript counts the whole call at once.
    report_counts = placeholder_counts(bundle["transcript"])
    live = dict(call.entity_counts or {})
    merged = {k: max(int(live.get(k, 0)), report_counts.get(k, 0)) for k in set(live) | set(report_counts)}
    _set(
        intake,
        call,
        entity_counts=merged,
        transcript_sealed=_seal(call, call, "transcript_sealed", bundle["transcript"]),
        messages_sealed=_seal(call, call, "messages_sealed", bundle["messages"]),
        summary_sealed=_seal(call, call, "summary_sealed", bundle["summary"]),
        structured_data_sealed=_seal(call, call, "structured_data_sealed", bundle["structuredData"]),
    )
    if urls:
        _set(intake, call, recording_present=True, recording_urls_sealed=_seal(call, call, "recording_urls_sealed", urls))
    vapi_id = intake.info.vapi_call_id
    st.state_forget(intake.writes, vapi_id)
    return RECEIVED


def placeholder_counts(redacted_text: str) -> dict[str, int]:
    """Entities by type in an already-redacted text, read from its placeholders."""
    return {kind: n for kind, mark in PLACEHOLDERS.items() if (n := redacted_text.count(mark))}


def _duration(m: dict[str, Any], started: datetime | None, ended: datetime | None) -> float | None:
    if started and ended and ended >= started:
        return round((ended - started).total_seconds(), 3)
    for key, scale in (("durationSeconds", 1.0), ("durationMs", 0.001), ("durationMinutes", 60.0)):
        value = x.number(m.get(key))
        if value is not None and value >= 0:
            return round(value * scale, 3)
    return None


def _decimal(value: Any) -> Decimal | None:
    if x.number(value) is None:
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    except InvalidOperation:
        return None


HANDLERS: dict[str, Handler] = {
    "transcript": handle_transcript,
    x.FINAL_ONLY_TYPE: handle_transcript,
    "speech-update": handle_speech_update,
    "user-interrupted": handle_user_interrupted,
    "voice-input": handle_voice_input,
    "conversation-update": handle_conversation_update,
    "status-update": handle_status_update,
    "model-output": handle_redact_only,
    "hang": handle_redact_only,
    "assistant-request": handle_assistant_request,
    "transfer-destination-request": handle_transfer_destination_request,
    "tool-calls": handle_tool_calls,
    "function-call": handle_tool_calls,
    "end-of-call-report": handle_end_of_call_report,
}
TOOL_TYPES = frozenset({"tool-calls", "function-call"})
