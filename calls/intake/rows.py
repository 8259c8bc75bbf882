"""The three statements a transcript of a known call writes, as plain SQL: the webhook's hottest path.

Measured in-process (``python -m bench.webhook.inprocess``), building these statements through the
ORM cost more CPU than everything else a stored final does. The SQL is composed once per database
from the models' own table and column names, and every value is prepared by its model field
(``get_db_prep_value``), so what is written is exactly what ``Model.save()`` would write.

In order, in the caller's transaction: the UPDATE of the call's counters (it takes the row lock,
so concurrent messages of one call take turns), the INSERT of the sealed segment numbered after the
call's last one (computed by the INSERT, under that lock), and the INSERT of the ``WebhookEvent``,
whose unique digest rolls the whole transaction back for a replay.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Model

from calls.models import Call, TranscriptSegment, WebhookEvent

VENDORS = frozenset({"postgresql", "sqlite"})

# ``{"US_SSN": 2}`` added to the row's ``{"US_SSN": 1, "EMAIL_ADDRESS": 1}``, evaluated on the locked row.
_COUNTS_ADDED = {
    "postgresql": (
        "(SELECT COALESCE(jsonb_object_agg(k, n), '{{}}'::jsonb) FROM ("
        "SELECT k, SUM(n)::int AS n FROM ("
        "SELECT key AS k, value::int AS n FROM jsonb_each(COALESCE({col}, '{{}}'::jsonb)) "
        "UNION ALL SELECT key, value::int FROM jsonb_each(%s::jsonb)) AS u GROUP BY k) AS g)"
    ),
    "sqlite": (
        "(SELECT COALESCE(json_group_object(k, n), '{{}}') FROM ("
        "SELECT k, SUM(n) AS n FROM ("
        "SELECT key AS k, value AS n FROM json_each(COALESCE({col}, '{{}}')) "
        "UNION ALL SELECT key, value FROM json_each(%s)) GROUP BY k))"
    ),
}


@dataclass(frozen=True, slots=True)
class Segment:
    id: uuid.UUID
    kind: str
    role: str
    text_sealed: bytes
    entity_counts: dict[str, int]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _column(model: type[Model], field: str) -> str:
    return _q(str(model._meta.get_field(field).column))  # type: ignore[union-attr]


def _prep(model: type[Model], field: str, value: Any) -> Any:
    return model._meta.get_field(field).get_db_prep_value(value, connection, prepared=False)  # type: ignore[union-attr]


@cache
def _statements(vendor: str) -> dict[str, str]:
    # Only quoted table and column names from the models are interpolated; every value is a parameter.
    call, seg, event = (_q(str(m._meta.db_table)) for m in (Call, TranscriptSegment, WebhookEvent))
    counts_col = _column(Call, "entity_counts")
    update = (
        f"UPDATE {call} SET {_column(Call, 'events_received')} = {_column(Call, 'events_received')} + %s, "  # noqa: S608
        f"{_column(Call, 'partials_received')} = {_column(Call, 'partials_received')} + %s, "
        f"{_column(Call, 'updated_at')} = %s"
    )
    where = f" WHERE {_column(Call, 'id')} = %s"
    seq, seg_call = _column(TranscriptSegment, "sequence"), _column(TranscriptSegment, "call")
    seg_fields = ("id", "call", "sequence", "role", "kind", "text_sealed", "entity_counts", "received_at")
    event_fields = ("call", "message_type", "received_at", "digest", "outcome", "processing_ms")
    return {
        "update": update + where,
        "update_counts": update + f", {counts_col} = " + _COUNTS_ADDED[vendor].format(col=counts_col) + where,
        "segment": (
            f"INSERT INTO {seg} ({', '.join(_column(TranscriptSegment, f) for f in seg_fields)}) VALUES "  # noqa: S608
            f"(%s, %s, (SELECT COALESCE(MAX({seq}), 0) + 1 FROM {seg} WHERE {seg_call} = %s), %s, %s, %s, %s, %s)"
        ),
        "event": (
            f"INSERT INTO {event} ({', '.join(_column(WebhookEvent, f) for f in event_fields)}) "  # noqa: S608
            f"VALUES (%s, %s, %s, %s, %s, %s)"
        ),
    }


def supported() -> bool:
    return connection.vendor in VENDORS


def call_counters_update(*, call_pk: uuid.UUID, now: datetime, events: int, partials: int, counts: dict[str, int]) -> bool:
    """Add to the call's counters, taking its row lock; False (nothing written) when the row is gone."""
    sql = _statements(connection.vendor)
    params: list[Any] = [events, partials, _prep(Call, "updated_at", now)]
    if counts:
        params.append(json.dumps({str(k): int(v) for k, v in counts.items()}))
    with connection.cursor() as cursor:
        cursor.execute(sql["update_counts" if counts else "update"], [*params, _prep(Call, "id", call_pk)])
        return bool(cursor.rowcount)


def segment_insert(*, call_pk: uuid.UUID, now: datetime, segment: Segment) -> None:
    """Insert the sealed segment, numbered after the call's last one (hold the row lock first)."""
    pk = _prep(Call, "id", call_pk)
    with connection.cursor() as cursor:
        cursor.execute(
            _statements(connection.vendor)["segment"],
            [
                _prep(TranscriptSegment, "id", segment.id),
                pk,
                pk,
                segment.role,
                segment.kind,
                _prep(TranscriptSegment, "text_sealed", segment.text_sealed),
                _prep(TranscriptSegment, "entity_counts", segment.entity_counts),
                _prep(TranscriptSegment, "received_at", now),
            ],
        )


def event_insert(*, call_pk: uuid.UUID, now: datetime, message_type: str, digest: str, processing_ms: float) -> None:
    """Insert the processed ``WebhookEvent``; a known digest raises IntegrityError (a replay)."""
    with connection.cursor() as cursor:
        cursor.execute(
            _statements(connection.vendor)["event"],
            [
                _prep(Call, "id", call_pk),
                message_type,
                _prep(WebhookEvent, "received_at", now),
                digest,
                WebhookEvent.Outcome.PROCESSED.value,
                processing_ms,
            ],
        )
