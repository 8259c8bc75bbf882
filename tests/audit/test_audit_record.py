from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from audit import record
from audit.chain import GENESIS_MAC
from audit.models import AppendOnlyError, AuditEvent
from audit.selectors import audit_chain_verify

pytestmark = pytest.mark.django_db


def test_it_chains_each_event_to_the_one_before() -> None:
    first = record(actor=None, action=AuditEvent.Action.ROLES_SYNCED, extra={"n": 1})
    second = record(actor=None, action=AuditEvent.Action.ROLES_SYNCED, extra={"n": 2})

    assert first.seq == 1 and first.prev_mac == GENESIS_MAC
    assert second.seq == 2 and second.prev_mac == first.mac
    assert audit_chain_verify().ok


def test_it_records_the_actor_and_the_target(django_user_model) -> None:
    alice = django_user_model.objects.create_user(username="alice", password="x" * 20)

    event = record(actor=alice, action=AuditEvent.Action.USER_CHANGED, target=alice, extra={"field": "email"})

    assert (event.actor_id, event.actor_label) == (alice.pk, "alice")
    assert (event.target_type, event.target_id) == ("accounts.user", str(alice.pk))


def test_it_rejects_an_unknown_action() -> None:
    with pytest.raises(ValueError, match="unknown audit action"):
        record(actor=None, action="made.up")


def test_it_writes_nothing_when_the_callers_transaction_rolls_back() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        record(actor=None, action=AuditEvent.Action.ROLES_SYNCED)
        raise RuntimeError("the change failed")

    assert not AuditEvent.objects.exists()
    assert record(actor=None, action=AuditEvent.Action.ROLES_SYNCED).seq == 1


def test_it_refuses_to_change_or_delete_a_saved_event() -> None:
    event = record(actor=None, action=AuditEvent.Action.ROLES_SYNCED)

    event.action = AuditEvent.Action.CALLS_PURGED
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(extra={"x": 1})
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_it_keeps_one_unbroken_chain_when_threads_append_at_once() -> None:
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("an in-memory SQLite database is private to one connection")
    errors: list[BaseException] = []

    def append(worker: int) -> None:
        try:
            for i in range(10):
                record(actor=None, action=AuditEvent.Action.ROLES_SYNCED, extra={"worker": worker, "i": i})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(w,)) for w in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert AuditEvent.objects.count() == 60
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 61))
    report = audit_chain_verify()
    assert report.ok, report.describe()
