"""Messages of a call whose row is known take the short paths: few statements, no row read, same results."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calls.models import Call, TranscriptSegment, WebhookEvent
from keys.models import DataKey
from tests.calls.webhook_helpers import Vapi, payload, with_call

pytestmark = pytest.mark.django_db

SAVEPOINTS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def statements(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(SAVEPOINTS)]


def test_a_final_for_a_known_call_runs_three_statements_and_reads_no_call_row(
    vapi: Vapi, call_id: str, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the data key enters the process's cache
        vapi.send(with_call(payload("transcript.final"), call_id))  # creates the call and its data key
    with CaptureQueriesContext(connection) as queries:
        response = vapi.send(with_call(payload("transcript.final"), call_id, role="assistant", transcript="Call 415-555-0142."))
    assert response == {"transcript": "Call [PHONE_REDACTED].", "redacted": True}
    sql = statements(queries)
    assert [s.split()[0] for s in sql] == ["UPDATE", "INSERT", "INSERT"], sql
    assert 'FROM "calls_call"' not in " ".join(sql)
    assert list(TranscriptSegment.objects.values_list("sequence", "role")) == [(1, "user"), (2, "assistant")]
    assert WebhookEvent.objects.count() == 2 and Call.objects.get().events_received == 2


def test_a_partial_for_a_known_call_runs_no_statement(vapi: Vapi, call_id: str) -> None:
    vapi.send(with_call(payload("transcript.partial"), call_id, transcript="hello"))
    with CaptureQueriesContext(connection) as queries:
        assert vapi.send(with_call(payload("transcript.partial"), call_id))["redacted"] is True
    assert statements(queries) == []


def test_entity_counts_add_up_in_the_database_across_finals(vapi: Vapi, call_id: str) -> None:
    for _ in range(3):
        vapi.send(with_call(payload("transcript.final"), call_id))
    vapi.send(with_call(payload("transcript.final"), call_id, transcript="write to maria.gonzalez@example.com"))
    call = Call.objects.get()
    assert call.entity_counts == {"DATE_OF_BIRTH": 3, "US_SSN": 3, "EMAIL_ADDRESS": 1}
    assert call.events_received == 4 and TranscriptSegment.objects.count() == 4


def test_partials_counted_in_the_cache_are_folded_in_by_the_next_final(vapi: Vapi, call_id: str) -> None:
    vapi.send(with_call(payload("transcript.final"), call_id))
    for text in ("one", "one two", "one two three"):
        vapi.send(with_call(payload("transcript.partial"), call_id, transcript=text))
    vapi.send(with_call(payload("transcript.final"), call_id, transcript="one two three"))
    vapi.send(with_call(payload("transcript.final"), call_id, transcript="four"))
    call = Call.objects.get()
    assert (call.partials_received, call.events_received) == (3, 6)


def test_a_final_for_a_call_whose_row_is_gone_creates_it_again(vapi: Vapi, call_id: str) -> None:
    vapi.send(with_call(payload("transcript.final"), call_id))
    DataKey.objects.all().delete()
    Call.objects.all().delete()  # as a purge would; the cache still names the old row
    assert vapi.send(with_call(payload("transcript.final"), call_id))["redacted"] is True
    call = Call.objects.get(vapi_call_id=call_id)
    assert list(call.segments.values_list("sequence", flat=True)) == [1]
    assert call.entity_counts == {"DATE_OF_BIRTH": 1, "US_SSN": 1}


@pytest.mark.parametrize("kind", ["transcript.final", "transcript.partial", "end-of-call-report"])
def test_a_late_event_for_a_removed_call_keeps_nothing(vapi: Vapi, call_id: str, kind: str) -> None:
    from django.db import transaction

    from calls.compliance.removal import calls_remove

    vapi.send(with_call(payload("transcript.final"), call_id))
    call = Call.objects.get(vapi_call_id=call_id)
    with transaction.atomic():
        calls_remove(calls=[(call.pk, call.vapi_call_id, None)], reason="erasure")

    response = vapi.post(with_call(payload(kind), call_id))

    assert response.status_code == 200
    assert not Call.objects.filter(vapi_call_id=call_id).exists()
    assert not TranscriptSegment.objects.exists()


def test_removing_a_call_drops_its_cached_state(vapi: Vapi, call_id: str, django_capture_on_commit_callbacks: Any) -> None:
    from django.db import transaction

    from calls.compliance.removal import calls_remove
    from calls.intake.state import CallState, state_load

    vapi.send(with_call(payload("transcript.final"), call_id))
    before = state_load(call_id)
    assert before is not None and before.call_pk is not None
    call = Call.objects.get(vapi_call_id=call_id)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        calls_remove(calls=[(call.pk, call.vapi_call_id, None)], reason="erasure")

    assert state_load(call_id) == CallState()
