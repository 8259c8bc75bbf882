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

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from calls.intake import cache, replay, rows
from calls.intake import extract as x
from calls.intake import handlers as h
from calls.intake import state as st
from calls.intake.tools import ToolOutcome
from calls.models import Call, CallTombstone, WebhookEvent
from calls.services import call_id_hash, caller_hash_for, caller_last4
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
    # One round trip: the call's state, and whether this digest was answered already.
    key = replay.replay_key(digest)
    state, known = st.state_and_keys_load(info.vapi_call_id, also=(key,))
    cached = replay.response_decode(known.get(key))
    if cached is not None:
        return cached
    intake = h.Intake(message=message, message_type=message_type, digest=digest, now=now, info=info, state=state)
    if _is_fast_partial(intake):
        fast = _partial_fast(intake)  # its guarded write (SET NX) is the replay check
        if fast is not None:
            return fast
    handler = h.HANDLERS.get(message_type)
    if message_type in h.TOOL_TYPES:
        if WebhookEvent.objects.filter(digest=digest).exists():
            return replay_response(message)
        h.tool_outcomes_run(intake)
    try:
        response = _transcript_fast(intake, started) if _is_known_transcript(intake) else None
        if response is None:
            response = _process_in_transaction(intake, handler, started)
    except IntegrityError:
        if not WebhookEvent.objects.filter(digest=digest).exists():
            raise
        return replay_response(message)
    replay.replay_remember(intake.writes, digest, response)
    intake.writes.apply()
    return response


def _is_fast_partial(intake: h.Intake) -> bool:
    return (
        intake.message_type == "transcript"
        and x.transcript_kind(intake.message) == "partial"
        and not settings.STORE_PARTIAL_TRANSCRIPTS
        and intake.state is not None
    )


def _partial_fast(intake: h.Intake) -> dict[str, Any] | None:
    """Answer a partial from the cache alone; None sends it down the database path instead.

    Once the call's row is known (its pk is in the state) this runs no query. Its cache writes and
    the replay claim are one atomic round trip: the writes happen only if the digest was new.
    """
    state = intake.state
    assert state is not None
    text, counts, role = h.transcript_redact(intake)
    barge = h.barge_in_detected(state, role, text)
    response = h.transcript_response(text, sum(counts.values()), barge_in=barge)
    vapi_id = intake.info.vapi_call_id
    writes = intake.writes
    if vapi_id and state.call_pk is None:
        call = _call_ensure(intake.info)
        if call is None:
            return response  # the call was purged or erased: answer, keep nothing
        state.call_pk = str(call.pk)
        st.state_save(writes, vapi_id, call_pk=state.call_pk)
    if vapi_id:
        if role == "user":
            st.state_save(writes, vapi_id, last_partial=text)
        st.partials_add(writes, vapi_id)
    guard = (replay.replay_key(intake.digest), replay.response_encode(response), replay.ttl())
    if barge and state.call_pk:
        # A barge-in is written to the database, so claim first and give the claim back on failure.
        claimed = cache.add(*guard)
        if claimed:
            try:
                with transaction.atomic():
                    h.interruption_record(intake, Call(pk=uuid.UUID(state.call_pk), vapi_call_id=vapi_id))
            except Exception:
                replay.replay_release(intake.digest)  # let Vapi's retry be processed, not answered as a replay
                raise
            writes.apply()
            return response
        result = None if claimed is None else (False, cache.get(guard[0]))
    else:
        result = writes.apply(guard=guard)
    if result is None:  # the cache failed meanwhile: take the database path, without these writes
        intake.writes = cache.Batch()
        return None
    claimed, existing = result
    return response if claimed else (replay.response_decode(existing) or response)


def _is_known_transcript(intake: h.Intake) -> bool:
    return (
        intake.message_type in ("transcript", x.FINAL_ONLY_TYPE)
        and intake.state is not None
        and intake.state.call_pk is not None
        and rows.supported()
    )


def _transcript_fast(intake: h.Intake, started: float) -> dict[str, Any] | None:
    """A transcript for a call whose row is known: three statements, and the row is never read.

    Returns None, having written nothing, when the row is gone (purged); the general path then runs.
    """
    state = intake.state
    assert state is not None and state.call_pk is not None
    text, counts, role = h.transcript_redact(intake)
    kind = x.transcript_kind(intake.message)
    barge = kind == "partial" and h.barge_in_detected(state, role, text)
    vapi_id = intake.info.vapi_call_id
    call = Call(pk=uuid.UUID(state.call_pk), vapi_call_id=vapi_id)
    pending = state.pending_partials
    now = timezone.now()
    with transaction.atomic():
        written = rows.call_counters_update(
            call_pk=call.pk,
            now=now,
            events=1 + pending,
            partials=pending + (1 if kind == "partial" else 0),
            counts=counts if kind == "final" else {},
        )
        if written:
            if kind == "final" or settings.STORE_PARTIAL_TRANSCRIPTS:
                # Sealed only now: the row exists, and the call's data key cannot be created for a gone call.
                segment_id = uuid.uuid4()
                sealed = h.segment_seal(call, segment_id, text)
                segment = rows.Segment(id=segment_id, kind=kind, role=role, text_sealed=sealed, entity_counts=counts)
                rows.segment_insert(call_pk=call.pk, now=now, segment=segment)
            if barge:
                h.interruption_record(intake, call)
            rows.event_insert(
                call_pk=call.pk,
                now=now,
                message_type=safe_type(intake.message_type),
                digest=intake.digest,
                processing_ms=round((time.perf_counter() - started) * 1000.0, 3),
            )
    if not written:
        return None
    st.partials_take(intake.writes, vapi_id, pending)
    h.transcript_state_save(intake, kind=kind, role=role, text=text)
    return h.transcript_response(text, sum(counts.values()), barge_in=barge)


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
    if call is not None and intake.state is not None and intake.state.call_pk != str(call.pk):
        # Later transcripts of this call find its row by pk, without reading it.
        st.state_save(intake.writes, intake.info.vapi_call_id, call_pk=str(call.pk))
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
        st.partials_take(intake.writes, vapi_id, pending)
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
    return _call_get_or_create(info, Call.objects.select_for_update())


def _call_ensure(info: x.CallInfo) -> Call | None:
    """The call's primary key (the rest unread), created if this is its first message."""
    return _call_get_or_create(info, Call.objects.only("pk"))


def _call_get_or_create(info: x.CallInfo, rows: QuerySet[Call]) -> Call | None:
    existing = rows.filter(vapi_call_id=info.vapi_call_id).first()
    if existing is not None:
        return existing
    if _removed(info.vapi_call_id):
        return None
    try:
        with transaction.atomic():
            call = _new_call(info)
            call.save(force_insert=True)
            return call
    except IntegrityError:  # another message of the same call created it first
        return rows.get(vapi_call_id=info.vapi_call_id)


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


def _removed(vapi_call_id: str) -> bool:
    """A purged or erased call stays gone: a late or retried event must not bring its data back."""
    return CallTombstone.objects.filter(call_id_hash=call_id_hash(vapi_call_id)).exists()
