"""Re-wrap batches survive a killed worker and duplicate delivery: nothing lost, nothing wrapped twice."""

from __future__ import annotations

from typing import Any

import pytest

from keys import envelope, kek
from keys.models import DataKey, KeyVersion
from keys.services import key_rewrap_batch, key_rewrap_plan, key_rotation_start
from keys.tasks import key_rewrap_range, key_rewrap_sweep
from tests.keys.conftest import add_segment, make_call, read_segment

pytestmark = pytest.mark.django_db


@pytest.fixture
def rotated(settings: Any) -> list[Any]:
    """Ten calls on version 1, version 2 promoted, and no re-wrap run yet."""
    settings.KEY_REWRAP_BATCH_SIZE = 10
    segments = [add_segment(make_call(), 1, f"segment {i}") for i in range(10)]
    key_rotation_start(actor=None)  # the sweep is queued on commit, which never comes here
    assert set(DataKey.objects.values_list("kek_version", flat=True)) == {1}
    return segments


def _assert_all_open(segments: list[Any]) -> None:
    assert [read_segment(s) for s in segments] == [f"segment {i}" for i in range(10)]


def test_a_worker_killed_halfway_through_a_batch_loses_nothing(rotated: list[Any], monkeypatch: Any) -> None:
    real, calls = envelope.rewrap_dek, []

    def dies_halfway(**kwargs: Any) -> bytes:
        calls.append(1)
        if len(calls) > 5:
            raise SystemExit("worker killed")
        return real(**kwargs)

    monkeypatch.setattr(envelope, "rewrap_dek", dies_halfway)
    with pytest.raises(SystemExit):
        key_rewrap_batch()
    assert set(DataKey.objects.values_list("kek_version", flat=True)) == {1}
    _assert_all_open(rotated)
    monkeypatch.setattr(envelope, "rewrap_dek", real)
    key_rewrap_sweep.delay()
    assert set(DataKey.objects.values_list("kek_version", flat=True)) == {2}
    _assert_all_open(rotated)


def test_a_batch_that_committed_half_before_dying_is_finished_by_the_sweeper(rotated: list[Any]) -> None:
    ids = sorted(str(i) for i in DataKey.objects.values_list("id", flat=True))
    assert key_rewrap_range.delay(ids[0], ids[4]).get() == 5  # the half that committed
    assert key_rewrap_plan().remaining == 5
    key_rewrap_sweep.delay()
    assert key_rewrap_plan().remaining == 0
    assert set(DataKey.objects.values_list("kek_version", flat=True)) == {2}
    _assert_all_open(rotated)


def test_a_batch_delivered_twice_wraps_each_key_once(rotated: list[Any]) -> None:
    ids = sorted(str(i) for i in DataKey.objects.values_list("id", flat=True))
    before = KeyVersion.objects.get(version=2).wrap_count
    assert key_rewrap_range.delay(ids[0], ids[-1]).get() == 10
    wrapped_once = dict(DataKey.objects.values_list("id", "wrapped"))
    assert key_rewrap_range.delay(ids[0], ids[-1]).get() == 0
    assert dict(DataKey.objects.values_list("id", "wrapped")) == wrapped_once
    assert KeyVersion.objects.get(version=2).wrap_count - before == 10
    for row in DataKey.objects.all():  # one layer of wrapping, under version 2, exactly
        envelope.unwrap_dek(kek=kek.kek(2), kek_version=2, call_id=str(row.call_id), dek_id=row.id, wrapped=bytes(row.wrapped))
    _assert_all_open(rotated)


def test_a_stale_batch_cannot_overwrite_a_newer_wrap(rotated: list[Any], monkeypatch: Any) -> None:
    """Compare-and-swap: a batch that read a row on version 1 cannot write once the row moved on."""
    from keys.services import rewrap

    row = DataKey.objects.order_by("id").first()
    assert row is not None
    stale = [(row.id, 1, b"\x00" * envelope.WRAPPED_DEK_BYTES)]
    key_rewrap_batch()
    assert rewrap._compare_and_swap(stale, 2) == 0
    _assert_all_open(rotated)


def test_the_plan_splits_work_into_batches(rotated: list[Any], settings: Any) -> None:
    settings.KEY_REWRAP_BATCH_SIZE = 4
    plan = key_rewrap_plan()
    assert plan.remaining == 10 and len(plan.ranges) == 3 and not plan.finished
