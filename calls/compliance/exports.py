"""Exporting selected calls' redacted transcripts as JSON or CSV, audited.

The export holds what the detail page shows (redacted text only, never a caller's number or hash)
and writes one ``calls.exported`` event listing every call id in it, in the same transaction as
the texts are opened. CSV cells that a spreadsheet would run as a formula are prefixed with an
apostrophe (OWASP CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from calls.compliance.review import SealedOpenError, call_turns, open_text
from calls.models import Call, TranscriptSegment

FORMATS = ("json", "csv")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    pass


@dataclass(frozen=True)
class Export:
    filename: str
    content_type: str
    content: bytes
    calls: int


def calls_export(*, call_ids: list[Any], fmt: str, actor: User) -> Export:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}")
    if not call_ids:
        raise ExportError("Select at least one call to export.")
    if len(call_ids) > settings.EXPORT_MAX_CALLS:
        raise ExportError(f"An export holds at most {settings.EXPORT_MAX_CALLS} calls; select fewer.")
    with transaction.atomic():
        calls = list(Call.objects.filter(pk__in=call_ids).order_by("started_at", "created_at"))
        segments: dict[Any, list[TranscriptSegment]] = {c.pk: [] for c in calls}
        for segment in TranscriptSegment.objects.filter(call__in=calls, kind=TranscriptSegment.Kind.FINAL).order_by(
            "call", "sequence"
        ):
            segments[segment.call_id].append(segment)
        records = [_record(call, segments[call.pk]) for call in calls]
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CALLS_EXPORTED,
            extra={"format": fmt, "calls": len(records), "call_ids": [str(c.pk) for c in calls]},
        )
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    if fmt == "json":
        body = json.dumps({"exported_at": timezone.now().isoformat(), "calls": records}, indent=2, ensure_ascii=False)
        return Export(f"voiceguard-calls-{stamp}.json", "application/json", body.encode(), len(records))
    return Export(f"voiceguard-calls-{stamp}.csv", "text/csv; charset=utf-8", _csv(records), len(records))


def _record(call: Call, segments: list[TranscriptSegment]) -> dict[str, Any]:
    turns, unreadable = call_turns(call=call, segments=segments)
    try:
        summary = open_text(call=call, record=call, field_name="summary_sealed", ciphertext=call.summary_sealed)
    except SealedOpenError:
        summary, unreadable = None, True
    return {
        "call_id": str(call.pk),
        "vapi_call_id": call.vapi_call_id,
        "assistant_id": call.assistant_id,
        "started_at": call.started_at.isoformat() if call.started_at else None,
        "ended_at": call.ended_at.isoformat() if call.ended_at else None,
        "ended_reason": call.ended_reason,
        "duration_seconds": call.duration_seconds,
        "entity_counts": call.entity_counts,
        "interruptions": call.interruptions,
        "recording_present": call.recording_present,
        "readable": not unreadable,
        "summary": summary,
        "turns": [{"sequence": t.sequence, "role": t.role, "text": t.text} for t in turns],
    }


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(records: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["call_id", "vapi_call_id", "started_at", "ended_reason", "sequence", "role", "text"])
    for record in records:
        base = [record["call_id"], record["vapi_call_id"], record["started_at"], record["ended_reason"]]
        if not record["turns"]:
            writer.writerow([_cell(v) for v in [*base, "", "", ""]])
        for turn in record["turns"]:
            text = turn["text"] if turn["text"] is not None else "[cannot be opened (shredded)]"
            writer.writerow([_cell(v) for v in [*base, turn["sequence"], turn["role"], text]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
