"""``webhook_message_process``: one verified Vapi message in, one redacted response out.

Order of work, and why:

1. A caller partial (not stored) takes the fast path: redacted, answered, counted in the cache and
   claimed there with SET NX; it touches the database only to create the call on its first message
   or to record a barge-in. Without a cache it takes the database path like everything else.
2. Any other digest already answered (cache) gets the same response again and changes nothing.
3. Tool handlers run before any transaction opens (they may be slow; no row is locked meanwhile).
4. Everything else runs in one transaction: the call's row is created or locked (so per-call writes
   take turns), the handler writes redacted and sealed rows, and the ``WebhookEvent`` row goes in last.
   Its unique digest is the replay backstop: a concurrent or cache-less duplicate fails there and
   the whole transaction rolls back, so it stores nothing twice. The replay then gets a response
   recomputed from the message without side effects.
5. Cache writes (per-call state, the response by digest) happen only after the commit.

Database errors propagate (the view answers 503 so Vapi retries); cache errors never do.
"""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from calls.intake import extract as x
from calls.intake import handlers as h
from calls.intake import replay
from calls.intake import state as st
from calls.intake.tools import ToolOutcome
from calls.models import Call, WebhookEvent
from calls.services import caller_hash_for, caller_last4
from redaction import redact

logger = logging.getLogger(__name__)

# Every type Vapi documents (vapi-server-sdk 3.0.0 plus the legacy function-call). Anything else is
# stored and logged as "(unknown)": the type is the sender's text, and could carry anything.
KNOWN_TYPES = frozenset(
    {
        *h.HANDLERS,
        "assistant.started",
        "assistant.speechStarted",
        "handoff-destination-request",
        "transfer-update",
        "knowledge-base-request",
        "language-changed",
        "language-change-detected",
        "phone-call-control",
        "voice-request",
        "call.endpointing.request",
        "chat.created",
        "chat.deleted",
        "session.created",
        "session.updated",
        "session.deleted",
        "call.deleted",
        "call.delete.failed",
        "call.artifact.upload",
        "campaign.predial",
    }
)


def safe_type(message_type: str) -> str:
    return message_type if message_type in KNOWN_TYPES else "(unknown)"


def webhook_message_process(*, message: dict[str, Any], digest: str, now: float, started: float) -> dict[str, Any]:
    message_type = str(message.get("type"))
    info = x.call_info(message)
    intake = h.Intake(
        message=message,
        message_type=message_type,
        digest=digest,
        now=now,
        info=info,
        state=st.state_load(info.vapi_call_id),
    )
    if _is_fast_partial(intake):
        fast = _partial_fast(intake)  # its claim (SET NX) is the replay check
        if fast is not None:
            return fast
    cached = replay.replay_lookup(digest)
    if cached is not None:
        return cached
    handler = h.HANDLERS.get(message_type)
    if message_type in h.TOOL_TYPES:
        if WebhookEvent.objects.filter(digest=digest).exists():
            return replay_response(message)
        h.tool_outcomes_run(intake)
    try:
        response = _process_in_transaction(intake, handler, started)
    except IntegrityError:
        if not WebhookEvent.objects.filter(digest=digest).exists():
            raise
        return replay_response(message)
    for fn in intake.after_commit:
        fn()
    replay.replay_remember(digest, response)
    return response


def _is_fast_partial(intake: h.Intake) -> bool:
    from django.conf import settings

    return (
        intake.message_type == "transcript"
        and x.transcript_kind(intake.message) == "partial"
        and not settings.STORE_PARTIAL_TRANSCRIPTS
        and intake.state is not None
    )


def _partial_fast(intake: h.Intake) -> dict[str, Any] | None:
    """Answer a partial from the cache alone; None sends it down the database path instead."""
    state = intake.state
    assert state is not None
    text, counts, role = h.transcript_redact(intake)
    barge = h.barge_in_detected(state, role, text)
    response = h.transcript_response(text, sum(counts.values()), barge_in=barge)
    vapi_id = intake.info.vapi_call_id
    if vapi_id and state.call_pk is None:
        call = _call_ensure(intake.info)
        st.state_save(vapi_id, call_pk=str(call.pk))
        state.call_pk = str(call.pk)
    claimed = replay.replay_claim(intake.digest, response)
    if claimed is False:
        return replay.replay_lookup(intake.digest) or response
    if claimed is None:
        return None
    try:
        if barge and state.call_pk:
            with transaction.atomic():
                h.interruption_record(intake, Call(pk=uuid.UUID(state.call_pk), vapi_call_id=vapi_id))
            for fn in intake.after_commit:
                fn()
    except Exception:
        replay.replay_release(intake.digest)  # let Vapi's retry be processed, not answered as a replay
        raise
    if vapi_id:
        if role == "user":
            st.state_save(vapi_id, last_partial=text)
        st.partials_add(vapi_id)
    return response


