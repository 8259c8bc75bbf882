"""The responses already given, by the digest of the body, so a retry or replay gets the same one.

The digest is the SHA-256 of the exact body bytes. The body carries ``message.timestamp`` and is
unique per event, and Vapi resends the same body when it retries, even when it signs the retry
with a new timestamp; so both an attacker's replay and Vapi's retry are recognised. Only redacted
responses are stored, for the timestamp tolerance plus a minute (longer than Vapi's backoff plans
keep retrying). Behind this cache the unique constraint on ``WebhookEvent.digest`` is the backstop
that keeps a replay from storing twice.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings

from calls.intake import cache


def replay_key(digest: str) -> str:
    return f"wh:{digest}"


def ttl() -> int:
    return int(settings.VAPI_TIMESTAMP_TOLERANCE_SECONDS) + 60


def response_encode(response: dict[str, Any]) -> str:
    return json.dumps(response, separators=(",", ":"))


def response_decode(stored: Any) -> dict[str, Any] | None:
    if not isinstance(stored, str):
        return None
    decoded = json.loads(stored)
    return decoded if isinstance(decoded, dict) else None


def replay_lookup(digest: str) -> dict[str, Any] | None:
    return response_decode(cache.get(replay_key(digest)))


def replay_remember(batch: cache.Batch, digest: str, response: dict[str, Any]) -> None:
    batch.set(replay_key(digest), response_encode(response), timeout=ttl())


def replay_release(digest: str) -> None:
    cache.delete_many([replay_key(digest)])
