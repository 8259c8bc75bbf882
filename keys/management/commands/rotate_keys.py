"""Rotate the key-encryption keys, show rotation status, retire or destroy old KEK versions.

Guarantees: no data key is ever left without a KEK that can unwrap it. A new version is added as
pending and becomes primary only after ``VOICEGUARD_KEYRING_CACHE_SECONDS`` (every process has
seen it); the re-wrap then moves data keys with compare-and-swap updates. ``--retire`` is refused
while any data key is wrapped by the version, ``--destroy`` unless the version is retired. Two
rotations never run at once. Every step, refusals included, is in the audit trail; ``--dry-run``
and ``--status`` change nothing.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from keys.selectors import key_rotation_status
from keys.services import KeyVersionError, key_rotation_start, key_version_destroy, key_version_retire, key_versions_promote_due


class Command(BaseCommand):
    help = "Add a new KEK version and re-wrap every data key to it; or --status, --retire VERSION, --destroy VERSION."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--status", action="store_true", help="data keys per KEK version and re-wrap progress")
        group.add_argument("--retire", type=int, metavar="VERSION", help="retire a version no data key uses any more")
        group.add_argument("--destroy", type=int, metavar="VERSION", help="destroy a retired version's material")
        group.add_argument("--promote-due", action="store_true", help="promote a pending version whose wait has passed")
        parser.add_argument("--dry-run", action="store_true", help="say what a rotation would do; change nothing")
        parser.add_argument("--no-wait", action="store_true", help="without a broker, do not wait to promote the new version")

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = int(options["verbosity"])
        try:
            if options["status"]:
                self.stdout.write(key_rotation_status().describe())
            elif options["retire"] is not None:
                row = key_version_retire(version=options["retire"], actor=None)
                self.stdout.write(f"version {row.version} retired (material kept until --destroy)")
            elif options["destroy"] is not None:
                row, removed = key_version_destroy(version=options["destroy"], actor=None)
                if removed:
                    self.stdout.write(f"version {row.version} destroyed and removed from the keyring")
                else:
                    self.stdout.write(
                        f"version {row.version} destroyed; VoiceGuard refuses to use it. Remove it from the key backend now."
                    )
            elif options["promote_due"]:
                self._promoted(key_versions_promote_due(actor=None))
            else:
                self._rotate(dry_run=options["dry_run"], wait=not options["no_wait"])
        except KeyVersionError as exc:
            raise CommandError(str(exc)) from None

    def _rotate(self, *, dry_run: bool, wait: bool) -> None:
        result = key_rotation_start(actor=None, dry_run=dry_run)
        if result.outcome == "refused":
            raise CommandError(result.describe())
        self.stdout.write(result.describe())
        if dry_run or result.promoted or result.promote_at is None:
            return
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write("a worker promotes it then and starts the re-wrap; follow with `rotate_keys --status`")
            return
        if not wait:
            self.stdout.write("no broker: run `rotate_keys --promote-due` after that time")
            return
        delay = max(0.0, (result.promote_at - timezone.now()).total_seconds()) + 1
        self.stdout.write(f"no broker: waiting {delay:.0f} s so every process has seen the new version")
        time.sleep(delay)
        self._promoted(key_versions_promote_due(actor=None))

    def _promoted(self, versions: list[int]) -> None:
        if versions:
            self.stdout.write(f"version {versions[-1]} is now primary; re-wrap queued")
        else:
            self.stdout.write("nothing to promote yet")
        if self.verbosity > 1:
            self.stdout.write(key_rotation_status().describe())
