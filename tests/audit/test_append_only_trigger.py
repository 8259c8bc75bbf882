from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from audit import record
from audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's; set DATABASE_URL to a PostgreSQL database")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET action = 'calls.purged' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_it_rejects_update_and_delete_from_any_client(sql: str) -> None:
    event = record(actor=None, action=AuditEvent.Action.ROLES_SYNCED)

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])

    assert AuditEvent.objects.get(pk=event.pk).action == AuditEvent.Action.ROLES_SYNCED
