"""Apply the roles declared in accounts/roles.py to their groups. Idempotent; run after every migrate."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.services import UnknownPermissionError, roles_sync


class Command(BaseCommand):
    help = "Create or update the auditor, compliance_officer and security_admin groups from accounts/roles.py."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            results = roles_sync(actor=None)
        except UnknownPermissionError as exc:
            raise CommandError(str(exc)) from None
        for r in results:
            if r.added or r.removed:
                self.stdout.write(f"{r.role}: +{len(r.added)} -{len(r.removed)} permissions")
            else:
                self.stdout.write(f"{r.role}: unchanged")
