"""Reads about webhook intake that the admin dashboard shows."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from calls.intake import cache
from calls.intake.failures import COUNTER_DAYS, counter_key
from calls.vapi_auth import FAILURE_KINDS


def webhook_auth_failures_by_day(*, days: int = 7) -> dict[date, dict[str, int]]:
    """Refused webhook requests per day and failure kind, newest day first (kept 8 days, in the cache).

    Returns an empty dict when the cache is unavailable. The audit trail holds the rate-limited
    events (``webhook.auth_failed``) for as long as it is kept.
    """
    today = timezone.now().date()
    out: dict[date, dict[str, int]] = {}
    for offset in range(min(days, COUNTER_DAYS)):
        day = today - timedelta(days=offset)
        stamp = day.strftime("%Y%m%d")
        values = cache.get_many([counter_key(stamp, k) for k in FAILURE_KINDS])
        if values is None:
            return {}
        out[day] = {k: int(values[counter_key(stamp, k)]) for k in FAILURE_KINDS if values.get(counter_key(stamp, k))}
    return out
