"""Retention purge: expired calls are shredded and deleted in audited batches; held calls never."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from audit.models import AuditEvent
from audit.selectors import audit_chain_verify
from calls.compliance.retention import calls_expired, calls_purge_expired
from calls.models import Call, CallTombstone, Interruption, LegalHold, RetentionPolicy, TranscriptSegment, WebhookEvent
from calls.services import call_id_hash
from keys.models import DataKey
from tests.calls.factories import cold_key_caches_fixture, make_call  # noqa: F401
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(django_user_model: Any) -> Any:
    return make_user(django_user_model, "alice", role="compliance_officer")


def test_it_removes_expired_calls_and_everything_sealed_for_them() -> None:
    expired = [make_call(age_days=91) for _ in range(3)]
    fresh = make_call(age_days=10)
    report = calls_purge_expired(batch_size=2)
    assert (report.purged, report.batches, report.held, report.finished) == (3, 2, 0, True)
    assert report.segments == 12
    assert list(Call.objects.values_list("pk", flat=True)) == [fresh.pk]
    ids = [c.pk for c in expired]
    for model in (TranscriptSegment, WebhookEvent, Interruption, DataKey):
        assert not model.objects.filter(call_id__in=ids).exists(), model
    tombstones = CallTombstone.objects.filter(reason=CallTombstone.Reason.RETENTION)
    assert sorted(tombstones.values_list("call_id_hash", flat=True)) == sorted(call_id_hash(c.vapi_call_id) for c in expired)
    assert set(tombstones.values_list("retention_days", flat=True)) == {90}


def test_it_writes_one_audit_event_per_batch_with_counts_and_the_chain_still_verifies() -> None:
    for _ in range(5):
        make_call(age_days=100, turns=2)
    calls_purge_expired(batch_size=2)
    events = list(AuditEvent.objects.filter(action=AuditEvent.Action.CALLS_PURGED).order_by("seq"))
    assert [e.extra["calls"] for e in events] == [2, 2, 1]
    assert [e.extra["segments"] for e in events] == [4, 4, 2]
    assert len({e.extra["run"] for e in events}) == 1 and all(e.actor is None for e in events)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CALL_SHREDDED).exists()
    assert audit_chain_verify().ok


def test_a_held_call_is_never_purged(alice: Any) -> None:
    held = make_call(age_days=400)
    LegalHold.objects.create(call=held, reason="Litigation 2025-3", placed_by=alice)
    make_call(age_days=400)
    report = calls_purge_expired()
    assert (report.purged, report.held) == (1, 1)
    assert Call.objects.filter(pk=held.pk).exists()
    assert DataKey.objects.get(call=held).shredded_at is None


def test_a_released_hold_lets_the_call_go_and_goes_with_it(alice: Any) -> None:
    call = make_call(age_days=400)
    LegalHold.objects.create(call=call, reason="Closed matter", placed_by=alice, released_by=alice, released_at=call.created_at)
    assert calls_purge_expired().purged == 1
    assert not LegalHold.objects.exists()


def test_a_hold_placed_after_the_batch_query_is_still_respected(alice: Any, monkeypatch: Any) -> None:
    """Simulates a hold committing between the batch's SELECT and its re-check of holds."""
    from calls.compliance import retention

    victim = make_call(age_days=400)
    real = retention.LegalHold.objects.filter

    def hold_lands_now(*args: Any, **kwargs: Any) -> Any:
        if not LegalHold.objects.exists() and "call_id__in" in kwargs:
            LegalHold.objects.create(call=victim, reason="Just in time", placed_by=alice)
        return real(*args, **kwargs)

    monkeypatch.setattr(retention.LegalHold.objects, "filter", hold_lands_now)
    report = calls_purge_expired()
    assert report.purged == 0
    assert Call.objects.filter(pk=victim.pk).exists()


def test_per_assistant_policies_override_the_default() -> None:
    RetentionPolicy.objects.create(assistant_id="", days=30)
    RetentionPolicy.objects.create(assistant_id="asst-long", days=365)
    short = make_call(age_days=40)
    long_kept = make_call(age_days=40, assistant_id="asst-long")
    long_gone = make_call(age_days=400, assistant_id="asst-long")
    assert set(calls_expired().values_list("pk", flat=True)) == {short.pk, long_gone.pk}
    calls_purge_expired()
    assert list(Call.objects.values_list("pk", flat=True)) == [long_kept.pk]
    assert set(CallTombstone.objects.values_list("retention_days", flat=True)) == {30, 365}


def test_a_dry_run_counts_and_changes_nothing(alice: Any) -> None:
    make_call(age_days=100)
    held = make_call(age_days=100)
    LegalHold.objects.create(call=held, reason="Matter", placed_by=alice)
    out = StringIO()
    call_command("purge_expired_calls", "--dry-run", stdout=out)
    assert "1 expired calls would be purged; 1 expired calls are on legal hold" in out.getvalue()
    assert Call.objects.count() == 2 and not CallTombstone.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CALLS_PURGED).exists()


def test_the_command_purges_and_prints_a_summary() -> None:
    make_call(age_days=100)
    out = StringIO()
    call_command("purge_expired_calls", "--batch-size", "10", stdout=out)
    assert "purged 1 calls (4 transcript segments) in 1 batches" in out.getvalue()
    assert not Call.objects.exists()


def test_the_command_refuses_a_nonsense_batch_size() -> None:
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command("purge_expired_calls", "--batch-size", "0", stderr=err)
    assert "--batch-size" in err.getvalue()


def test_a_time_budget_stops_between_batches_and_says_more_is_left() -> None:
    for _ in range(3):
        make_call(age_days=100, turns=1)
    report = calls_purge_expired(batch_size=1, max_seconds=0)
    assert (report.purged, report.batches, report.finished) == (1, 1, False)
    assert calls_purge_expired(batch_size=1).purged == 2


def test_the_daily_task_purges_and_is_scheduled(settings: Any) -> None:
    from calls.compliance.tasks import calls_purge_expired_task

    make_call(age_days=100)
    calls_purge_expired_task.apply()
    assert not Call.objects.exists()
    entry = settings.CELERY_BEAT_SCHEDULE["calls-purge-expired"]
    assert entry["task"] == calls_purge_expired_task.name and entry["options"]["expires"] > 0


def test_removal_refuses_a_call_that_still_has_an_active_hold(alice: Any) -> None:
    from django.db import transaction
    from django.db.models import ProtectedError

    from calls.compliance.removal import calls_remove

    call = make_call(age_days=400)
    LegalHold.objects.create(call=call, reason="Matter", placed_by=alice)
    with pytest.raises(ProtectedError), transaction.atomic():
        calls_remove(calls=[(call.pk, call.vapi_call_id, 90)], reason=CallTombstone.Reason.RETENTION)
    assert Call.objects.filter(pk=call.pk).exists()
    assert DataKey.objects.get(call=call).shredded_at is None
