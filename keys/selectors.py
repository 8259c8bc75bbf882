"""Read-only views of the key hierarchy: what the dashboard, ``rotate_keys --status`` and the policy show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from keys.models import DataKey, KeyVersion

# Random-nonce AES-GCM is safe up to 2^32 encryptions per key; rotate well before.
WRAP_LIMIT = 2**30
OVERDUE_GRACE = timedelta(days=7)


@dataclass(frozen=True)
class KeyVersionStatus:
    version: int
    state: str
    state_label: str
    created_at: datetime
    promoted_at: datetime | None
    age_days: float
    dek_count: int
    wrap_count: int


@dataclass(frozen=True)
class KeyRotationStatus:
    versions: list[KeyVersionStatus]
    primary_version: int | None
    pending_version: int | None
    promote_at: datetime | None
    total_deks: int
    deks_on_primary: int
    share_on_primary: float
    rewrap_running: bool
    rewrap_finished_at: datetime | None
    rotation_due: bool
    rotation_overdue: bool
    due_reason: str
    next_due_at: datetime | None

    def describe(self) -> str:
        lines = [f"{'version':>7}  {'state':<13} {'age (days)':>10} {'data keys':>10} {'wraps':>12}"]
        for v in self.versions:
            lines.append(f"{v.version:>7}  {v.state:<13} {v.age_days:>10.1f} {v.dek_count:>10} {v.wrap_count:>12}")
        lines.append(
            f"{self.deks_on_primary} of {self.total_deks} live data keys on the primary "
            f"(v{self.primary_version}): {self.share_on_primary:.1%}" + ("; re-wrap in progress" if self.rewrap_running else "")
        )
        if self.pending_version is not None and self.promote_at is not None:
            when = f"{self.promote_at:%Y-%m-%d %H:%M:%S} UTC"
            lines.append(f"version {self.pending_version} is pending; it becomes primary from {when}")
        if self.rotation_overdue:
            lines.append(f"rotation OVERDUE: {self.due_reason}")
        elif self.rotation_due:
            lines.append(f"rotation due: {self.due_reason}")
        elif self.next_due_at is not None:
            lines.append(f"next rotation due {self.next_due_at:%Y-%m-%d}")
        return "\n".join(lines)


def key_rotation_status() -> KeyRotationStatus:
    now = timezone.now()
    counts = dict(
        DataKey.objects.filter(shredded_at__isnull=True)
        .values_list("kek_version")
        .annotate(n=Count("id"))
        .values_list("kek_version", "n")
    )
    rows = list(KeyVersion.objects.order_by("-version"))
    versions = [
        KeyVersionStatus(
            version=row.version,
            state=row.state,
            state_label=row.get_state_display(),
            created_at=row.created_at,
            promoted_at=row.promoted_at,
            age_days=(now - row.created_at).total_seconds() / 86400,
            dek_count=counts.get(row.version, 0),
            wrap_count=row.wrap_count,
        )
        for row in rows
    ]
    primary = next((row for row in rows if row.state == KeyVersion.State.PRIMARY), None)
    pending = next((row for row in rows if row.state == KeyVersion.State.PENDING), None)
    total = sum(counts.values())
    on_primary = counts.get(primary.version, 0) if primary else 0
    due, overdue, reason, next_due = _policy(primary, now)
    return KeyRotationStatus(
        versions=versions,
        primary_version=primary.version if primary else None,
        pending_version=pending.version if pending else None,
        promote_at=pending.created_at + timedelta(seconds=settings.VOICEGUARD_KEYRING_CACHE_SECONDS) if pending else None,
        total_deks=total,
        deks_on_primary=on_primary,
        share_on_primary=on_primary / total if total else 1.0,
        rewrap_running=total > on_primary,
        rewrap_finished_at=primary.rewrap_finished_at if primary else None,
        rotation_due=due,
        rotation_overdue=overdue,
        due_reason=reason,
        next_due_at=next_due,
    )


def _policy(primary: KeyVersion | None, now: datetime) -> tuple[bool, bool, str, datetime | None]:
    if primary is None:
        return False, False, "", None
    since = primary.promoted_at or primary.created_at
    due_at = since + timedelta(days=settings.KEY_ROTATION_DAYS)
    if primary.wrap_count >= WRAP_LIMIT:
        reason = f"version {primary.version} has wrapped {primary.wrap_count} keys"
        return True, primary.wrap_count >= 2 * WRAP_LIMIT, reason, due_at
    if now >= due_at:
        age = (now - since).days
        return True, now >= due_at + OVERDUE_GRACE, f"version {primary.version} has been primary for {age} days", due_at
    return False, False, "", due_at
