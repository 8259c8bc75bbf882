"""Auditing what the admin does to users: creation, field changes and role changes."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record


def user_admin_saved(*, actor: User, user: User, created: bool, changed_fields: list[str], roles_before: list[str]) -> None:
    """Record the events for a user just saved through the admin (in its transaction)."""
    roles_after = sorted(user.groups.values_list("name", flat=True))
    with transaction.atomic():
        if created:
            audit_record(actor=actor, action=AuditEvent.Action.USER_CREATED, target=user, extra={"is_staff": user.is_staff})
        elif changed_fields:
            audit_record(actor=actor, action=AuditEvent.Action.USER_CHANGED, target=user, extra={"fields": changed_fields})
        if roles_after != roles_before:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.USER_ROLES_CHANGED,
                target=user,
                extra={
                    "added": sorted(set(roles_after) - set(roles_before)),
                    "removed": sorted(set(roles_before) - set(roles_after)),
                },
            )
