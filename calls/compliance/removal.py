"""Removing calls for good: crypto-shred their data keys, delete their rows, leave tombstones.

Shared by retention purge and erasure, and only ever called inside their transaction, after they
have locked the calls and excluded every call with an active legal hold. Shredding comes first:
once a call's data key is destroyed its ciphertext cannot be opened anywhere, including in database
backups taken earlier that still hold the rows (NIST SP 800-88 cryptographic erase).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.db.models import ProtectedError
from django.db.models.expressions import RawSQL
from django.utils import timezone

from calls.intake.state import states_drop
from calls.models import Call, CallTombstone, LegalHold, TranscriptSegment
from calls.services import call_id_hash
from keys.services import data_keys_shred


@dataclass(frozen=True)
class Removed:
    calls: int
    segments: int


def calls_remove(*, calls: Sequence[tuple[object, str, int | None]], reason: str) -> Removed:
    """Shred and delete the given (id, vapi_call_id, retention_days) calls; the caller holds the locks."""
    if not calls:
        return Removed(0, 0)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("calls_remove must run inside the caller's transaction")
    ids = [c[0] for c in calls]
    batch = id_batch(ids)
    now = timezone.now()
    data_keys_shred(call_ids=ids, batch=batch)
    CallTombstone.objects.bulk_create(
        [
            CallTombstone(call_id_hash=call_id_hash(vapi_id), reason=reason, retention_days=days, purged_at=now)
            for _, vapi_id, days in calls
        ],
        ignore_conflicts=True,
    )
    # Released holds are history; they go with the call. An active one left here means a caller
    # skipped its hold check: the PROTECT check below refuses, and the whole batch rolls back.
    LegalHold.objects.filter(call_id__in=batch, released_at__isnull=False).delete()
    counts = _delete_dependents(batch)
    # Everything that pointed at these calls is gone, so the calls go in one plain DELETE; Django's
    # delete() would load them and look up every relation again.
    deleted = Call.objects.filter(id__in=batch)._raw_delete(Call.objects.db)
    vapi_ids = [vapi_id for _, vapi_id, _ in calls]
    transaction.on_commit(lambda: states_drop(vapi_ids))
    return Removed(calls=deleted, segments=counts.get(TranscriptSegment._meta.label, 0))


def id_batch(ids: list[Any]) -> Any:
    """The batch's ids as a filter value: one array parameter on PostgreSQL instead of a thousand."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::uuid[])", (ids,))
    return ids


def _delete_dependents(batch: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for relation in Call._meta.related_objects:
        related: Any = relation.related_model
        rows = related._base_manager.filter(**{f"{relation.field.name}__in": batch})
        if relation.on_delete is models.CASCADE:
            _, per_model = rows.delete()
            for label, n in per_model.items():
                counts[label] = counts.get(label, 0) + n
        elif relation.on_delete is models.SET_NULL:
            rows.update(**{relation.field.name: None})
        elif relation.on_delete in (models.PROTECT, models.RESTRICT) and rows.exists():
            raise ProtectedError(f"{related._meta.label} rows still protect calls in this batch", set())
    return counts
