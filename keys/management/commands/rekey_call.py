"""Re-key one call after a suspected data-key compromise: new data key, every sealed field re-encrypted.

Guarantees: all-or-nothing per call (one transaction, with its audit event); a field that does not
open stops the re-key and changes nothing. A shredded call is refused.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from keys.envelope import DecryptionError
from keys.services import call_rekey


class Command(BaseCommand):
    help = "Give a call a new data key and re-encrypt every sealed field under it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("call_id", help="the call's id (UUID)")

    def handle(self, *args: Any, **options: Any) -> None:
        from calls.models import Call

        try:
            result = call_rekey(call_id=options["call_id"], actor=None)
        except (Call.DoesNotExist, ValueError):
            raise CommandError(f"no call with id {options['call_id']}") from None
        except DecryptionError as exc:
            raise CommandError(f"re-key refused: {exc}") from None
        self.stdout.write(
            f"call {result.call_id}: data key {result.old_data_key} → {result.new_data_key}, "
            f"{result.fields_resealed} fields re-sealed"
        )
