"""The compliance workspace in a real browser: TOTP login, review, legal hold, key rotation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import audit_chain_verify_and_record
from calls.compliance.retention import calls_purge_expired
from calls.models import Call, LegalHold
from tests.calls.factories import cold_key_caches_fixture, make_call  # noqa: F401
from tests.calls.test_webhook_canary import CANARIES, conversation
from tests.calls.webhook_helpers import Vapi
from tests.calls.webhook_helpers import vapi_settings as vapi_settings_fixture  # noqa: F401
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    """Password, then the six-digit code from the user's authenticator."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="phone", confirmed=True
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/account/two-factor/**")
    page.fill("#id_token", f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
    page.click("#verify")
    page.wait_for_selector("#site-name")
    assert "/two-factor/" not in page.url


@pytest.mark.usefixtures("vapi_settings_fixture")
def test_an_auditor_filters_opens_a_call_and_sees_only_redacted_text(
    page: Any, live_server: Any, shots: Path, django_user_model: Any
) -> None:
    vapi = Vapi(Client())
    for message in conversation("browser-call"):
        vapi.post(message)
    calls = list(Call.objects.filter(vapi_call_id__startswith="browser-call"))
    assert calls, "the webhook stored no call"
    for i in range(12):
        make_call(age_days=i % 7, entity_counts={"US_SSN": 1 + i % 3, "PERSON": 2, "PHONE_NUMBER": i % 2}, barge_ins=i % 3)
    audit_chain_verify_and_record(actor=None)
    bob = make_user(django_user_model, "bob", role="auditor")

    sign_in(page, live_server, bob)
    assert page.locator("svg.vg-chart").count() == 4
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)

    page.goto(f"{live_server.url}/admin/calls/call/")
    page.locator("#changelist-filter").get_by_role("link", name="SSN", exact=True).click()
    page.wait_for_url("**entity=US_SSN**")
    assert page.locator("#result_list tbody tr").count() >= 1
    page.screenshot(path=str(shots / "call-list.png"), full_page=False)

    for call in calls:
        page.goto(f"{live_server.url}/admin/calls/call/{call.pk}/change/")
        page.wait_for_selector(".vg-facts")
        html = page.content()
        leaked = [c for c in CANARIES if c.lower() in html.lower()]
        assert leaked == [], leaked
        for control in ("#place-hold", "#release-hold", "text=Export JSON", "text=Delete", "input[name=_save]"):
            assert page.locator(control).count() == 0, control
    richest = max(calls, key=lambda c: c.segments.count())
    page.goto(f"{live_server.url}/admin/calls/call/{richest.pk}/change/")
    assert page.locator(".vg-turn").count() >= 1
    assert page.locator(".vg-bubble .vg-chip").count() >= 1
    page.screenshot(path=str(shots / "call-detail.png"), full_page=True)


def test_a_compliance_officer_places_a_hold_and_the_purge_skips_that_call(
    page: Any, live_server: Any, django_user_model: Any
) -> None:
    kept, gone = make_call(age_days=120), make_call(age_days=120)
    alice = make_user(django_user_model, "alice", role="compliance_officer")
    sign_in(page, live_server, alice)
    page.goto(f"{live_server.url}/admin/calls/call/{kept.pk}/change/")
    page.fill("#hold-reason", "Regulator inquiry 42")
    page.click("#place-hold")
    page.wait_for_selector("#release-hold")
    assert LegalHold.objects.filter(call=kept, released_at__isnull=True).exists()

    report = calls_purge_expired()
    assert (report.purged, report.held) == (1, 1)
    assert Call.objects.filter(pk=kept.pk).exists() and not Call.objects.filter(pk=gone.pk).exists()


def test_a_security_admin_starts_a_rotation_and_the_dashboard_shows_it(
    page: Any, live_server: Any, django_user_model: Any
) -> None:
    for _ in range(3):
        make_call(turns=1)
    sam = make_user(django_user_model, "sam", role="security_admin")
    sign_in(page, live_server, sam)
    page.goto(f"{live_server.url}/admin/keys/keyversion/")
    page.click("#rotate-now")
    page.wait_for_selector(".messagelist")
    assert "Key rotation started" in page.inner_text(".messagelist")
    page.goto(f"{live_server.url}/admin/")
    status = page.inner_text("#key-status")
    assert "v2" in status and "data keys are wrapped by the primary version" in status
