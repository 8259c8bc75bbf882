"""Realistic calls for the compliance tests: redacted turns sealed with the call's real data key."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from calls.models import Call, Interruption, TranscriptSegment, WebhookEvent
from calls.services import caller_hash_for, caller_last4
from keys.services import key_caches_clear, seal_for

CALLER = "+1 415 555 0142"
TURNS = [
    ("assistant", "Thanks for calling Acme Health. Can I have your full name?"),
    ("user", "Sure, it's [NAME_REDACTED]."),
    ("assistant", "Thank you. For verification, what is your social security number?"),
    ("user", "It's [SSN_REDACTED], and my card is [CREDITCARD_REDACTED]."),
]


@pytest.fixture(name="_cold_key_caches", autouse=True)
def cold_key_caches_fixture() -> Iterator[None]:
    key_caches_clear()
    yield
    key_caches_clear()


def make_call(
    *,
    turns: int = 4,
    caller: str = CALLER,
    assistant_id: str = "",
    age_days: float = 0,
    entity_counts: dict[str, int] | None = None,
    ended_reason: str = "customer-ended-call",
    recording: bool = False,
    summary: str | None = "Caller [NAME_REDACTED] asked about a bill; verified with [SSN_REDACTED].",
    structured: dict[str, Any] | None = None,
    events: int = 2,
    barge_ins: int = 1,
) -> Call:
    started = timezone.now() - timedelta(days=age_days, minutes=5)
    call = Call.objects.create(
        vapi_call_id=str(uuid.uuid4()),
        assistant_id=assistant_id,
        status="ended",
        started_at=started,
        ended_at=started + timedelta(minutes=3),
        ended_reason=ended_reason,
        duration_seconds=183.0,
        entity_counts=entity_counts if entity_counts is not None else {"PERSON": 2, "US_SSN": 2, "CREDIT_CARD": 1},
        interruptions=barge_ins,
        recording_present=recording,
        caller_hash=caller_hash_for(caller) if caller else "",
        caller_last4=caller_last4(caller) if caller else "",
    )
    for i in range(turns):
        role, text = TURNS[i % len(TURNS)]
        segment = TranscriptSegment(call=call, sequence=i + 1, role=role)
        segment.text_sealed = seal_for(call=call, record=segment, field="text_sealed", plaintext=text.encode())
        segment.save()
    if summary is not None:
        call.summary_sealed = seal_for(call=call, record=call, field="summary_sealed", plaintext=summary.encode())
    data = structured if structured is not None else {"intent": "billing", "callback": "[PHONE_REDACTED]"}
    call.structured_data_sealed = seal_for(
        call=call, record=call, field="structured_data_sealed", plaintext=json.dumps(data).encode()
    )
    call.save(update_fields=["summary_sealed", "structured_data_sealed"])
    for i in range(events):
        WebhookEvent.objects.create(
            call=call, message_type="transcript" if i else "status-update", digest=uuid.uuid4().hex + uuid.uuid4().hex
        )
    for _ in range(barge_ins):
        Interruption.objects.create(call=call, occurred_at=started + timedelta(seconds=40), latency_ms=420)
    if age_days:
        Call.objects.filter(pk=call.pk).update(created_at=timezone.now() - timedelta(days=age_days))
        call.refresh_from_db()
    return call


def set_created(call: Call, when: datetime) -> None:
    Call.objects.filter(pk=call.pk).update(created_at=when)
