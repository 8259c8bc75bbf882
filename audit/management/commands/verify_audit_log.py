"""Walk the audit chain and say whether it is intact.

Exit status 0 when every event's link and MAC hold and no checkpoint vouches for events that are
gone; exit status 1, naming the first broken event, otherwise. Read-only except for recording the
outcome as an audit event and, with ``--checkpoint`` after a clean run, writing a checkpoint.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from audit.services import audit_chain_verify_and_record


class Command(BaseCommand):
    help = "Verify the audit log's HMAC chain; exit 1 naming the first broken event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--checkpoint", action="store_true", help="write a checkpoint after a clean verification")

    def handle(self, *args: Any, **options: Any) -> None:
        report, checkpoint = audit_chain_verify_and_record(actor=None, checkpoint=options["checkpoint"])
        if report.ok:
            self.stdout.write(report.describe())
            if checkpoint is not None:
                self.stdout.write(f"checkpoint written at #{checkpoint.seq}")
            return
        self.stderr.write(report.describe())
        raise SystemExit(1)
