"""How an audit event and a checkpoint are MACed. One definition, used to write and to verify."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

GENESIS_MAC = "0" * 64


def canonical_event(
    *,
    seq: int,
    occurred_at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    target_type: str,
    target_id: str,
    extra: dict[str, Any],
) -> bytes:
    document = {
        "seq": seq,
        "occurred_at": occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "extra": extra,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def event_mac(key: bytes, prev_mac: str, canonical: bytes) -> str:
    return hmac.new(key, prev_mac.encode() + b"\n" + canonical, hashlib.sha256).hexdigest()


def checkpoint_mac(key: bytes, *, seq: int, event_mac: str, created_at: datetime) -> str:
    message = f"checkpoint\n{seq}\n{event_mac}\n{created_at.astimezone(UTC).isoformat(timespec='microseconds')}"
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def macs_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
