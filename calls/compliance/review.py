"""Opening a call for review: the redacted conversation, summary and data, decrypted for one person.

``call_review_open`` is the only way the admin reads sealed text, and it writes a
``calls.transcript_viewed`` audit event (who, which call, when) in the same transaction as it
opens the call, so no one reads a transcript without a trace. A call whose data key was shredded
opens as "cannot be opened" rather than failing the page.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models, transaction

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from calls.compliance.entities import Part, split_placeholders
from calls.compliance.policy import retention_policies
from calls.models import Call, Interruption, LegalHold, TranscriptSegment, WebhookEvent

logger = logging.getLogger(__name__)

UNREADABLE = "cannot be opened (shredded)"


@dataclass(frozen=True)
class Turn:
    sequence: int
    role: str
    role_label: str
    parts: list[Part]
    text: str | None  # None when it could not be opened

    @property
    def side(self) -> str:
        return "caller" if self.role == TranscriptSegment.Role.USER else "assistant" if self.role == "assistant" else "system"


@dataclass(frozen=True)
class CallReview:
    call: Call
    turns: list[Turn]
    summary: list[Part] | None
    structured_data: Any
    barge_ins: list[Interruption]
    events: list[WebhookEvent]
    holds: list[LegalHold]
    active_hold: LegalHold | None
    retain_until: datetime
    unreadable_fields: list[str] = field(default_factory=list)

    @property
    def structured_rows(self) -> list[tuple[str, list[Part]]]:
        """Structured data flattened to (dotted key, text with chips) rows for display."""
        rows: list[tuple[str, list[Part]]] = []
        _flatten("", self.structured_data, rows)
        return rows


def _flatten(prefix: str, value: Any, rows: list[tuple[str, list[Part]]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), item, rows)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _flatten(f"{prefix}[{index}]", item, rows)
    elif value is not None:
        rows.append((prefix or "value", split_placeholders(str(value))))


class SealedOpenError(Exception):
    pass


def open_text(*, call: Call, record: models.Model, field_name: str, ciphertext: bytes | memoryview | None) -> str | None:
    """The plaintext of one sealed field, or None when there is none or it cannot be opened."""
    if ciphertext is None:
        return None
    from keys.services import open_for

    try:
        plaintext = open_for(call=call, record=record, field=field_name, ciphertext=bytes(ciphertext))
    except Exception as exc:  # any failure to open means "unreadable", never a 500 or a partial text
        logger.warning(
            "sealed field unreadable: %s.%s of call %s (%s)", record._meta.label, field_name, call.pk, type(exc).__name__
        )
        raise SealedOpenError(field_name) from None
    return plaintext.decode("utf-8")


def call_turns(*, call: Call, segments: list[TranscriptSegment] | None = None) -> tuple[list[Turn], bool]:
    """The final transcript turns in order; the flag says whether any turn could not be opened."""
    if segments is None:
        segments = list(call.segments.filter(kind=TranscriptSegment.Kind.FINAL).order_by("sequence"))
    labels = dict(TranscriptSegment.Role.choices)
    turns: list[Turn] = []
    unreadable = False
    for segment in segments:
        try:
            text = open_text(call=call, record=segment, field_name="text_sealed", ciphertext=segment.text_sealed)
        except SealedOpenError:
            text, unreadable = None, True
        turns.append(
            Turn(
                sequence=segment.sequence,
                role=segment.role,
                role_label=labels.get(segment.role, segment.role),
                parts=split_placeholders(text) if text else [],
                text=text,
            )
        )
    return turns, unreadable


def _open_optional(call: Call, field_name: str, unreadable: list[str]) -> str | None:
    try:
        return open_text(call=call, record=call, field_name=field_name, ciphertext=getattr(call, field_name))
    except SealedOpenError:
        unreadable.append(field_name.removesuffix("_sealed").replace("_", " "))
        return None


def call_review_open(*, call_id: uuid.UUID | str, actor: User) -> CallReview | None:
    """Everything the detail page shows, decrypted, with the view audited. None if no such call."""
    with transaction.atomic():
        call = Call.objects.filter(pk=call_id).first()
        if call is None:
            return None
        unreadable: list[str] = []
        turns, turns_unreadable = call_turns(call=call)
        if turns_unreadable:
            unreadable.append("transcript")
        summary = _open_optional(call, "summary_sealed", unreadable)
        structured = _open_optional(call, "structured_data_sealed", unreadable)
        structured_data: Any = None
        if structured:
            try:
                structured_data = json.loads(structured)
            except ValueError:
                structured_data = structured
        holds = list(LegalHold.objects.filter(call=call).select_related("placed_by", "released_by"))
        audit_record(
            actor=actor,
            action=AuditEvent.Action.TRANSCRIPT_VIEWED,
            target=call,
            extra={"turns": len(turns), "unreadable": unreadable},
        )
    return CallReview(
        call=call,
        turns=turns,
        summary=split_placeholders(summary) if summary else None,
        structured_data=structured_data,
        barge_ins=list(call.barge_ins.order_by("occurred_at")),
        events=list(call.webhook_events.order_by("received_at")),
        holds=holds,
        active_hold=next((h for h in holds if h.released_at is None), None),
        retain_until=retention_policies().retain_until(assistant_id=call.assistant_id, created_at=call.created_at),
        unreadable_fields=unreadable,
    )
