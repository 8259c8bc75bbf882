from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from audit import record
from audit.models import AuditCheckpoint, AuditEvent

pytestmark = pytest.mark.django_db


def _append(n: int) -> list[AuditEvent]:
    return [record(actor=None, action=AuditEvent.Action.ROLES_SYNCED, extra={"n": i}) for i in range(n)]


def _run(*args: str) -> tuple[int, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit_log", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), err.getvalue()
    return 0, out.getvalue()


def _raw_sql(sql: str, params: list[object]) -> None:
    """Tamper the way someone with database access would: around the model and the trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # bypasses the append-only trigger
        cursor.execute(sql, params)


def test_it_passes_an_intact_chain() -> None:
    _append(5)

    status, output = _run()

    assert status == 0
    assert "intact: 5 events" in output


def test_it_catches_an_event_edited_in_sql() -> None:
    events = _append(5)
    _raw_sql("UPDATE audit_auditevent SET extra = %s WHERE id = %s", [json.dumps({"n": 99}), events[2].pk])

    status, output = _run()

    assert status == 1
    assert f"event #3 (row id {events[2].pk})" in output
    assert "edited" in output


def test_it_catches_a_deleted_event() -> None:
    events = _append(5)
    _raw_sql("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])

    status, output = _run()

    assert status == 1
    assert "event #3" in output
    assert "missing or reordered" in output


def test_it_catches_a_swapped_pair() -> None:
    events = _append(5)
    a, b = events[1], events[2]
    _raw_sql("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [1000, a.pk])
    _raw_sql("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [a.seq, b.pk])
    _raw_sql("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [b.seq, a.pk])

    status, output = _run()

    assert status == 1
    assert f"event #2 (row id {b.pk})" in output


def test_it_catches_a_tail_cut_off_before_the_last_checkpoint() -> None:
    events = _append(5)
    status, _ = _run("--checkpoint")
    assert status == 0
    checkpoint = AuditCheckpoint.objects.get()
    assert checkpoint.seq == 6  # the five events and the verification that preceded the checkpoint
    newest = AuditEvent.objects.order_by("-seq").first()
    assert newest is not None
    _raw_sql("DELETE FROM audit_auditevent WHERE seq >= %s", [events[3].seq])
    _raw_sql("UPDATE audit_auditchainhead SET seq = %s, mac = %s", [events[2].seq, events[2].mac])

    status, output = _run()

    assert status == 1
    assert "tail was cut off" in output
    assert "event #4" in output


def test_it_catches_a_truncated_tail_from_the_checkpoint_file_alone(settings, tmp_path: Path) -> None:
    settings.VOICEGUARD_AUDIT_CHECKPOINT_FILE = str(tmp_path / "checkpoints.jsonl")
    events = _append(4)
    assert _run("--checkpoint")[0] == 0
    assert len((tmp_path / "checkpoints.jsonl").read_text().splitlines()) == 1
    # Someone deletes the tail, the checkpoint rows and fixes the head: only the file remembers.
    _raw_sql("DELETE FROM audit_auditevent WHERE seq >= %s", [events[2].seq])
    _raw_sql("DELETE FROM audit_auditcheckpoint", [])
    _raw_sql("UPDATE audit_auditchainhead SET seq = %s, mac = %s", [events[1].seq, events[1].mac])

    status, output = _run()

    assert status == 1
    assert "tail was cut off" in output


def test_it_records_each_verification_in_the_chain() -> None:
    _append(2)

    _run()

    latest = AuditEvent.objects.order_by("-seq").first()
    assert latest is not None
    assert latest.action == AuditEvent.Action.AUDIT_CHAIN_VERIFIED
    assert latest.extra == {"ok": True, "events": 2, "broken_seq": None}
