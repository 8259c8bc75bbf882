"""The tamper-evident audit trail. ``audit.record(...)`` is the one way to write to it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import Model

    from accounts.models import User
    from audit.models import AuditEvent


def record(
    *, actor: User | None, action: str, target: Model | tuple[str, str] | None = None, extra: dict[str, Any] | None = None
) -> AuditEvent:
    """Append an event inside the caller's transaction (see ``audit.services.audit_record``)."""
    from audit.services import audit_record

    return audit_record(actor=actor, action=action, target=target, extra=extra)
