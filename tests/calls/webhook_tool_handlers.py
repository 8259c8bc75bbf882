"""Tool handlers the tests register: a slow one, one that raises, one that returns an identifier."""

from __future__ import annotations

import time
from typing import Any

CALLS: list[str] = []


def slow(arguments: dict[str, Any], *, context: Any) -> str:
    time.sleep(1.0)
    return "too late"


def broken(arguments: dict[str, Any], *, context: Any) -> str:
    raise RuntimeError(f"lookup failed for {arguments.get('ssn')}")


def lookup(arguments: dict[str, Any], *, context: Any) -> dict[str, Any]:
    CALLS.append(context.tool_call_id)
    return {"found": True, "callback_number": "+14155550142", "account": arguments.get("account_number")}
