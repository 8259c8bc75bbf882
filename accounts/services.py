"""Writes on users and roles; each one audited in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from accounts.models import User
from accounts.roles import ROLES
from audit.models import AuditEvent
from audit.services import audit_record


class UnknownPermissionError(Exception):
    pass


@dataclass(frozen=True)
class RoleSync:
    role: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@transaction.atomic
def roles_sync(*, actor: User | None) -> list[RoleSync]:
    """Make every role's group hold exactly the permissions ``accounts.roles`` declares."""
    results = []
    for role, wanted in sorted(ROLES.items()):
        permissions = _resolve(wanted)
        group, _ = Group.objects.get_or_create(name=role)
        current = {f"{p.content_type.app_label}.{p.codename}": p for p in group.permissions.select_related("content_type")}
        added = sorted(set(permissions) - set(current))
        removed = sorted(set(current) - set(permissions))
        if added or removed:
            group.permissions.set(permissions.values())
        results.append(RoleSync(role=role, added=tuple(added), removed=tuple(removed)))
    changes = {r.role: {"added": list(r.added), "removed": list(r.removed)} for r in results if r.added or r.removed}
    if changes:
        audit_record(actor=actor, action=AuditEvent.Action.ROLES_SYNCED, extra={"changes": changes})
    return results


def _resolve(names: frozenset[str]) -> dict[str, Permission]:
    query = Q()
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = {
        f"{p.content_type.app_label}.{p.codename}": p for p in Permission.objects.filter(query).select_related("content_type")
    }
    missing = sorted(names - set(found))
    if missing:
        raise UnknownPermissionError(f"roles name permissions that do not exist (run migrate first?): {', '.join(missing)}")
    return found
