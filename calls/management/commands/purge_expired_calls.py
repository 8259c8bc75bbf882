"""Crypto-shred and delete every call past its retention period, in batches.

Safety: calls under an active legal hold are never touched; each batch is one transaction that
shreds, tombstones, deletes and audits, or does nothing; two runs at once take disjoint batches on
PostgreSQL. ``--dry-run`` only counts. The full rules are in ``calls.compliance.retention``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from calls.compliance.retention import calls_purge_expired


class Command(BaseCommand):
    help = "Crypto-shred and delete calls past their retention period (never those on legal hold)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count what would be purged; change nothing")
        parser.add_argument("--batch-size", type=int, default=None, help="calls per transaction (default PURGE_BATCH_SIZE)")
        parser.add_argument("--max-seconds", type=float, default=None, help="stop after this long (default PURGE_MAX_SECONDS)")

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size = options["batch_size"]
        if batch_size is not None and batch_size < 1:
            self.stderr.write("--batch-size must be at least 1")
            raise SystemExit(2)
        report = calls_purge_expired(
            actor=None, dry_run=options["dry_run"], batch_size=batch_size, max_seconds=options["max_seconds"]
        )
        if report.dry_run:
            self.stdout.write(
                f"dry run: {report.expired} expired calls would be purged; {report.held} expired calls are on legal hold"
            )
            return
        self.stdout.write(
            f"purged {report.purged} calls ({report.segments} transcript segments) in {report.batches} batches; "
            f"{report.held} expired calls kept on legal hold"
        )
        if not report.finished:
            self.stdout.write("time budget reached: run again to purge the rest")