def _process_in_transaction(intake: h.Intake, handler: h.Handler | None, started: float) -> dict[str, Any]:
    with transaction.atomic():
        call = _call_locked(intake.info) if handler is not None else None
        if handler is None:
            response, outcome = dict(h.RECEIVED), WebhookEvent.Outcome.IGNORED
        else:
            response, outcome = handler(intake, call), WebhookEvent.Outcome.PROCESSED
        if call is not None:
            _flush_counters(intake, call)
            call.save(update_fields=sorted(intake.update_fields))
        WebhookEvent.objects.create(
            call=call,
            message_type=safe_type(intake.message_type),
            digest=intake.digest,
            outcome=outcome,
            processing_ms=round((time.perf_counter() - started) * 1000.0, 3),
        )
    logger.debug("webhook processed", extra={"message_type": safe_type(intake.message_type), "outcome": outcome})
    return response


def _flush_counters(intake: h.Intake, call: Call) -> None:
    """Count this event, and fold in the partials counted in the cache since the last write."""
    pending = intake.state.pending_partials if intake.state is not None else 0
    call.events_received = F("events_received") + 1 + pending
    intake.update_fields.add("events_received")
    if pending or intake.partials:
        call.partials_received = F("partials_received") + pending + intake.partials
        intake.update_fields.add("partials_received")
    if pending:
        vapi_id = intake.info.vapi_call_id
        intake.later(lambda: st.partials_take(vapi_id, pending))
    if intake.info.caller_number and not call.caller_hash:
        call.caller_hash = caller_hash_for(intake.info.caller_number)
        call.caller_last4 = caller_last4(intake.info.caller_number)
        intake.update_fields.update({"caller_hash", "caller_last4"})
    if intake.info.assistant_id and not call.assistant_id:
        call.assistant_id = intake.info.assistant_id
        intake.update_fields.add("assistant_id")
    if intake.info.started_at and not call.started_at:
        call.started_at = intake.info.started_at
        intake.update_fields.add("started_at")
    intake.update_fields.add("updated_at")


def _new_call(info: x.CallInfo) -> Call:
    return Call(
        vapi_call_id=info.vapi_call_id,
        assistant_id=info.assistant_id,
        started_at=info.started_at,
        caller_hash=caller_hash_for(info.caller_number) if info.caller_number else "",
        caller_last4=caller_last4(info.caller_number) if info.caller_number else "",
    )


def _call_locked(info: x.CallInfo) -> Call | None:
    """The call's row, created by whichever message arrives first, and locked until the commit."""
    if not info.vapi_call_id:
        return None
    call = Call.objects.select_for_update().filter(vapi_call_id=info.vapi_call_id).first()
    if call is not None:
        return call
    try:
        with transaction.atomic():
            call = _new_call(info)
            call.save(force_insert=True)
            return call
    except IntegrityError:
        return Call.objects.select_for_update().get(vapi_call_id=info.vapi_call_id)


def _call_ensure(info: x.CallInfo) -> Call:
    existing = Call.objects.filter(vapi_call_id=info.vapi_call_id).only("pk").first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            call = _new_call(info)
            call.save(force_insert=True)
            return call
    except IntegrityError:
        return Call.objects.only("pk").get(vapi_call_id=info.vapi_call_id)


def replay_response(message: dict[str, Any]) -> dict[str, Any]:
    """The answer to a replay the cache no longer remembers, recomputed without any side effect."""
    message_type = str(message.get("type"))
    if message_type in ("transcript", x.FINAL_ONLY_TYPE):
        result = redact(x.text(message.get("transcript")))
        return h.transcript_response(result.text, len(result.entities))
    if message_type in h.TOOL_TYPES:
        outcomes = [ToolOutcome(c.id, c.name, error="this tool call was already answered") for c in x.tool_calls(message)]
        return h.tool_response(message_type, outcomes)
    if message_type == "assistant-request":
        return h.assistant_response()
    if message_type == "transfer-destination-request":
        return h.transfer_response()
    return dict(h.RECEIVED)
