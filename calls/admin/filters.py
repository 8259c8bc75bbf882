from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from calls.compliance.entities import LABELS
from calls.models import LegalHold


def active_hold() -> Exists:
    return Exists(LegalHold.objects.filter(call=OuterRef("pk"), released_at__isnull=True))


class StartedBetweenFilter(admin.ListFilter):
    """A from/to date range on the call's start (inclusive days, UTC)."""

    title = "started between"
    template = "admin/calls/filter_date_range.html"
    parameter_from = "started_from"
    parameter_to = "started_to"

    def __init__(self, request: HttpRequest, params: dict[str, Any], model: Any, model_admin: Any) -> None:
        super().__init__(request, params, model, model_admin)
        self.values: dict[str, date | None] = {}
        self.raw: dict[str, str] = {}
        for name in (self.parameter_from, self.parameter_to):
            value = params.pop(name, None)
            if isinstance(value, list):
                value = value[-1] if value else None
            self.raw[name] = value or ""
            self.values[name] = _parse_date(value)
        self.other_params = [(k, v) for k, v in request.GET.items() if k not in (self.parameter_from, self.parameter_to, "p")]

    def has_output(self) -> bool:
        return True

    def expected_parameters(self) -> list[str | None]:
        return [self.parameter_from, self.parameter_to]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        tz = timezone.get_current_timezone()
        start, end = self.values[self.parameter_from], self.values[self.parameter_to]
        if start:
            queryset = queryset.filter(started_at__gte=datetime.combine(start, time.min, tzinfo=tz))
        if end:
            queryset = queryset.filter(started_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz))
        return queryset

    def choices(self, changelist: ChangeList) -> Iterator[dict[str, Any]]:  # type: ignore[override]
        yield {
            "from": self.raw[self.parameter_from],
            "to": self.raw[self.parameter_to],
            "hidden": self.other_params,
            "invalid": any(self.raw[k] and self.values[k] is None for k in self.raw),
            "clear_url": changelist.get_query_string(remove=[self.parameter_from, self.parameter_to]),
        }


def _parse_date(value: Any) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


class EntityTypeFilter(admin.SimpleListFilter):
    title = "PII type redacted"
    parameter_name = "entity"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return sorted(LABELS.items(), key=lambda kv: kv[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value in LABELS:
            return queryset.filter(entity_counts__has_key=value)
        return queryset


class LegalHoldFilter(admin.SimpleListFilter):
    title = "legal hold"
    parameter_name = "hold"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "On hold"), ("no", "Not on hold")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(active_hold())
        if self.value() == "no":
            return queryset.exclude(active_hold())
        return queryset
