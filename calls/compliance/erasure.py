"""Erasure requests (GDPR Art. 17): remove every call from one caller, except those on legal hold.

The number typed is hashed with the caller-hash key (``calls.services.caller_hash_for``) and
then dropped: it is not saved on the request, not put in the audit event, not logged. Matching
calls are locked, those with an active hold are kept and reported back with the hold's reason
(Art. 17(3)(e): data needed for legal claims), and the rest are crypto-shredded and deleted with
tombstones, all in one transaction with the request row and its audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from calls.compliance.removal import calls_remove
from calls.models import Call, CallTombstone, ErasureRequest, LegalHold
from calls.services import caller_hash_for


class ErasureInputError(Exception):
    pass


@dataclass(frozen=True)
class HeldCall:
    call_id: str
    vapi_call_id: str
    reason: str
    placed_at: datetime


@dataclass(frozen=True)
class ErasureOutcome:
    request: ErasureRequest
    erased: int
    held: list[HeldCall]


def erasure_request_execute(*, number: str, reference: str, actor: User) -> ErasureOutcome:
    digest = caller_hash_for(number) if sum(ch.isdigit() for ch in number) >= 5 else ""
    del number
    if not digest:
        raise ErasureInputError("Enter the caller's phone number, with its country code if it is not a US number.")
    with transaction.atomic():
        request = ErasureRequest.objects.create(requested_by=actor, reference=reference.strip()[:100])
        rows = list(
            Call.objects.select_for_update().filter(caller_hash=digest).order_by("created_at").values_list("id", "vapi_call_id")
        )
        holds = {
            hold.call_id: hold
            for hold in LegalHold.objects.filter(call_id__in=[pk for pk, _ in rows], released_at__isnull=True).order_by(
                "placed_at"
            )
        }
        held = [
            HeldCall(call_id=str(pk), vapi_call_id=vapi_id, reason=holds[pk].reason, placed_at=holds[pk].placed_at)
            for pk, vapi_id in rows
            if pk in holds
        ]
        victims = [(pk, vapi_id, None) for pk, vapi_id in rows if pk not in holds]
        removed = calls_remove(calls=victims, reason=CallTombstone.Reason.ERASURE)
        request.calls_erased = removed.calls
        request.calls_held = len(held)
        request.save(update_fields=["calls_erased", "calls_held"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.ERASURE_COMPLETED,
            target=request,
            extra={
                "erased": removed.calls,
                "segments": removed.segments,
                "held": len(held),
                "held_call_ids": [h.call_id for h in held],
            },
        )
    return ErasureOutcome(request=request, erased=removed.calls, held=held)
