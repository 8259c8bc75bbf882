"""Retention purge: crypto-shred and delete calls whose retention has run out.

Safety rules, each one relied on elsewhere:

1. **A held call is never removed.** The batch query excludes calls with an active legal hold, and
   after locking its batch the purge reads the holds again with a fresh statement, so a hold that
   committed after the query's snapshot is still seen. Deleting a call with an active hold would
   raise anyway (``LegalHold.call`` is ``PROTECT``), rolling the batch back.
2. **Only expired calls.** Expiry is evaluated per batch against the policies as they are now
   (``calls.compliance.policy``); shortening a policy takes effect at the next run, lengthening it
   saves whatever has not been purged yet.
3. **One batch, one transaction.** Each batch locks up to ``PURGE_BATCH_SIZE`` calls, shreds their
   data keys, writes a tombstone per call (hashed id, time, policy days), deletes them and writes
   one ``calls.purged`` audit event with the counts, all or nothing. A crash loses nothing but
   the batch in flight, which rolls back whole.
4. **No OFFSET, no collisions.** Each batch takes the oldest remaining expired calls; removed rows
   are gone, so the next batch starts where this one ended. On PostgreSQL the rows are locked
   with ``FOR UPDATE SKIP LOCKED``, so two purges running at once take disjoint batches and a call
   locked by someone placing a hold is left alone.
5. **Bounded.** A run stops after ``PURGE_MAX_SECONDS``; the next run (or the task re-queueing
   itself) carries on. ``dry_run`` counts and changes nothing.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from calls.compliance.policy import Policies, retention_policies
from calls.compliance.removal import calls_remove
from calls.models import Call, CallTombstone, LegalHold


@dataclass(frozen=True)
class PurgeReport:
    dry_run: bool
    expired: int  # expired and not held, when the run started
    held: int  # expired but kept because of a legal hold
    purged: int = 0
    segments: int = 0
    batches: int = 0
    finished: bool = True  # False when the time budget ran out with expired calls left


def _active_hold() -> Exists:
    return Exists(LegalHold.objects.filter(call=OuterRef("pk"), released_at__isnull=True))


def calls_expired(*, policies: Policies | None = None) -> QuerySet[Call]:
    """Expired calls that no legal hold protects: what the next purge would remove."""
    policies = policies or retention_policies()
    return Call.objects.filter(policies.expired_q(now=timezone.now())).exclude(_active_hold())


def calls_purge_expired(
    *,
    actor: User | None = None,
    dry_run: bool = False,
    batch_size: int | None = None,
    max_seconds: float | None = None,
) -> PurgeReport:
    batch_size = batch_size or settings.PURGE_BATCH_SIZE
    max_seconds = settings.PURGE_MAX_SECONDS if max_seconds is None else max_seconds
    policies = retention_policies()
    expired_all = Call.objects.filter(policies.expired_q(now=timezone.now()))
    held = expired_all.filter(_active_hold()).count()
    expired = expired_all.count() - held
    if dry_run or expired == 0:
        return PurgeReport(dry_run=dry_run, expired=expired, held=held)

    run_id = uuid.uuid4().hex[:12]
    deadline = time.monotonic() + max_seconds
    purged = segments = batches = 0
    while True:
        removed, found = _purge_batch(actor=actor, policies=policies, batch_size=batch_size, run_id=run_id, batch=batches + 1)
        if found == 0:
            return PurgeReport(dry_run=False, expired=expired, held=held, purged=purged, segments=segments, batches=batches)
        purged += removed[0]
        segments += removed[1]
        batches += 1
        if time.monotonic() > deadline:
            finished = not calls_expired(policies=retention_policies()).exists()
            return PurgeReport(
                dry_run=False, expired=expired, held=held, purged=purged, segments=segments, batches=batches, finished=finished
            )


def _purge_batch(
    *, actor: User | None, policies: Policies, batch_size: int, run_id: str, batch: int
) -> tuple[tuple[int, int], int]:
    """One transaction: lock, re-check holds, remove, audit. Returns ((calls, segments), rows found)."""
    with transaction.atomic():
        query = (
            Call.objects.filter(policies.expired_q(now=timezone.now()))
            .exclude(_active_hold())
            .order_by("created_at", "id")
            .values_list("id", "vapi_call_id", "assistant_id")
        )
        if connection.features.has_select_for_update_skip_locked:
            query = query.select_for_update(skip_locked=True, of=("self",))
        rows = list(query[:batch_size])
        if not rows:
            return (0, 0), 0
        # A fresh statement sees holds committed after the query above took its snapshot.
        held_now = set(
            LegalHold.objects.filter(call_id__in=[r[0] for r in rows], released_at__isnull=True).values_list("call_id", flat=True)
        )
        victims = [(pk, vapi_id, policies.days_for(assistant_id)) for pk, vapi_id, assistant_id in rows if pk not in held_now]
        removed = calls_remove(calls=victims, reason=CallTombstone.Reason.RETENTION)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CALLS_PURGED,
            extra={
                "run": run_id,
                "batch": batch,
                "calls": removed.calls,
                "segments": removed.segments,
                "held_skipped": len(held_now),
                "default_days": policies.default_days,
            },
        )
    return (removed.calls, removed.segments), len(rows)
