"""Exports: selected calls' redacted transcripts as JSON and CSV, every export audited."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client

from audit.models import AuditEvent
from audit.selectors import audit_chain_verify
from calls.compliance.exports import ExportError, calls_export
from keys.services import shred_call
from tests.calls.factories import cold_key_caches_fixture, make_call  # noqa: F401
from tests.voiceguard.admin_helpers import clients_fixture, people_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_json_export_holds_the_redacted_turns_and_is_audited(people: dict[str, Any]) -> None:
    calls = [make_call(), make_call(turns=2)]
    export = calls_export(call_ids=[c.pk for c in calls], fmt="json", actor=people["alice"])
    document = json.loads(export.content)
    assert export.filename.endswith(".json") and export.calls == 2
    by_id = {c["call_id"]: c for c in document["calls"]}
    first = by_id[str(calls[0].pk)]
    assert [t["text"] for t in first["turns"]][3] == "It's [SSN_REDACTED], and my card is [CREDITCARD_REDACTED]."
    assert first["summary"].startswith("Caller [NAME_REDACTED]") and first["readable"] is True
    assert "caller_hash" not in first and "caller_last4" not in first
    event = AuditEvent.objects.get(action=AuditEvent.Action.CALLS_EXPORTED)
    assert event.actor == people["alice"]
    assert event.extra["format"] == "json" and sorted(event.extra["call_ids"]) == sorted(str(c.pk) for c in calls)
    assert audit_chain_verify().ok


def test_csv_export_is_one_row_per_turn_and_defuses_formulas(people: dict[str, Any]) -> None:
    call = make_call(turns=2, ended_reason="=HYPERLINK(1)")
    export = calls_export(call_ids=[call.pk], fmt="csv", actor=people["alice"])
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0] == ["call_id", "vapi_call_id", "started_at", "ended_reason", "sequence", "role", "text"]
    assert len(rows) == 3 and rows[1][3] == "'=HYPERLINK(1)" and rows[2][5] == "user"


def test_a_shredded_call_exports_as_unreadable(people: dict[str, Any]) -> None:
    call = make_call(turns=1)
    shred_call(call=call, actor=None)
    document = json.loads(calls_export(call_ids=[call.pk], fmt="json", actor=people["alice"]).content)
    assert document["calls"][0]["readable"] is False and document["calls"][0]["turns"][0]["text"] is None


def test_it_refuses_too_many_calls_an_empty_selection_and_unknown_formats(people: dict[str, Any], settings: Any) -> None:
    settings.EXPORT_MAX_CALLS = 1
    calls = [make_call(turns=1), make_call(turns=1)]
    for kwargs in (
        {"call_ids": [c.pk for c in calls], "fmt": "json"},
        {"call_ids": [], "fmt": "csv"},
        {"call_ids": [calls[0].pk], "fmt": "xml"},
    ):
        with pytest.raises(ExportError):
            calls_export(actor=people["alice"], **kwargs)  # type: ignore[arg-type]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CALLS_EXPORTED).exists()


def test_the_list_action_downloads_json(clients: dict[str, Client]) -> None:
    call = make_call()
    response = clients["alice"].post("/admin/calls/call/", {"action": "export_json", "_selected_action": [str(call.pk)]})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "attachment;" in response["Content-Disposition"]
    assert json.loads(response.content)["calls"][0]["vapi_call_id"] == call.vapi_call_id


def test_an_unknown_format_in_the_url_is_a_message_not_an_error(clients: dict[str, Client]) -> None:
    call = make_call()
    response = clients["alice"].post(f"/admin/calls/call/{call.pk}/export/xml/")
    assert response.status_code == 302
