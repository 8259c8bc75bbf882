"""The dashboard: the last two weeks drawn as server-side SVG, and the system's health."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from audit.models import AuditEvent
from audit.services import audit_chain_verify_and_record, audit_record
from calls.compliance.charts import Series, bar_chart
from calls.compliance.dashboard import dashboard_overview
from calls.models import LegalHold
from tests.calls.factories import cold_key_caches_fixture, make_call  # noqa: F401
from tests.voiceguard.admin_helpers import clients_fixture, people_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_it_counts_calls_entities_barge_ins_failures_and_what_awaits_purge(people: dict[str, Any]) -> None:
    make_call(entity_counts={"US_SSN": 2, "PERSON": 1}, barge_ins=2, recording=True)
    make_call(entity_counts={"US_SSN": 1})
    old = make_call(age_days=100, barge_ins=0)
    held = make_call(age_days=100, barge_ins=0)
    LegalHold.objects.create(call=held, reason="Matter", placed_by=people["alice"])
    audit_record(actor=None, action=AuditEvent.Action.WEBHOOK_AUTH_FAILED, extra={"reason": "bad signature"})
    audit_record(actor=None, action=AuditEvent.Action.LOGIN_FAILED, extra={"stage": "password"})
    d = dashboard_overview()
    assert d.calls_window == 2 and d.calls_total == 4
    assert [(label, n) for label, _, n in d.entity_totals] == [("SSN", 3), ("Name", 1)]
    assert d.barge_ins_window == 3
    assert (d.webhook_auth_failures_window, d.login_failures_window) == (1, 1)
    assert (d.awaiting_purge, d.on_hold, d.recordings_present) == (1, 1, 1)
    assert d.last_verification is None
    del old


def test_the_page_shows_charts_key_status_and_the_chain_result(clients: dict[str, Client]) -> None:
    make_call()
    audit_chain_verify_and_record(actor=None)
    html = clients["bob"].get("/admin/").content.decode()
    assert html.count('<svg class="vg-chart"') == 4
    assert 'aria-label="Calls per day"' in html and "PII redacted per day, by type" in html
    assert 'id="audit-chain-status"' in html and "Intact" in html
    assert 'id="key-status"' in html and "data keys are wrapped by the primary version" in html
    assert "Recordings present" in html and "Calls awaiting purge" in html


def test_a_broken_chain_result_is_shown_as_broken(clients: dict[str, Client]) -> None:
    audit_record(actor=None, action=AuditEvent.Action.AUDIT_CHAIN_VERIFIED, extra={"ok": False, "events": 10, "broken_seq": 7})
    html = clients["bob"].get("/admin/").content.decode()
    assert "BROKEN" in html and "at #7" in html


def test_chart_labels_are_escaped_and_bars_scale_to_the_largest_value() -> None:
    svg = str(bar_chart(title="<script>", labels=["a", "b"], series=[Series("x<y", [5, 10])]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    heights = [float(h) for h in re.findall(r'<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"', svg)]
    assert len(heights) == 2 and heights[1] == pytest.approx(2 * heights[0])
