"""Re-wrapping data keys onto the primary KEK after a rotation, without ever losing one.

Only the 60-byte wrapped DEKs change; no sealed field is touched. Each batch locks its rows
(``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so parallel workers take disjoint rows), unwraps each
DEK with its old KEK version and wraps it with the primary, then writes it back with a
compare-and-swap: ``UPDATE ... WHERE id = ? AND kek_version = <old> AND shredded_at IS NULL``.
A redelivered or duplicated batch therefore finds nothing left to do, never wraps a key twice and
never brings back a key that was shredded meanwhile; a worker killed mid-batch rolls its
transaction back and the sweeper, which re-queries the table rather than trusting task delivery,
finds those keys again.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from keys import envelope, kek
from keys.envelope import DecryptionError
from keys.models import DataKey, KeyVersion
from keys.services import state

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RewrapBatchResult:
    selected: int
    rewrapped: int
    failed: int


@dataclass(frozen=True)
class RewrapPlan:
    primary: int | None
    remaining: int
    ranges: list[tuple[str, str]]
    finished: bool


def key_rewrap_batch(*, first_id: str | None = None, last_id: str | None = None, limit: int | None = None) -> RewrapBatchResult:
    """Re-wrap live data keys with ids in [first_id, last_id] that are not on the primary version."""
    primary = _primary()
    limit = limit or settings.KEY_REWRAP_BATCH_SIZE
    with transaction.atomic():
        rows = _stale(primary, first_id, last_id)
        rows = list(
            rows.select_for_update(skip_locked=True).order_by("id").values_list("id", "call_id", "kek_version", "wrapped")[:limit]
        )
        if not rows:
            return RewrapBatchResult(0, 0, 0)
        ring = kek.keyring()
        if not all(ring.has(v) for v in {primary, *(row[2] for row in rows)}):
            ring = kek.keyring(refresh=True)  # a version newer than this process's copy
        new_kek = ring.kek(primary)
        updates: list[tuple[uuid.UUID, int, bytes]] = []
        failed = 0
        for dek_id, call_id, old_version, wrapped in rows:
            try:
                old_kek = ring.kek(old_version)
                new_wrapped = envelope.rewrap_dek(
                    old_kek=old_kek,
                    old_version=old_version,
                    new_kek=new_kek,
                    new_version=primary,
                    call_id=str(call_id),
                    dek_id=dek_id,
                    wrapped=bytes(wrapped),
                )
            except DecryptionError as exc:
                failed += 1
                logger.error("data key cannot be re-wrapped", extra={"data_key": str(dek_id), "reason": str(exc)})
                continue
            updates.append((dek_id, old_version, new_wrapped))
        if updates:
            state.count_wraps_exact(primary, len(updates))
        rewrapped = _compare_and_swap(updates, primary)
    return RewrapBatchResult(len(rows), rewrapped, failed)


def key_rewrap_plan(*, max_ranges: int = 200) -> RewrapPlan:
    """Split what is left to re-wrap into id ranges of one batch each, and say whether it is all done.

    ``finished`` is true once nothing is left *and* the keyring cache time has passed since the
    promotion, so a key wrapped by a process that had not yet seen the promotion has been swept too.
    """
    primary = _primary()
    batch = settings.KEY_REWRAP_BATCH_SIZE
    ids = [str(i) for i in _stale(primary, None, None).order_by("id").values_list("id", flat=True)[: batch * max_ranges]]
    ranges = [(ids[i], ids[min(i + batch, len(ids)) - 1]) for i in range(0, len(ids), batch)]
    remaining = _stale(primary, None, None).count() if len(ids) == batch * max_ranges else len(ids)
    row = KeyVersion.objects.get(version=primary)
    settled = row.promoted_at is None or timezone.now() >= row.promoted_at + timedelta(
        seconds=settings.VOICEGUARD_KEYRING_CACHE_SECONDS
    )
    return RewrapPlan(primary, remaining, ranges, finished=not ids and settled)


def key_rewrap_finish() -> bool:
    """Record REWRAP_FINISHED once per promotion, when nothing is left on older versions."""
    with transaction.atomic():
        row = KeyVersion.objects.select_for_update().filter(state=KeyVersion.State.PRIMARY).first()
        if row is None or row.rewrap_finished_at is not None or _stale(row.version, None, None).exists():
            return False
        row.rewrap_finished_at = timezone.now()
        row.save(update_fields=["rewrap_finished_at"])
        audit_record(
            actor=None,
            action=AuditEvent.Action.REWRAP_FINISHED,
            target=row,
            extra={"version": row.version, "data_keys": DataKey.objects.filter(shredded_at__isnull=True).count()},
        )
    return True


def _primary() -> int:
    return state.version_states(refresh=True).primary or state.primary_version()


def _stale(primary: int, first_id: str | None, last_id: str | None):  # type: ignore[no-untyped-def]
    rows = DataKey.objects.filter(kek_version__lt=primary, shredded_at__isnull=True, wrapped__isnull=False)
    if first_id is not None:
        rows = rows.filter(id__gte=first_id)
    if last_id is not None:
        rows = rows.filter(id__lte=last_id)
    return rows


def _compare_and_swap(updates: list[tuple[uuid.UUID, int, bytes]], primary: int) -> int:
    if not updates:
        return 0
    table = DataKey._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement per batch, three array parameters; each row still only changes if it is
            # on the version this batch read.
            cursor.execute(
                f"UPDATE {table} AS d SET wrapped = v.wrapped, kek_version = %s "  # noqa: S608 - table name is ours
                "FROM unnest(%s::uuid[], %s::integer[], %s::bytea[]) AS v(id, old_version, wrapped) "
                "WHERE d.id = v.id AND d.kek_version = v.old_version AND d.shredded_at IS NULL",
                [primary, [u[0] for u in updates], [u[1] for u in updates], [u[2] for u in updates]],
            )
            return int(cursor.rowcount)
        pk = DataKey._meta.pk
        assert pk is not None
        changed = 0
        for dek_id, old, wrapped in updates:
            cursor.execute(
                f"UPDATE {table} SET wrapped = %s, kek_version = %s "  # noqa: S608 - table name is ours
                "WHERE id = %s AND kek_version = %s AND shredded_at IS NULL",
                [wrapped, primary, pk.get_db_prep_value(dek_id, connection), old],
            )
            changed += cursor.rowcount
        return changed
