"""Two-factor login: enrol an authenticator (QR code), verify codes, recovery codes, throttling."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from audit.selectors import audit_chain_verify
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def code_for(device: TOTPDevice, *, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def password_login(client: Client, username: str) -> None:
    response = client.post(reverse("admin:login"), {"username": username, "password": PASSWORD, "next": "/admin/calls/call/"})
    assert response.status_code == 302


@pytest.fixture
def bob(django_user_model: Any) -> Any:
    return make_user(django_user_model, "bob", role="auditor")


def test_a_first_login_enrols_an_authenticator_from_a_qr_code_and_issues_recovery_codes(bob: Any) -> None:
    client = Client()
    password_login(client, "bob")
    step = client.get(reverse("accounts:two-factor"), {"next": "/admin/calls/call/"})
    assert step.status_code == 302 and step.url.startswith(reverse("accounts:two-factor-enrol"))
    page = client.get(step.url)
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and 'id="totp-secret"' in html
    device = TOTPDevice.objects.get(user=bob, confirmed=False)

    done = client.post(step.url, {"token": code_for(device), "next": "/admin/calls/call/"})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/admin/calls/call/").status_code == 200
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert AuditEvent.Action.OTP_ENROLLED in actions and AuditEvent.Action.RECOVERY_CODES_ISSUED in actions
    assert not any(code in str(list(AuditEvent.objects.values("extra"))) for code in codes)
    assert audit_chain_verify().ok


def test_a_wrong_enrolment_code_confirms_nothing(bob: Any) -> None:
    client = Client()
    password_login(client, "bob")
    client.get(reverse("accounts:two-factor-enrol"))
    response = client.post(reverse("accounts:two-factor-enrol"), {"token": "000000"})
    assert response.status_code == 200 and "not valid" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=bob, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_enrolment_is_refused_once_an_authenticator_exists(bob: Any) -> None:
    TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    client = Client()
    password_login(client, "bob")
    response = client.get(reverse("accounts:two-factor-enrol"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:two-factor"))
    assert TOTPDevice.objects.filter(user=bob).count() == 1


def test_an_enrolled_user_signs_in_with_a_code_from_the_app(bob: Any) -> None:
    device = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    client = Client()
    password_login(client, "bob")
    assert client.get("/admin/").status_code == 302
    response = client.post(reverse("accounts:two-factor"), {"token": code_for(device), "next": "/admin/calls/call/"})
    assert response.status_code == 302 and response.url == "/admin/calls/call/"
    assert client.get("/admin/calls/call/").status_code == 200


def test_a_wrong_code_is_refused_audited_and_then_throttled(bob: Any) -> None:
    device = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    client = Client()
    password_login(client, "bob")
    first = client.post(reverse("accounts:two-factor"), {"token": "123456"})
    assert first.status_code == 200 and "not valid" in first.content.decode()
    second = client.post(reverse("accounts:two-factor"), {"token": code_for(device)})
    # The first failure throttles the device for a second or more: even the right code waits.
    assert second.status_code == 200 and "Too many wrong codes" in second.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED, extra__stage="otp").count() == 2
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once_and_is_audited(bob: Any) -> None:
    from accounts.twofactor import recovery_codes_issue

    TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    codes = recovery_codes_issue(user=bob)
    client = Client()
    password_login(client, "bob")
    response = client.post(reverse("accounts:two-factor"), {"token": codes[0].upper(), "next": "/admin/"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    assert AuditEvent.objects.get(action=AuditEvent.Action.RECOVERY_CODE_USED).extra == {"remaining": 9}

    again = Client()
    password_login(again, "bob")
    reused = again.post(reverse("accounts:two-factor"), {"token": codes[0]})
    assert reused.status_code == 200
    assert again.get("/admin/").status_code == 302


def test_a_verified_user_can_replace_their_recovery_codes(bob: Any) -> None:
    from accounts.twofactor import recovery_codes_issue
    from tests.voiceguard.admin_helpers import verified_client

    old = recovery_codes_issue(user=bob)
    client = verified_client(bob)
    response = client.post(reverse("accounts:recovery-codes"))
    new = response.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_the_two_factor_pages_need_a_password_login_first() -> None:
    for name in ("accounts:two-factor", "accounts:two-factor-enrol", "accounts:recovery-codes"):
        response = Client().get(reverse(name))
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))


def test_a_non_staff_user_gets_no_enrolment(django_user_model: Any) -> None:
    user = make_user(django_user_model, "charlie", staff=False)
    client = Client()
    client.force_login(user)
    response = client.get(reverse("accounts:two-factor-enrol"))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_an_offsite_next_url_is_ignored(bob: Any) -> None:
    device = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    client = Client()
    password_login(client, "bob")
    response = client.post(reverse("accounts:two-factor"), {"token": code_for(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/admin/"
