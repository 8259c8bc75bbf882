"""Erasure requests (GDPR Art. 17): every call of one caller goes, except those on hold."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from audit.models import AuditEvent
from audit.selectors import audit_chain_verify
from calls.compliance.erasure import ErasureInputError, erasure_request_execute
from calls.compliance.holds import legal_hold_place
from calls.models import Call, CallTombstone, ErasureRequest, TranscriptSegment
from calls.services import call_id_hash
from keys.models import DataKey
from tests.calls.factories import cold_key_caches_fixture, make_call  # noqa: F401
from tests.voiceguard.admin_helpers import clients_fixture, people_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
NUMBER = "+1 415 555 0142"


def test_it_erases_every_call_of_the_caller_and_keeps_held_ones_with_their_reason(people: dict[str, Any]) -> None:
    alice = people["alice"]
    mine = [make_call(caller=NUMBER) for _ in range(3)]
    other = make_call(caller="+44 20 7946 0958")
    legal_hold_place(call_id=mine[0].pk, reason="Smith v. Acme", actor=alice)

    outcome = erasure_request_execute(number="(415) 555-0142", reference="DSR-88", actor=alice)

    assert outcome.erased == 2
    assert [(h.call_id, h.reason) for h in outcome.held] == [(str(mine[0].pk), "Smith v. Acme")]
    assert set(Call.objects.values_list("pk", flat=True)) == {mine[0].pk, other.pk}
    assert not TranscriptSegment.objects.filter(call_id__in=[c.pk for c in mine[1:]]).exists()
    assert not DataKey.objects.filter(call_id__in=[c.pk for c in mine[1:]]).exists()
    assert set(CallTombstone.objects.filter(reason="erasure").values_list("call_id_hash", flat=True)) == {
        call_id_hash(c.vapi_call_id) for c in mine[1:]
    }
    request = ErasureRequest.objects.get()
    assert (request.reference, request.calls_erased, request.calls_held, request.requested_by) == ("DSR-88", 2, 1, alice)
    event = AuditEvent.objects.get(action=AuditEvent.Action.ERASURE_COMPLETED)
    assert event.extra["erased"] == 2 and event.extra["held"] == 1 and event.extra["held_call_ids"] == [str(mine[0].pk)]
    assert audit_chain_verify().ok


def test_nothing_of_the_number_is_kept(people: dict[str, Any]) -> None:
    make_call(caller=NUMBER)
    erasure_request_execute(number=NUMBER, reference="", actor=people["alice"])
    digits = "4155550142"
    for model in (ErasureRequest, AuditEvent, CallTombstone):
        assert digits not in str(list(model.objects.values())), model
    request = ErasureRequest.objects.get()
    assert not any(digits in str(getattr(request, f.attname)) for f in request._meta.fields)


def test_a_number_with_no_calls_is_recorded_as_zero(people: dict[str, Any]) -> None:
    outcome = erasure_request_execute(number="+1 212 555 0100", reference="DSR-1", actor=people["alice"])
    assert outcome.erased == 0 and outcome.held == []
    assert ErasureRequest.objects.get().calls_erased == 0


def test_it_refuses_something_that_is_not_a_number(people: dict[str, Any]) -> None:
    with pytest.raises(ErasureInputError):
        erasure_request_execute(number="john", reference="", actor=people["alice"])
    assert not ErasureRequest.objects.exists()


def test_the_admin_form_erases_and_lists_held_calls_without_echoing_the_number(
    clients: dict[str, Client], people: dict[str, Any]
) -> None:
    held = make_call(caller=NUMBER)
    make_call(caller=NUMBER)
    legal_hold_place(call_id=held.pk, reason="Regulator inquiry 42", actor=people["alice"])
    response = clients["alice"].post("/admin/calls/erasurerequest/add/", {"caller_number": NUMBER, "reference": "DSR-7"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<b>1</b> call crypto-shredded and deleted" in html
    assert "Regulator inquiry 42" in html and held.vapi_call_id in html
    assert "555 0142" not in html and "5550142" not in html
    assert Call.objects.count() == 1


def test_the_admin_form_explains_a_bad_number(clients: dict[str, Client]) -> None:
    response = clients["alice"].post("/admin/calls/erasurerequest/add/", {"caller_number": "nobody", "reference": ""})
    assert response.status_code == 200 and "Enter the caller" in response.content.decode()
    assert not ErasureRequest.objects.exists()
