"""Legal holds: while a call has an active hold it is never purged, erased or deleted.

Placing a hold locks the call row first. Purge and erasure lock the same rows (with ``SKIP
LOCKED`` on PostgreSQL) and re-read active holds after locking, so a hold placed while a purge runs
either lands before the purge sees the call (and the call is kept) or waits for the purge and
then finds the call gone (and says so). Neither path can delete a held call.
"""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from calls.models import Call, LegalHold

REASON_MAX = 500


class HoldError(Exception):
    """A hold could not be placed or released; the message says why, for the person who tried."""


def _clean_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise HoldError("A legal hold needs a reason.")
    if len(reason) > REASON_MAX:
        raise HoldError(f"The reason is too long (at most {REASON_MAX} characters).")
    return reason


def legal_hold_place(*, call_id: uuid.UUID | str, reason: str, actor: User) -> LegalHold:
    reason = _clean_reason(reason)
    try:
        with transaction.atomic():
            call = Call.objects.select_for_update().filter(pk=call_id).first()
            if call is None:
                raise HoldError("This call no longer exists (it was purged or erased).")
            if LegalHold.objects.filter(call=call, released_at__isnull=True).exists():
                raise HoldError("This call is already on legal hold.")
            hold = LegalHold.objects.create(call=call, reason=reason, placed_by=actor)
            # The reason may name a matter or a person, so the trail keeps the hold's id, not its text.
            audit_record(actor=actor, action=AuditEvent.Action.LEGAL_HOLD_PLACED, target=call, extra={"hold_id": hold.pk})
    except IntegrityError:
        raise HoldError("This call is already on legal hold.") from None
    return hold


def legal_hold_release(*, hold_id: int, actor: User, call_id: object | None = None) -> LegalHold:
    """Release a hold (``call_id``, when given, must be the hold's call); the call becomes purgeable."""
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().filter(pk=hold_id).first()
        if hold is None or (call_id is not None and str(hold.call_id) != str(call_id)):
            raise HoldError("This legal hold does not exist.")
        if hold.released_at is not None:
            raise HoldError("This legal hold was already released.")
        hold.released_at = timezone.now()
        hold.released_by = actor
        hold.save(update_fields=["released_at", "released_by"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.LEGAL_HOLD_RELEASED,
            target=("calls.call", str(hold.call_id)),
            extra={"hold_id": hold.pk},
        )
    return hold


def calls_place_holds(*, call_ids: list[uuid.UUID | str], reason: str, actor: User) -> tuple[int, int]:
    """Place the same hold on several calls; returns (placed, already held or gone)."""
    reason = _clean_reason(reason)
    placed = skipped = 0
    for call_id in call_ids:
        try:
            legal_hold_place(call_id=call_id, reason=reason, actor=actor)
            placed += 1
        except HoldError:
            skipped += 1
    return placed, skipped
