"""Adding entity counts to ``Call.entity_counts`` inside the UPDATE itself, so the row is never read.

``{"US_SSN": 2}`` added to ``{"US_SSN": 1, "EMAIL_ADDRESS": 1}`` gives ``{"US_SSN": 3, "EMAIL_ADDRESS": 1}``.
The expression is evaluated on the locked row by the database, so concurrent messages of one call
cannot lose each other's counts. PostgreSQL and SQLite (the two databases VoiceGuard runs on) have
one each; on any other database the webhook takes the general path, which merges in Python.
"""

from __future__ import annotations

import json

from django.db.models.expressions import RawSQL

VENDORS = frozenset({"postgresql", "sqlite"})

_POSTGRESQL = (
    "(SELECT COALESCE(jsonb_object_agg(k, n), '{}'::jsonb) FROM ("
    "SELECT k, SUM(n)::int AS n FROM ("
    "SELECT key AS k, value::int AS n FROM jsonb_each(COALESCE(entity_counts, '{}'::jsonb)) "
    "UNION ALL SELECT key, value::int FROM jsonb_each(%s::jsonb)) AS u GROUP BY k) AS g)"
)
_SQLITE = (
    "(SELECT COALESCE(json_group_object(k, n), '{}') FROM ("
    "SELECT k, SUM(n) AS n FROM ("
    "SELECT key AS k, value AS n FROM json_each(COALESCE(entity_counts, '{}')) "
    "UNION ALL SELECT key, value FROM json_each(%s)) GROUP BY k))"
)


class _CountsAdded(RawSQL):
    def as_postgresql(self, compiler, connection):  # type: ignore[no-untyped-def]
        return _POSTGRESQL, self.params

    def as_sqlite(self, compiler, connection):  # type: ignore[no-untyped-def]
        return _SQLITE, self.params


def counts_added(counts: dict[str, int]) -> RawSQL:
    """An expression for ``Call.objects.filter(...).update(entity_counts=...)``."""
    return _CountsAdded("", (json.dumps({str(k): int(v) for k, v in counts.items()}),))
