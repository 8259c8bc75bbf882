"""List the compliance risks of a Vapi assistant configuration, with a reason and a fix for each.

    python manage.py check_assistant ASSISTANT.json [--webhook-path /webhook/vapi]

Reads the JSON as Vapi's API returns an assistant. Exits 1 when any risk is high. Reads only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from calls.assistant_check import HIGH, assistant_risks


class Command(BaseCommand):
    help = "List the compliance risks of a Vapi assistant configuration (exit 1 on any high risk)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("assistant", type=Path, help="the assistant's JSON, as Vapi's API returns it")
        parser.add_argument("--webhook-path", default="/webhook/vapi")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            assistant = json.loads(Path(options["assistant"]).read_text(encoding="utf-8"))
        except OSError:
            raise CommandError(f"cannot read {options['assistant']}") from None
        except ValueError:
            raise CommandError(f"{options['assistant']} is not JSON") from None
        if not isinstance(assistant, dict):
            raise CommandError("the file does not hold an assistant object")
        risks = assistant_risks(assistant, webhook_path=options["webhook_path"])
        if not risks:
            self.stdout.write(self.style.SUCCESS("No compliance risks found."))
            return
        for risk in risks:
            style = self.style.ERROR if risk.severity == HIGH else self.style.WARNING
            self.stdout.write(style(f"[{risk.severity}] {risk.rule}: {risk.reason}"))
            self.stdout.write(f"    fix: {risk.fix}")
        high = sum(r.severity == HIGH for r in risks)
        self.stdout.write(f"{len(risks)} risk(s), {high} high.")
        if high:
            raise CommandError(f"{high} high risk(s)", returncode=1)
