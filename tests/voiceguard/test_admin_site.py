"""The admin's gate: two factors, lockout, idle logoff, CSP and nothing loaded from elsewhere."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from tests.calls.factories import cold_key_caches_fixture, make_call  # noqa: F401
from tests.conftest import make_user
from tests.voiceguard.admin_helpers import clients_fixture, people_fixture, verified_client  # noqa: F401

pytestmark = pytest.mark.django_db
INDEX = "/admin/"


def test_an_anonymous_visitor_is_sent_to_the_login_page() -> None:
    response = Client().get(INDEX)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_signed_in_non_staff_user_is_sent_to_the_login_page(clients: dict[str, Client]) -> None:
    response = clients["charlie"].get("/admin/calls/call/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_password_alone_does_not_open_the_admin(django_user_model: Any) -> None:
    make_user(django_user_model, "bob", role="auditor")
    client = Client()
    response = client.post(
        reverse("admin:login"), {"username": "bob", "password": "correct horse battery staple", "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two-factor"))
    # Every admin page now insists on the second factor.
    for path in ("/admin/", "/admin/calls/call/", "/admin/audit/auditevent/"):
        page = client.get(path)
        assert page.status_code == 302 and page.url.startswith(reverse("accounts:two-factor")), path


def test_without_the_2fa_requirement_a_password_is_enough_for_local_development(django_user_model: Any, settings: Any) -> None:
    settings.VOICEGUARD_REQUIRE_2FA = False
    make_user(django_user_model, "bob", role="auditor")
    client = Client()
    client.post(reverse("admin:login"), {"username": "bob", "password": "correct horse battery staple"})
    assert client.get("/admin/calls/call/").status_code == 200


def test_a_failed_login_is_audited_without_the_typed_name(django_user_model: Any) -> None:
    make_user(django_user_model, "bob", role="auditor")
    response = Client().post(reverse("admin:login"), {"username": "bob", "password": "wrong password"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.target_type == "accounts.user" and event.extra == {"stage": "password"}
    typo = Client().post(reverse("admin:login"), {"username": "bob-typed-his-password-here", "password": "x"})
    assert typo.status_code == 200
    assert "bob-typed-his-password-here" not in str(list(AuditEvent.objects.values()))


def test_repeated_failures_lock_the_account_out_and_are_audited(django_user_model: Any, settings: Any) -> None:
    make_user(django_user_model, "bob", role="auditor")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": "bob", "password": "wrong password"})
    locked = client.post(reverse("admin:login"), {"username": "bob", "password": "correct horse battery staple"})
    assert locked.status_code == 429
    assert AuditEvent.objects.filter(action=AuditEvent.Action.USER_LOCKED_OUT).exists()
    assert not locked.wsgi_request.user.is_authenticated


def test_an_idle_session_is_signed_out(people: dict[str, Any], settings: Any) -> None:
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 15
    client = verified_client(people["bob"])
    assert client.get("/admin/calls/call/").status_code == 200
    session = client.session
    session["vg_last_seen"] = int(time.time()) - 16 * 60
    session.save()
    response = client.get("/admin/calls/call/")
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    assert client.get("/admin/calls/call/").status_code == 302


def test_an_active_session_stays_signed_in(people: dict[str, Any]) -> None:
    client = verified_client(people["bob"])
    session = client.session
    session["vg_last_seen"] = int(time.time()) - 14 * 60
    session.save()
    assert client.get("/admin/calls/call/").status_code == 200


def test_every_page_carries_a_same_origin_csp_and_no_store(clients: dict[str, Client]) -> None:
    response = clients["alice"].get(INDEX)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "http" not in csp
    assert "no-store" in response["Cache-Control"]
    assert "default-src 'self'" in Client().get(reverse("admin:login"))["Content-Security-Policy"]


def test_admin_pages_reference_no_external_asset(clients: dict[str, Client]) -> None:
    call = make_call()
    for path in (INDEX, "/admin/calls/call/", f"/admin/calls/call/{call.pk}/change/", reverse("admin:login")):
        html = clients["alice"].get(path).content.decode()
        external = re.findall(r'(?:src|href)="(https?:)?//[^"]*"', html)
        assert external == [], (path, external)
        assert "<style" not in html and ' style="' not in html.replace("<svg", "")
