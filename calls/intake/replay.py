"""The responses already given, by the digest of the signed bytes, so a retry or replay gets the same one.

Only redacted responses are stored, and only for as long as a replay could still pass the freshness
check (tolerance + a minute); after that the stale timestamp refuses it. Behind this cache the
unique constraint on ``WebhookEvent.digest`` is the backstop that keeps a replay from storing twice.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings

from calls.intake import cache


def _key(digest: str) -> str:
    return f"wh:{digest}"


def ttl() -> int:
    return int(settings.VAPI_TIMESTAMP_TOLERANCE_SECONDS) + 60


def replay_lookup(digest: str) -> dict[str, Any] | None:
    stored = cache.get(_key(digest))
    return json.loads(stored) if isinstance(stored, str) else None


def replay_remember(digest: str, response: dict[str, Any]) -> None:
    cache.set(_key(digest), json.dumps(response, separators=(",", ":")), timeout=ttl())


def replay_claim(digest: str, response: dict[str, Any]) -> bool | None:
    """Store the response unless the digest is known: True claimed, False a replay, None no cache."""
    return cache.add(_key(digest), json.dumps(response, separators=(",", ":")), timeout=ttl())


def replay_release(digest: str) -> None:
    cache.delete_many([_key(digest)])
