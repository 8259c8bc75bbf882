"""Concurrency on real PostgreSQL: two rotations at once, and a rotation while webhooks keep writing."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from keys.models import DataKey, KeyVersion
from keys.services import key_rotation_start
from keys.tasks import key_rewrap_sweep
from tests.keys.conftest import add_segment, make_call, read_segment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL: SQLite serializes writers, so there is no race to test")


def _in_thread(target: Any, results: list[Any]) -> threading.Thread:
    def run() -> None:
        try:
            results.append(target())
        except BaseException as exc:  # surfaced by the assertions in the test
            results.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_two_concurrent_rotations_do_not_both_proceed(monkeypatch: Any) -> None:
    from keys import kek

    add_segment(make_call(), 1, "x")
    inside, release = threading.Event(), threading.Event()
    real_create = kek.kek_create

    def slow_create() -> int:
        inside.set()  # the first rotation holds the lock here
        release.wait(10)
        return real_create()

    monkeypatch.setattr(kek, "kek_create", slow_create)
    results: list[Any] = []
    first = _in_thread(lambda: key_rotation_start(actor=None), results)
    assert inside.wait(10)
    second = key_rotation_start(actor=None)
    release.set()
    first.join(20)
    assert second.outcome == "refused" and "another rotation" in second.reason
    assert [r.outcome for r in results] == ["started"]
    assert list(KeyVersion.objects.order_by("version").values_list("version", flat=True)) == [1, 2]


def test_rotation_while_webhooks_write_ends_with_every_key_on_the_new_version(settings: Any) -> None:
    settings.KEY_REWRAP_BATCH_SIZE = 25
    before = [add_segment(make_call(), 1, f"before {i}") for i in range(100)]
    stop = threading.Event()
    written: list[list[Any]] = [[], []]

    def writer(n: int) -> int:
        i = 0
        while not stop.is_set() or i < 30:
            call = make_call()
            written[n].append(add_segment(call, 1, f"w{n}-{i}"))
            written[n].append(add_segment(call, 2, f"w{n}-{i}b"))
            i += 1
        return i

    results: list[Any] = []
    threads = [_in_thread(lambda n=n: writer(n), results) for n in range(2)]
    result = key_rotation_start(actor=None)
    assert result.promoted
    key_rewrap_sweep.delay()
    stop.set()
    for thread in threads:
        thread.join(60)
    assert all(isinstance(r, int) for r in results), results
    key_rewrap_sweep.delay()  # the periodic sweep catches keys written while the first one ran
    assert set(DataKey.objects.values_list("kek_version", flat=True)) == {2}
    assert [read_segment(s) for s in before] == [f"before {i}" for i in range(100)]
    for n in range(2):
        assert len(written[n]) >= 60
        for segment in written[n]:
            read_segment(segment)
    assert KeyVersion.objects.get(version=2).rewrap_finished_at is not None
