"""The rotation policy and the periodic upkeep that keeps a rotation moving without an operator.

Daily: rotate when the primary KEK is older than ``KEY_ROTATION_DAYS`` or has wrapped 2^30 keys
and ``AUTO_ROTATE_KEYS`` is on; otherwise record ``KEY_ROTATION_DUE`` (at most once a day), which
the admin shows. Every few minutes: promote a pending version whose wait has passed, and restart
the re-wrap sweep if data keys are still on an older version (a lost or killed task loses nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from keys.selectors import key_rotation_status
from keys.services.rotation import RotationResult, key_rotation_start, key_versions_promote_due

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class PolicyOutcome:
    due: bool
    reason: str
    rotation: RotationResult | None
    warned: bool


def key_rotation_policy_apply(*, actor: User | None = None) -> PolicyOutcome:
    status = key_rotation_status()
    if not status.rotation_due or status.pending_version is not None:
        return PolicyOutcome(False, status.due_reason, None, False)
    if settings.AUTO_ROTATE_KEYS:
        return PolicyOutcome(True, status.due_reason, key_rotation_start(actor=actor), False)
    since = timezone.now() - timedelta(days=1)
    if AuditEvent.objects.filter(action=AuditEvent.Action.KEY_ROTATION_DUE, occurred_at__gte=since).exists():
        return PolicyOutcome(True, status.due_reason, None, False)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEvent.Action.KEY_ROTATION_DUE,
            extra={"version": status.primary_version, "reason": status.due_reason, "overdue": status.rotation_overdue},
        )
    return PolicyOutcome(True, status.due_reason, None, True)


def key_maintenance_run() -> tuple[list[int], bool]:
    """Promote what is due; return (promoted versions, whether a re-wrap sweep is needed)."""
    promoted = key_versions_promote_due()
    status = key_rotation_status()
    return promoted, status.rewrap_running or (status.primary_version is not None and status.rewrap_finished_at is None)
