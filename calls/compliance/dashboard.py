"""What the admin's front page shows: the last two weeks at a glance, and the system's health.

Read-only and cheap: a handful of grouped queries over indexed timestamps, and one pass over the
window's entity counts (JSON, which the databases do not sum portably). No sealed field is read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from audit.models import AuditEvent
from audit.selectors import audit_last_verification
from calls.compliance.charts import PALETTE, Series, bar_chart
from calls.compliance.entities import label_for
from calls.compliance.retention import calls_expired
from calls.models import Call, LegalHold


@dataclass(frozen=True)
class Dashboard:
    days: list[date]
    calls_chart: str
    entities_chart: str
    entity_totals: list[tuple[str, str, int]]
    auth_chart: str
    barge_in_chart: str
    calls_total: int
    calls_window: int
    entities_window: int
    webhook_auth_failures_window: int
    login_failures_window: int
    barge_ins_window: int
    awaiting_purge: int
    on_hold: int
    recordings_present: int
    last_verification: AuditEvent | None
    keys: Any


def _per_day(rows: Any, days: list[date]) -> list[int]:
    found = {row["day"]: row["n"] or 0 for row in rows}
    return [int(found.get(day, 0)) for day in days]


def dashboard_overview(*, window_days: int = 14) -> Dashboard:
    today = timezone.now().date()
    days = [today - timedelta(days=window_days - 1 - i) for i in range(window_days)]
    since = timezone.now() - timedelta(days=window_days)
    labels = [d.strftime("%d %b") for d in days]
    recent = Call.objects.filter(created_at__gte=since).annotate(day=TruncDate("created_at"))

    calls_per_day = _per_day(recent.values("day").annotate(n=Count("id")), days)
    barge_ins = _per_day(recent.values("day").annotate(n=Sum("interruptions")), days)

    by_type: dict[str, Counter[date]] = {}
    for day, counts in recent.values_list("day", "entity_counts").iterator(chunk_size=2000):
        if isinstance(counts, dict):
            for entity_type, n in counts.items():
                if isinstance(n, int) and n > 0:
                    by_type.setdefault(entity_type, Counter())[day] += n
    ranked = sorted(by_type, key=lambda t: -sum(by_type[t].values()))
    entity_series = [
        Series(label_for(t), [by_type[t].get(d, 0) for d in days], PALETTE[i % len(PALETTE)]) for i, t in enumerate(ranked)
    ]
    entity_totals = [(label_for(t), PALETTE[i % len(PALETTE)], sum(by_type[t].values())) for i, t in enumerate(ranked)]

    events = AuditEvent.objects.filter(occurred_at__gte=since).annotate(day=TruncDate("occurred_at"))
    webhook_failures = _per_day(
        events.filter(action=AuditEvent.Action.WEBHOOK_AUTH_FAILED).values("day").annotate(n=Count("id")), days
    )
    login_failures = _per_day(
        events.filter(action__in=[AuditEvent.Action.LOGIN_FAILED, AuditEvent.Action.USER_LOCKED_OUT])
        .values("day")
        .annotate(n=Count("id")),
        days,
    )

    return Dashboard(
        days=days,
        calls_chart=bar_chart(title="Calls per day", labels=labels, series=[Series("Calls", calls_per_day, PALETTE[0])]),
        entities_chart=bar_chart(title="PII entities redacted per day, by type", labels=labels, series=entity_series),
        entity_totals=entity_totals,
        auth_chart=bar_chart(
            title="Authentication failures per day",
            labels=labels,
            series=[Series("Webhook", webhook_failures, PALETTE[3]), Series("Staff login", login_failures, PALETTE[1])],
            stacked=False,
        ),
        barge_in_chart=bar_chart(title="Barge-ins per day", labels=labels, series=[Series("Barge-ins", barge_ins, PALETTE[2])]),
        calls_total=Call.objects.count(),
        calls_window=sum(calls_per_day),
        entities_window=sum(t[2] for t in entity_totals),
        webhook_auth_failures_window=sum(webhook_failures),
        login_failures_window=sum(login_failures),
        barge_ins_window=sum(barge_ins),
        awaiting_purge=calls_expired().count(),
        on_hold=LegalHold.objects.filter(released_at__isnull=True).count(),
        recordings_present=Call.objects.filter(recording_present=True).count(),
        last_verification=audit_last_verification(),
        keys=_key_status(),
    )


def _key_status() -> Any:
    from keys.selectors import key_rotation_status

    return key_rotation_status()
