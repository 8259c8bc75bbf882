"""Retention policy: how long each assistant's calls are kept, and which calls are past it.

A call's retention runs from ``created_at`` (when VoiceGuard first heard of it; always set and
indexed). The assistant's own row wins; otherwise the default row (blank assistant); with no
default row, ``VOICEGUARD_DEFAULT_RETENTION_DAYS``. Expiry is computed, not stored, so a policy
change takes effect for every call at once, and the purge query stays a range scan per policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from calls.models import RetentionPolicy

MIN_DAYS = 1
MAX_DAYS = 36_500


class DefaultPolicyProtectedError(Exception):
    """The default policy row cannot be deleted: every call needs a rule."""


@dataclass(frozen=True)
class Policies:
    default_days: int
    overrides: dict[str, int]

    def days_for(self, assistant_id: str) -> int:
        return self.overrides.get(assistant_id, self.default_days)

    def retain_until(self, *, assistant_id: str, created_at: datetime) -> datetime:
        return created_at + timedelta(days=self.days_for(assistant_id))

    def expired_q(self, *, now: datetime) -> Q:
        """Calls whose retention has run out, as one filter (a range condition per policy)."""
        query = Q(created_at__lt=now - timedelta(days=self.default_days)) & ~Q(assistant_id__in=list(self.overrides))
        for assistant_id, days in self.overrides.items():
            query |= Q(assistant_id=assistant_id, created_at__lt=now - timedelta(days=days))
        return query


def retention_policies() -> Policies:
    default_days = settings.VOICEGUARD_DEFAULT_RETENTION_DAYS
    overrides: dict[str, int] = {}
    for assistant_id, days in RetentionPolicy.objects.values_list("assistant_id", "days"):
        if assistant_id:
            overrides[assistant_id] = days
        else:
            default_days = days
    return Policies(default_days=default_days, overrides=overrides)


def retention_policy_save(*, policy: RetentionPolicy, actor: User | None, before: dict[str, Any] | None) -> RetentionPolicy:
    """Create or change a policy row; audited with the old and new values (ids and day counts only)."""
    if not MIN_DAYS <= policy.days <= MAX_DAYS:
        raise ValueError(f"days must be between {MIN_DAYS} and {MAX_DAYS}")
    with transaction.atomic():
        policy.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.RETENTION_POLICY_CHANGED,
            target=policy,
            extra={
                "assistant_id": policy.assistant_id or "(default)",
                "days": policy.days,
                "previous": before,
                "change": "created" if before is None else "changed",
            },
        )
    return policy


def retention_policy_delete(*, policy: RetentionPolicy, actor: User | None) -> None:
    if not policy.assistant_id:
        raise DefaultPolicyProtectedError("the default retention policy cannot be deleted; change its days instead")
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEvent.Action.RETENTION_POLICY_CHANGED,
            target=policy,
            extra={"assistant_id": policy.assistant_id, "days": None, "previous": {"days": policy.days}, "change": "deleted"},
        )
        policy.delete()
