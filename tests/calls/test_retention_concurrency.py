"""On PostgreSQL a purge skips rows someone else has locked (SKIP LOCKED) instead of waiting or colliding."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections, transaction

from calls.compliance.retention import calls_purge_expired
from calls.models import Call
from tests.calls.factories import cold_key_caches_fixture, make_call  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED needs PostgreSQL (set DATABASE_URL)")


def test_a_purge_skips_a_call_locked_by_another_transaction_and_does_not_wait() -> None:
    locked = make_call(age_days=200, turns=1)
    make_call(age_days=200, turns=1)
    holding = threading.Event()
    release = threading.Event()

    def other_session() -> None:
        try:
            with transaction.atomic():
                Call.objects.select_for_update().get(pk=locked.pk)
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_session)
    thread.start()
    try:
        assert holding.wait(5)
        report = calls_purge_expired(max_seconds=5)
        assert report.purged == 1
        assert set(Call.objects.values_list("pk", flat=True)) == {locked.pk}
    finally:
        release.set()
        thread.join()
    assert calls_purge_expired().purged == 1
    assert not Call.objects.exists()


def test_two_purges_at_once_remove_each_call_exactly_once() -> None:
    for _ in range(40):
        make_call(age_days=200, turns=1, events=0, barge_ins=0)
    results: list[Any] = []

    def run() -> None:
        try:
            results.append(calls_purge_expired(batch_size=5))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.purged for r in results) == 40
    assert not Call.objects.exists()
    from calls.models import CallTombstone

    assert CallTombstone.objects.count() == 40
