"""Per-call conversational state, shared by every worker through the cache.

What it holds, all already redacted: whether the assistant is speaking and since when (from
``speech-update`` and ``user-interrupted``), the assistant's last utterance, the PII type the
assistant just asked for (the redaction hint for the caller's answer), the caller's last partial,
and the partials not yet added to the call's row. Each field is its own key, so two workers
updating different fields of one call never overwrite each other. Keys expire
``VAPI_CALL_STATE_TTL_SECONDS`` after the call's last message and are dropped at the end-of-call
report. Writes are queued on a ``cache.Batch`` and applied in one round trip after the commit.
When the cache is down, ``state_load`` returns None and the webhook works without state
(no hint, no barge-in detection).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache as django_cache

from calls.intake import cache

logger = logging.getLogger(__name__)

FIELDS = ("spk", "la", "h", "lp", "pk", "pp")


@dataclass(slots=True)
class CallState:
    speaking_since_ms: float = 0.0  # 0 when the assistant is not speaking
    last_assistant: str = ""
    hint: str | None = None
    last_partial: str = ""
    call_pk: str | None = None
    pending_partials: int = 0

    @property
    def assistant_speaking(self) -> bool:
        return self.speaking_since_ms > 0


def _key(vapi_call_id: str, field: str) -> str:
    return f"call:{vapi_call_id}:{field}"


def state_load(vapi_call_id: str) -> CallState | None:
    return state_and_keys_load(vapi_call_id)[0]


def state_and_keys_load(vapi_call_id: str, *, also: tuple[str, ...] = ()) -> tuple[CallState | None, dict[str, Any]]:
    """The call's state, and the other keys named in ``also``, in one round trip.

    The state is None when the message names no call or the cache is unavailable; the dict holds
    the ``also`` keys that are present (empty when the cache is unavailable).
    """
    keys = [_key(vapi_call_id, f) for f in FIELDS] if vapi_call_id else []
    if not keys and not also:
        return None, {}
    values = cache.get_many(keys + list(also))
    if values is None:
        return None, {}
    extra = {k: values[k] for k in also if k in values}
    if not vapi_call_id:
        return None, extra

    def value(field: str) -> object:
        return values.get(_key(vapi_call_id, field))

    state = CallState(
        speaking_since_ms=float(value("spk") or 0),  # type: ignore[arg-type]
        last_assistant=str(value("la") or ""),
        hint=str(value("h")) if value("h") else None,
        last_partial=str(value("lp") or ""),
        call_pk=str(value("pk")) if value("pk") else None,
        pending_partials=int(value("pp") or 0),  # type: ignore[call-overload]
    )
    return state, extra


def state_save(
    batch: cache.Batch,
    vapi_call_id: str,
    *,
    speaking_since_ms: float | None = None,
    last_assistant: str | None = None,
    hint: str | bool | None = False,
    last_partial: str | None = None,
    call_pk: str | None = None,
) -> None:
    """Queue the fields given on ``batch`` (``hint=None`` clears the hint; leaving it out keeps it)."""
    if not vapi_call_id:
        return
    values: dict[str, object] = {}
    if speaking_since_ms is not None:
        values["spk"] = speaking_since_ms
    if last_assistant is not None:
        values["la"] = last_assistant
    if hint is not False:
        values["h"] = hint or ""
    if last_partial is not None:
        values["lp"] = last_partial
    if call_pk is not None:
        values["pk"] = call_pk
    batch.set_many({_key(vapi_call_id, k): v for k, v in values.items()}, timeout=settings.VAPI_CALL_STATE_TTL_SECONDS)


def partials_add(batch: cache.Batch, vapi_call_id: str) -> None:
    batch.incr(_key(vapi_call_id, "pp"), 1, timeout=settings.VAPI_CALL_STATE_TTL_SECONDS)


def partials_take(batch: cache.Batch, vapi_call_id: str, pending: int) -> None:
    """Subtract what was just written to the call's row (atomic, so concurrent partials are not lost)."""
    if pending:
        batch.incr(_key(vapi_call_id, "pp"), -pending, timeout=settings.VAPI_CALL_STATE_TTL_SECONDS)


def state_forget(batch: cache.Batch, vapi_call_id: str) -> None:
    # The pk stays: a late message for an ended call still finds its row without a query.
    for f in FIELDS:
        if f != "pk":
            batch.delete(_key(vapi_call_id, f))


def states_drop(vapi_call_ids: Sequence[str]) -> None:
    """Forget everything cached about removed calls (their redacted last utterances included).

    Called after a purge or an erasure commits. The cache is only an optimisation here: if it is
    unreachable the entries still expire with ``VAPI_CALL_STATE_TTL_SECONDS``.
    """
    keys = [_key(vapi_id, f) for vapi_id in vapi_call_ids for f in FIELDS]
    try:
        django_cache.delete_many(keys)
    except Exception:
        logger.warning("cached call state could not be dropped; it expires on its own", extra={"calls": len(vapi_call_ids)})
