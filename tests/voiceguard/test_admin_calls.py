"""The call list (no decryption, constant queries, filters, search) and the call detail (chat, audit)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEvent
from calls.models import Call, LegalHold
from keys.services import shred_call
from tests.calls.factories import cold_key_caches_fixture, make_call  # noqa: F401
from tests.voiceguard.admin_helpers import clients_fixture, people_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
LIST = "/admin/calls/call/"


def listed(response: Any) -> set[str]:
    return {str(c.pk) for c in response.context["cl"].result_list}


def test_the_list_shows_chips_caller_digits_hold_and_retention(clients: dict[str, Client], people: dict[str, Any]) -> None:
    call = make_call(recording=True)
    LegalHold.objects.create(call=call, reason="Matter", placed_by=people["alice"])
    html = clients["bob"].get(LIST).content.decode()
    assert "SSN <b>2</b>" in html and "Name <b>2</b>" in html and "Card number <b>1</b>" in html
    assert "•••• 0142" in html
    assert "On hold" in html
    assert (call.created_at + timedelta(days=90)).strftime("%Y-%m-%d") in html


def test_the_list_opens_nothing_sealed(clients: dict[str, Client]) -> None:
    make_call()
    with CaptureQueriesContext(connection) as queries:
        assert clients["bob"].get(LIST).status_code == 200
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    for column in ("text_sealed", "transcript_sealed", "summary_sealed", "structured_data_sealed", "messages_sealed", "wrapped"):
        assert column not in sql
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.TRANSCRIPT_VIEWED).exists()


def test_the_number_of_queries_does_not_grow_with_the_rows(
    clients: dict[str, Client], people: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = clients["bob"]
    for i in range(5):
        call = make_call(turns=1, events=0, barge_ins=0)
        if i == 0:
            LegalHold.objects.create(call=call, reason="Matter", placed_by=people["alice"])
    client.get(LIST)  # warm the session and content types
    with CaptureQueriesContext(connection) as five:
        assert len(listed(client.get(LIST))) == 5
    Call.objects.bulk_create(
        [
            Call(vapi_call_id=f"bulk-{i}", entity_counts={"PHONE_NUMBER": 1}, caller_last4="9999", started_at=timezone.now())
            for i in range(45)
        ]
    )
    with django_assert_max_num_queries(len(five.captured_queries)):
        assert len(listed(client.get(LIST))) == 50


def test_filters_narrow_the_list(clients: dict[str, Client], people: dict[str, Any]) -> None:
    old = make_call(age_days=20, ended_reason="assistant-ended-call", entity_counts={"EMAIL_ADDRESS": 1})
    new = make_call(recording=True)
    LegalHold.objects.create(call=new, reason="Matter", placed_by=people["alice"])
    client = clients["bob"]
    day = (timezone.now() - timedelta(days=20)).date()
    assert listed(client.get(LIST, {"started_from": str(day - timedelta(days=1)), "started_to": str(day)})) == {str(old.pk)}
    assert listed(client.get(LIST, {"ended_reason": "assistant-ended-call"})) == {str(old.pk)}
    assert listed(client.get(LIST, {"entity": "EMAIL_ADDRESS"})) == {str(old.pk)}
    assert listed(client.get(LIST, {"entity": "US_SSN"})) == {str(new.pk)}
    assert listed(client.get(LIST, {"hold": "yes"})) == {str(new.pk)}
    assert listed(client.get(LIST, {"hold": "no"})) == {str(old.pk)}
    assert listed(client.get(LIST, {"recording_present__exact": "1"})) == {str(new.pk)}


def test_a_bad_date_in_the_filter_is_ignored_with_a_hint(clients: dict[str, Client]) -> None:
    make_call()
    response = clients["bob"].get(LIST, {"started_from": "31/12/2025"})
    assert response.status_code == 200 and "Use dates like" in response.content.decode()
    assert len(listed(response)) == 1


def test_search_by_vapi_call_id(clients: dict[str, Client]) -> None:
    wanted, _ = make_call(), make_call()
    response = clients["bob"].post(f"{LIST}search/", {"q": wanted.vapi_call_id})
    assert response.status_code == 302
    assert listed(clients["bob"].get(response.url)) == {str(wanted.pk)}


def test_search_by_caller_number_never_puts_the_number_in_a_url_the_log_or_the_session(clients: dict[str, Client]) -> None:
    mine = make_call(caller="+1 415 555 0142")
    make_call(caller="+44 20 7946 0958")
    client = clients["bob"]
    response = client.post(f"{LIST}search/", {"q": "(415) 555-0142"})
    assert response.status_code == 302
    assert "555" not in response.url and "0142" not in response.url
    page = client.get(response.url)
    assert listed(page) == {str(mine.pk)}
    html = page.content.decode()
    assert "555-0142" not in html and "5550142" not in html and "(415)" not in html
    event = AuditEvent.objects.get(action=AuditEvent.Action.CALLS_SEARCHED_BY_CALLER)
    assert event.extra == {"matches": 1}
    assert "5550142" not in str(dict(client.session.items())) and "555-0142" not in str(dict(client.session.items()))


def test_a_stale_caller_search_token_shows_nothing(clients: dict[str, Client]) -> None:
    make_call()
    response = clients["bob"].get(LIST, {"caller": "made-up-token"})
    assert response.status_code == 302


def test_the_detail_page_is_a_redacted_chat_with_chips_and_is_audited(clients: dict[str, Client], people: dict[str, Any]) -> None:
    call = make_call()
    response = clients["bob"].get(f"{LIST}{call.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="vg-turn vg-turn-caller"') == 2 and html.count('class="vg-turn vg-turn-assistant"') == 2
    assert '<span class="vg-chip vg-chip-us-ssn" title="[SSN_REDACTED]">SSN</span>' in html
    assert "Thanks for calling Acme Health" in html
    assert "Summary" in html and "billing" in html and "vg-chip-phone-number" in html
    assert "caller cut in after 420 ms" in html and "status-update" in html
    event = AuditEvent.objects.get(action=AuditEvent.Action.TRANSCRIPT_VIEWED)
    assert event.actor == people["bob"] and event.target_id == str(call.pk)
    # An auditor sees no change, hold, release or export control.
    for control in ("place-hold", "release-hold", "Export JSON", "/delete/", 'name="_save"'):
        assert control not in html


def test_a_compliance_officer_sees_hold_and_export_controls(clients: dict[str, Client]) -> None:
    call = make_call()
    html = clients["alice"].get(f"{LIST}{call.pk}/change/").content.decode()
    assert 'id="place-hold"' in html and "Export JSON" in html and "Export CSV" in html


def test_a_shredded_call_opens_as_unreadable_not_as_an_error(clients: dict[str, Client]) -> None:
    call = make_call()
    shred_call(call=call, actor=None)
    response = clients["bob"].get(f"{LIST}{call.pk}/change/")
    assert response.status_code == 200
    assert "cannot be opened (shredded)" in response.content.decode()


def test_a_purged_call_redirects_to_the_list_and_a_bad_id_is_404(clients: dict[str, Client]) -> None:
    response = clients["bob"].get(f"{LIST}00000000-0000-0000-0000-000000000000/change/")
    assert response.status_code == 302 and response.url == LIST
    assert clients["bob"].get(f"{LIST}not-a-uuid/change/").status_code == 404
