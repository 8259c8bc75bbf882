"""Rotating key-encryption keys: add, promote, retire, destroy; and the daily rotation policy.

Rotation follows Tink's add → roll out → promote order. ``key_rotation_start`` adds the new KEK
version as *pending* (decrypt-capable, not yet used to wrap). It becomes *primary* only once
``VOICEGUARD_KEYRING_CACHE_SECONDS`` have passed, so every process has re-read its keyring and can
unwrap data keys wrapped by it: a countdown task promotes it, the ``keys-maintenance`` beat entry
promotes it if that task was lost, and with a zero cache time (tests) it is promoted at once.
Promotion enqueues the re-wrap sweep (``keys.services.rewrap``).

Two rotations never proceed at once: on PostgreSQL a transaction-scoped advisory lock, taken with
"try" semantics, refuses the second; on SQLite the write transactions are serialized (IMMEDIATE)
and the second then finds a pending version and is refused. Every step and every refusal is
written to the audit trail in the transaction that makes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from keys import kek
from keys.models import DataKey, KeyVersion
from keys.services import state

if TYPE_CHECKING:
    from accounts.models import User

# An arbitrary constant naming the rotation lock among PostgreSQL advisory locks.
_ROTATION_LOCK_ID = 0x56474B45


class KeyVersionError(Exception):
    """A key-version operation was refused; the message says why and what to do."""


@dataclass(frozen=True)
class RotationResult:
    outcome: str  # "started", "dry_run" or "refused"
    new_version: int | None
    previous_primary: int | None
    promoted: bool
    promote_at: datetime | None
    deks_to_rewrap: int
    reason: str = ""

    def describe(self) -> str:
        if self.outcome == "refused":
            return f"rotation refused: {self.reason}"
        verb = "would add" if self.outcome == "dry_run" else "added"
        text = f"{verb} KEK version {self.new_version} (primary now v{self.previous_primary}); "
        text += f"{self.deks_to_rewrap} data keys to re-wrap"
        if self.promoted:
            return text + f"; version {self.new_version} is primary and the re-wrap is queued"
        if self.promote_at is not None:
            return text + f"; it becomes primary at {self.promote_at:%Y-%m-%d %H:%M:%S} UTC, then the re-wrap starts"
        return text


def key_rotation_start(*, actor: User | None, dry_run: bool = False) -> RotationResult:
    """Add (file backend) or register (read-only backends) a new KEK version; promote it when safe."""
    state.key_versions_bootstrap()
    previous = KeyVersion.objects.filter(state=KeyVersion.State.PRIMARY).values_list("version", flat=True).first()
    to_rewrap = DataKey.objects.filter(shredded_at__isnull=True).count()
    refusal = ""
    result: RotationResult | None = None
    with transaction.atomic():
        if not _try_rotation_lock():
            refusal = "another rotation is running right now"
        elif pending := KeyVersion.objects.filter(state=KeyVersion.State.PENDING).first():
            refusal = f"version {pending.version} is still pending; it is promoted automatically (see rotate_keys --status)"
        else:
            new_version, creates = _next_version()
            if new_version is None:
                refusal = (
                    f"the {kek.get_backend().name} key backend is read-only and holds no version newer than the registered "
                    "ones: add the new KEK version there first"
                )
            elif dry_run:
                result = RotationResult("dry_run", new_version, previous, False, _promote_at(timezone.now()), to_rewrap)
            else:
                if creates:
                    new_version = kek.kek_create()
                result = _add_pending(new_version, previous, to_rewrap, actor)
    if refusal:
        if not dry_run:
            with transaction.atomic():
                audit_record(actor=actor, action=AuditEvent.Action.KEY_ROTATION_REFUSED, extra={"reason": refusal})
        return RotationResult("refused", None, previous, False, None, to_rewrap, refusal)
    assert result is not None
    state.forget()
    return result


def key_versions_promote_due(*, actor: User | None = None) -> list[int]:
    """Promote the pending version once every process can have seen it. Safe to call any time."""
    cutoff = timezone.now() - timedelta(seconds=settings.VOICEGUARD_KEYRING_CACHE_SECONDS)
    promoted: list[int] = []
    with transaction.atomic():
        if not _try_rotation_lock():
            return []
        for pending in KeyVersion.objects.select_for_update().filter(state=KeyVersion.State.PENDING, created_at__lte=cutoff):
            _promote(pending, actor)
            promoted.append(pending.version)
    if promoted:
        state.forget()
    return promoted


def key_version_retire(*, version: int, actor: User | None) -> KeyVersion:
    """decrypt-only → retired, refused while any data key is still wrapped by the version."""
    with transaction.atomic():
        row = KeyVersion.objects.select_for_update().filter(version=version).first()
        refusal = _retire_refusal(row, version)
        if not refusal:
            assert row is not None
            row.state, row.retired_at = KeyVersion.State.RETIRED, timezone.now()
            row.save(update_fields=["state", "retired_at"])
            audit_record(actor=actor, action=AuditEvent.Action.KEK_RETIRED, target=row, extra={"version": version})
            state.forget()
            return row
    _refuse(actor, "retire", version, refusal)
    raise AssertionError("unreachable")


def key_version_destroy(*, version: int, actor: User | None) -> tuple[KeyVersion, bool]:
    """retired → destroyed: the material is deleted from the backend when it can be (True), else the
    operator must remove it (False) and VoiceGuard refuses to use it either way."""
    with transaction.atomic():
        row = KeyVersion.objects.select_for_update().filter(version=version).first()
        if row is None:
            refusal = f"version {version} is not registered"
        elif row.state != KeyVersion.State.RETIRED:
            refusal = f"version {version} is {row.state}; only a retired version can be destroyed (rotate_keys --retire first)"
        else:
            refusal = _in_use_refusal(version)
        if not refusal:
            assert row is not None
            row.state, row.destroyed_at = KeyVersion.State.DESTROYED, timezone.now()
            row.save(update_fields=["state", "destroyed_at"])
            removed = kek.kek_discard(version)
            audit_record(
                actor=actor,
                action=AuditEvent.Action.KEK_DESTROYED,
                target=row,
                extra={"version": version, "material_removed": removed},
            )
            state.forget()
            return row, removed
    _refuse(actor, "destroy", version, refusal)
    raise AssertionError("unreachable")


def _add_pending(version: int, previous: int | None, to_rewrap: int, actor: User | None) -> RotationResult:
    now = timezone.now()
    row = KeyVersion.objects.create(version=version, state=KeyVersion.State.PENDING, created_at=now)
    backend = kek.get_backend().name
    audit_record(actor=actor, action=AuditEvent.Action.KEK_CREATED, target=row, extra={"version": version, "backend": backend})
    audit_record(
        actor=actor,
        action=AuditEvent.Action.KEY_ROTATION_STARTED,
        target=row,
        extra={"from_version": previous, "to_version": version, "data_keys": to_rewrap},
    )
    if settings.VOICEGUARD_KEYRING_CACHE_SECONDS <= 0:
        _promote(row, actor)
        return RotationResult("started", version, previous, True, now, to_rewrap)
    transaction.on_commit(_schedule_promotion)
    return RotationResult("started", version, previous, False, _promote_at(now), to_rewrap)


def _promote(row: KeyVersion, actor: User | None) -> None:
    kek.kek(row.version)  # refuse to promote a version this process cannot load (UnknownKeyVersionError)
    old = list(KeyVersion.objects.filter(state=KeyVersion.State.PRIMARY).values_list("version", flat=True))
    KeyVersion.objects.filter(state=KeyVersion.State.PRIMARY).update(state=KeyVersion.State.DECRYPT_ONLY)
    row.state, row.promoted_at, row.rewrap_finished_at = KeyVersion.State.PRIMARY, timezone.now(), None
    row.save(update_fields=["state", "promoted_at", "rewrap_finished_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.KEK_PROMOTED,
        target=row,
        extra={"version": row.version, "previous": old[0] if old else None},
    )
    from keys.tasks import key_rewrap_sweep

    transaction.on_commit(lambda: key_rewrap_sweep.delay())


def _schedule_promotion() -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return  # no broker, no countdown: `rotate_keys` waits and promotes, or run `rotate_keys --promote-due`
    from keys.tasks import key_versions_promote_due as task

    task.apply_async(countdown=settings.VOICEGUARD_KEYRING_CACHE_SECONDS + 1)


def _promote_at(created: datetime) -> datetime:
    return created + timedelta(seconds=settings.VOICEGUARD_KEYRING_CACHE_SECONDS)


def _next_version() -> tuple[int | None, bool]:
    """(version, whether it must be created): a keyring version newer than every registered one, if any."""
    registered = max(KeyVersion.objects.values_list("version", flat=True), default=0)
    newer = [v for v in kek.kek_versions(refresh=True) if v > registered]
    if newer:
        return max(newer), False
    backend = kek.get_backend()
    if backend.writable:
        return max(registered, *kek.kek_versions()) + 1, True
    return None, False


def _try_rotation_lock() -> bool:
    if connection.vendor != "postgresql":
        return True  # SQLite: IMMEDIATE transactions already serialize writers
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_ROTATION_LOCK_ID])
        row = cursor.fetchone()
    return bool(row and row[0])


def _retire_refusal(row: KeyVersion | None, version: int) -> str:
    if row is None:
        return f"version {version} is not registered"
    if row.state != KeyVersion.State.DECRYPT_ONLY:
        return f"version {version} is {row.state}; only a decrypt-only version (replaced as primary) can be retired"
    return _in_use_refusal(version)


def _in_use_refusal(version: int) -> str:
    in_use = DataKey.objects.filter(
        Q(kek_version=version, shredded_at__isnull=True) | Q(previous_kek_version=version, previous_wrapped__isnull=False)
    ).count()
    if in_use:
        return f"{in_use} data keys are still wrapped by version {version}; wait for the re-wrap (rotate_keys --status)"
    return ""


def _refuse(actor: User | None, operation: str, version: int, reason: str) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEvent.Action.KEY_ROTATION_REFUSED,
            extra={"operation": operation, "version": version, "reason": reason},
        )
    raise KeyVersionError(reason)
