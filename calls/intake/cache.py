"""The shared cache, used so that its failure never fails a webhook.

Every operation returns a default instead of raising when the cache is unreachable, and after one
failure the process stops trying for ``BREAKER_SECONDS``: with a 0.5 s socket timeout, a dead Redis
would otherwise add seconds to every request. Callers treat ``available() is False`` as "degrade":
the replay check falls back to the database's unique constraint and per-call state is skipped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from django.core.cache import cache

logger = logging.getLogger(__name__)

BREAKER_SECONDS = 5.0
_down_until = 0.0


def available() -> bool:
    return time.monotonic() >= _down_until


def reset() -> None:
    global _down_until
    _down_until = 0.0


def _failed(operation: str, exc: Exception) -> None:
    global _down_until
    _down_until = time.monotonic() + BREAKER_SECONDS
    # The exception text may name the cache's address; its type is enough to act on.
    logger.warning("cache unavailable; webhook degrades", extra={"operation": operation, "error_type": type(exc).__name__})


def get(key: str) -> Any:
    if not available():
        return None
    try:
        return cache.get(key)
    except Exception as exc:
        _failed("get", exc)
        return None


def get_many(keys: list[str]) -> dict[str, Any] | None:
    if not available():
        return None
    try:
        return cache.get_many(keys)
    except Exception as exc:
        _failed("get_many", exc)
        return None


def set_many(values: Mapping[str, Any], timeout: int) -> bool:
    if not values or not available():
        return False
    try:
        cache.set_many(dict(values), timeout=timeout)
        return True
    except Exception as exc:
        _failed("set_many", exc)
        return False


def set(key: str, value: Any, timeout: int) -> bool:
    return set_many({key: value}, timeout)


def add(key: str, value: Any, timeout: int) -> bool | None:
    """True if stored, False if the key existed, None if the cache is unavailable."""
    if not available():
        return None
    try:
        return bool(cache.add(key, value, timeout=timeout))
    except Exception as exc:
        _failed("add", exc)
        return None


def delete_many(keys: list[str]) -> None:
    if not available():
        return
    try:
        cache.delete_many(keys)
    except Exception as exc:
        _failed("delete_many", exc)


def incr(key: str, delta: int, timeout: int) -> int | None:
    """Add ``delta`` (may be negative) to a counter, creating it; None if the cache is unavailable."""
    if not available():
        return None
    try:
        try:
            return int(cache.incr(key, delta))
        except ValueError:  # the key does not exist yet
            if cache.add(key, delta, timeout=timeout):
                return delta
            return int(cache.incr(key, delta))
    except Exception as exc:
        _failed("incr", exc)
        return None
