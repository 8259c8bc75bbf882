"""Legal holds: placing and releasing are audited; a hold blocks purge and erasure."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from audit.models import AuditEvent
from audit.selectors import audit_chain_verify
from calls.compliance.holds import HoldError, legal_hold_place, legal_hold_release
from calls.compliance.retention import calls_purge_expired
from calls.models import Call, LegalHold
from tests.calls.factories import cold_key_caches_fixture, make_call  # noqa: F401
from tests.voiceguard.admin_helpers import clients_fixture, people_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_placing_a_hold_records_who_when_why_and_audits_it(people: dict[str, Any]) -> None:
    call = make_call()
    hold = legal_hold_place(call_id=call.pk, reason="  Smith v. Acme,\n case 17 ", actor=people["alice"])
    assert hold.reason == "Smith v. Acme, case 17" and hold.placed_by == people["alice"] and hold.placed_at
    event = AuditEvent.objects.get(action=AuditEvent.Action.LEGAL_HOLD_PLACED)
    assert (event.actor, event.target_id, event.extra) == (people["alice"], str(call.pk), {"hold_id": hold.pk})
    assert "Smith" not in str(event.extra)


def test_a_second_active_hold_and_an_empty_reason_are_refused(people: dict[str, Any]) -> None:
    call = make_call()
    legal_hold_place(call_id=call.pk, reason="Matter 1", actor=people["alice"])
    with pytest.raises(HoldError, match="already on legal hold"):
        legal_hold_place(call_id=call.pk, reason="Matter 2", actor=people["alice"])
    with pytest.raises(HoldError, match="needs a reason"):
        legal_hold_place(call_id=make_call().pk, reason="   ", actor=people["alice"])
    with pytest.raises(HoldError, match="no longer exists"):
        legal_hold_place(call_id="00000000-0000-0000-0000-000000000000", reason="x", actor=people["alice"])
    assert LegalHold.objects.count() == 1


def test_release_is_audited_and_cannot_happen_twice(people: dict[str, Any]) -> None:
    call = make_call()
    hold = legal_hold_place(call_id=call.pk, reason="Matter", actor=people["alice"])
    released = legal_hold_release(hold_id=hold.pk, actor=people["alice"])
    assert released.released_by == people["alice"] and released.released_at is not None
    with pytest.raises(HoldError, match="already released"):
        legal_hold_release(hold_id=hold.pk, actor=people["alice"])
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LEGAL_HOLD_RELEASED).count() == 1
    # A new hold can follow a released one.
    legal_hold_place(call_id=call.pk, reason="Matter 2", actor=people["alice"])
    assert audit_chain_verify().ok


def test_a_compliance_officer_holds_a_call_in_the_admin_and_the_purge_skips_it(clients: dict[str, Client]) -> None:
    kept, gone = make_call(age_days=200), make_call(age_days=200)
    response = clients["alice"].post(f"/admin/calls/call/{kept.pk}/hold/", {"reason": "Regulator inquiry 42"})
    assert response.status_code == 302
    page = clients["alice"].get(response.url)
    assert "On legal hold" in page.content.decode() and 'id="release-hold"' in page.content.decode()
    report = calls_purge_expired()
    assert (report.purged, report.held) == (1, 1)
    assert Call.objects.filter(pk=kept.pk).exists() and not Call.objects.filter(pk=gone.pk).exists()


def test_the_hold_action_on_the_list_asks_for_a_reason_then_holds_every_selected_call(clients: dict[str, Client]) -> None:
    calls = [make_call(), make_call()]
    ids = [str(c.pk) for c in calls]
    form = clients["alice"].post("/admin/calls/call/", {"action": "place_legal_hold", "_selected_action": ids})
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()
    done = clients["alice"].post(
        "/admin/calls/call/", {"action": "place_legal_hold", "_selected_action": ids, "apply": "1", "reason": "Matter 9"}
    )
    assert done.status_code == 302
    assert LegalHold.objects.filter(released_at__isnull=True).count() == 2


def test_releasing_through_the_admin_checks_the_hold_belongs_to_the_call(
    clients: dict[str, Client], people: dict[str, Any]
) -> None:
    first, second = make_call(), make_call()
    hold = legal_hold_place(call_id=first.pk, reason="Matter", actor=people["alice"])
    clients["alice"].post(f"/admin/calls/call/{second.pk}/release/", {"hold_id": hold.pk})
    hold.refresh_from_db()
    assert hold.released_at is None
    clients["alice"].post(f"/admin/calls/call/{first.pk}/release/", {"hold_id": hold.pk})
    hold.refresh_from_db()
    assert hold.released_at is not None


def test_the_hold_list_releases_selected_holds(clients: dict[str, Client], people: dict[str, Any]) -> None:
    hold = legal_hold_place(call_id=make_call().pk, reason="Matter", actor=people["alice"])
    assert clients["bob"].get("/admin/calls/legalhold/").status_code == 200
    response = clients["alice"].post("/admin/calls/legalhold/", {"action": "release_selected", "_selected_action": [hold.pk]})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.released_at is not None
