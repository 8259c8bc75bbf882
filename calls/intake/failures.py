"""What a refused webhook leaves behind: a counter per failure kind and day, and a rate-limited audit event.

Anyone can POST to the webhook, so a failure must cost little and must not flood the audit trail:
at most one ``webhook.auth_failed`` event per source address and kind every
``VAPI_AUTH_FAILURE_AUDIT_INTERVAL_SECONDS`` (the limit lives in the cache). When the cache or the
database is down the request is still refused with 401; only the bookkeeping is skipped. Neither the
counter nor the event holds anything from the request but the failure kind and the source address.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import timezone

import audit
from audit.models import AuditEvent
from calls.intake import cache

logger = logging.getLogger(__name__)

COUNTER_DAYS = 8


def counter_key(day: str, kind: str) -> str:
    return f"whauth:{day}:{kind}"


def webhook_auth_failure_record(*, kind: str, source: str) -> None:
    day = timezone.now().strftime("%Y%m%d")
    cache.incr(counter_key(day, kind), 1, timeout=COUNTER_DAYS * 86_400)
    first_in_interval = cache.add(f"whauth:audit:{source}:{kind}", 1, timeout=settings.VAPI_AUTH_FAILURE_AUDIT_INTERVAL_SECONDS)
    logger.warning("webhook authentication failed", extra={"reason": kind, "source": source})
    if not first_in_interval:  # False: already audited in this interval; None: no cache to rate-limit with
        return
    try:
        audit.record(actor=None, action=AuditEvent.Action.WEBHOOK_AUTH_FAILED, extra={"reason": kind, "source": source})
    except Exception as exc:
        logger.warning("webhook auth failure not audited", extra={"reason": kind, "error_type": type(exc).__name__})
