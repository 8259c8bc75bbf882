"""The shared cache, used so that its failure never fails a webhook, in as few round trips as possible.

Every operation returns a default instead of raising when the cache is unreachable, and after one
failure the process stops trying for ``BREAKER_SECONDS``: with a 0.5 s socket timeout, a dead Redis
would otherwise add seconds to every request. Callers treat ``available() is False`` as "degrade":
the replay check falls back to the database's unique constraint and per-call state is skipped.

With Django's Redis backend, operations go through one ``redis.Redis`` client per backend, reused
(Django builds a new client object, with its table of response callbacks, for every operation),
and writes are batched: a ``Batch`` is applied in one round trip by a Lua script, optionally only if
a guard key could be claimed (``SET NX``), atomically. Keys and values are made and serialised
exactly as Django's backend does, so ``django.core.cache.cache`` reads what this module writes. Any
other backend (local memory for the embedded default and the tests) takes the plain cache API.
"""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

BREAKER_SECONDS = 5.0
_down_until = 0.0

# One guard (optional) and any number of set / incr / delete operations, applied atomically.
# ARGV: guarded flag, [guard value, guard ttl], then per op: "s" value ttl | "i" delta ttl | "d".
_APPLY = """
local k, a = 1, 2
if ARGV[1] == '1' then
  if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[3]) then
    return {0, redis.call('GET', KEYS[1])}
  end
  k, a = 2, 4
end
while a <= #ARGV do
  local op = ARGV[a]
  if op == 's' then
    redis.call('SET', KEYS[k], ARGV[a + 1], 'EX', ARGV[a + 2])
    a = a + 3
  elseif op == 'i' then
    redis.call('INCRBY', KEYS[k], ARGV[a + 1])
    redis.call('EXPIRE', KEYS[k], ARGV[a + 2])
    a = a + 3
  else
    redis.call('DEL', KEYS[k])
    a = a + 1
  end
  k = k + 1
end
return {1}
"""


@dataclass(slots=True)
class _Raw:
    client: Any  # redis.Redis
    backend: RedisCache
    apply: Any  # the registered Lua script

    def key(self, key: str) -> str:
        # Not validated: the check warns about keys memcached would refuse, which Redis accepts.
        return self.backend.make_key(key)

    def dumps(self, value: Any) -> Any:
        return self.backend._cache._serializer.dumps(value)  # type: ignore[attr-defined]

    def loads(self, value: Any) -> Any:
        return self.backend._cache._serializer.loads(value)  # type: ignore[attr-defined]


_raw_by_backend: weakref.WeakKeyDictionary[Any, _Raw] = weakref.WeakKeyDictionary()


def _raw() -> _Raw | None:
    """The reused client for the default cache when it is Redis, else None."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    raw = _raw_by_backend.get(backend)
    if raw is None:
        client = backend._cache.get_client(None, write=True)  # type: ignore[attr-defined]
        raw = _Raw(client=client, backend=backend, apply=client.register_script(_APPLY))
        _raw_by_backend[backend] = raw
    return raw


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
    values = get_many([key])
    return None if values is None else values.get(key)


def get_many(keys: list[str]) -> dict[str, Any] | None:
    """The keys present (one round trip), or None when the cache is unavailable."""
    if not available():
        return None
    try:
        raw = _raw()
        if raw is None:
            return cache.get_many(keys)
        found = raw.client.mget([raw.key(k) for k in keys])
        return {k: raw.loads(v) for k, v in zip(keys, found, strict=True) if v is not None}
    except Exception as exc:
        _failed("get_many", exc)
        return None


@dataclass(slots=True)
class Batch:
    """Cache writes collected while a message is processed, applied together in one round trip."""

    ops: list[tuple[str, str, Any, int]] = field(default_factory=list)  # (op, key, value, timeout)

    def set(self, key: str, value: Any, timeout: int) -> None:
        self.ops.append(("s", key, value, timeout))

    def set_many(self, values: Mapping[str, Any], timeout: int) -> None:
        for key, value in values.items():
            self.set(key, value, timeout)

    def incr(self, key: str, delta: int, timeout: int) -> None:
        self.ops.append(("i", key, delta, timeout))

    def delete(self, key: str) -> None:
        self.ops.append(("d", key, None, 0))

    def apply(self, *, guard: tuple[str, Any, int] | None = None) -> tuple[bool, Any] | None:
        """Apply every write; with ``guard=(key, value, timeout)`` only if that key was absent.

        Returns ``(True, None)`` when applied, ``(False, current value of the guard key)`` when the
        guard key existed (nothing was written), None when the cache is unavailable.
        """
        if not available():
            return None
        if not self.ops and guard is None:
            return True, None
        try:
            raw = _raw()
            if raw is None:
                return self._apply_plain(guard)
            keys: list[str] = []
            argv: list[Any] = ["1" if guard else "0"]
            if guard is not None:
                keys.append(raw.key(guard[0]))
                argv += [raw.dumps(guard[1]), max(int(guard[2]), 1)]
            for op, key, value, timeout in self.ops:
                keys.append(raw.key(key))
                if op == "d":
                    argv.append("d")
                else:
                    argv += [op, int(value) if op == "i" else raw.dumps(value), max(int(timeout), 1)]
            result = raw.apply(keys=keys, args=argv)
            if int(result[0]) == 1:
                return True, None
            return False, raw.loads(result[1]) if len(result) > 1 and result[1] is not None else None
        except Exception as exc:
            _failed("apply", exc)
            return None

    def _apply_plain(self, guard: tuple[str, Any, int] | None) -> tuple[bool, Any]:
        # Local memory: one process, no round trips to save; the guard is the backend's add().
        if guard is not None and not cache.add(guard[0], guard[1], timeout=guard[2]):
            return False, cache.get(guard[0])
        for op, key, value, timeout in self.ops:
            if op == "s":
                cache.set(key, value, timeout=timeout)
            elif op == "d":
                cache.delete(key)
            else:
                try:
                    cache.incr(key, value)
                except ValueError:  # absent: create it
                    cache.set(key, value, timeout=timeout)
        return True, None


def set_many(values: Mapping[str, Any], timeout: int) -> bool:
    if not values:
        return False
    batch = Batch()
    batch.set_many(values, timeout)
    return batch.apply() is not None


def set(key: str, value: Any, timeout: int) -> bool:
    return set_many({key: value}, timeout)


def add(key: str, value: Any, timeout: int) -> bool | None:
    """True if stored, False if the key existed, None if the cache is unavailable."""
    result = Batch().apply(guard=(key, value, timeout))
    return None if result is None else result[0]


def delete_many(keys: list[str]) -> None:
    batch = Batch()
    for key in keys:
        batch.delete(key)
    batch.apply()


def incr(key: str, delta: int, timeout: int) -> int | None:
    """Add ``delta`` (may be negative) to a counter, creating it; None if the cache is unavailable."""
    if not available():
        return None
    try:
        raw = _raw()
        if raw is None:
            try:
                return int(cache.incr(key, delta))
            except ValueError:  # the key does not exist yet
                if cache.add(key, delta, timeout=timeout):
                    return delta
                return int(cache.incr(key, delta))
        pipe = raw.client.pipeline(transaction=True)
        pipe.incrby(raw.key(key), delta)
        pipe.expire(raw.key(key), max(int(timeout), 1), nx=True)
        return int(pipe.execute()[0])
    except Exception as exc:
        _failed("incr", exc)
        return None
