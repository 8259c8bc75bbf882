"""Example tool handler, and the contract every handler follows.

Register handlers in ``VOICEGUARD_TOOL_HANDLERS`` (``{"tool name": "dotted.path"}``). A handler is
called as ``handler(arguments, context=ToolContext)`` with the arguments unredacted, in memory only.
It returns a string or anything JSON-serialisable; VoiceGuard redacts it before answering Vapi, so a
handler that needs the assistant to say something should say it without identifiers ("verified",
not the account number). It must not log its arguments and should finish well inside
``TOOL_TIMEOUT_SECONDS``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from calls.intake.tools import ToolContext

REQUIRED = ("full_name", "date_of_birth")


def verify_identity(arguments: dict[str, Any], *, context: ToolContext) -> dict[str, Any]:
    """Check that the caller gave a name, a date of birth and an SSN (or its last four), well-formed.

    It answers which fields are missing or malformed by name only. Looking the caller up in a real
    system of record is the deployment's own handler; this one shows the shape.
    """
    problems = [name for name in REQUIRED if not str(arguments.get(name) or "").strip()]
    dob = str(arguments.get("date_of_birth") or "")
    if dob and not _is_iso_date(dob):
        problems.append("date_of_birth")
    ssn_digits = re.sub(r"\D", "", str(arguments.get("ssn") or arguments.get("ssn_last4") or ""))
    if len(ssn_digits) not in (4, 9):
        problems.append("ssn")
    return {"complete": not problems, "missing_or_malformed": sorted(set(problems))}


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True
