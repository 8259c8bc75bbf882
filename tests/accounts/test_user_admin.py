"""Users and roles in the admin: changes are audited; two-factor reset; roles only from accounts.roles."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from tests.voiceguard.admin_helpers import clients_fixture, people_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _form(user: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "username": user.username,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [str(g.pk) for g in user.groups.all()],
        "date_joined_0": "2025-01-01",
        "date_joined_1": "00:00:00",
    }
    data.update(overrides)
    return data


def test_creating_a_user_is_audited(clients: dict[str, Client]) -> None:
    clients["sam"].post(
        "/admin/accounts/user/add/",
        {
            "username": "dora",
            "usable_password": "true",
            "password1": "a long enough passphrase 9",
            "password2": "a long enough passphrase 9",
        },
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.USER_CREATED)
    assert event.actor.username == "sam" and "passphrase" not in str(event.extra)


def test_giving_a_user_a_role_is_audited_with_what_changed(clients: dict[str, Client], people: dict[str, Any]) -> None:
    nora = people["nora"]
    officer = Group.objects.get(name="compliance_officer")
    response = clients["sam"].post(
        f"/admin/accounts/user/{nora.pk}/change/", _form(nora, groups=[str(officer.pk)], email="nora@example.org")
    )
    assert response.status_code == 302
    roles = AuditEvent.objects.get(action=AuditEvent.Action.USER_ROLES_CHANGED)
    assert roles.extra == {"added": ["compliance_officer"], "removed": []} and roles.target_id == str(nora.pk)
    changed = AuditEvent.objects.get(action=AuditEvent.Action.USER_CHANGED)
    assert changed.extra == {"fields": ["email"]}
    assert "nora@example.org" not in str(changed.extra)


def test_only_role_groups_can_be_assigned(clients: dict[str, Client], people: dict[str, Any]) -> None:
    rogue = Group.objects.create(name="rogue")
    nora = people["nora"]
    response = clients["sam"].post(f"/admin/accounts/user/{nora.pk}/change/", _form(nora, groups=[str(rogue.pk)]))
    assert response.status_code == 200
    assert not nora.groups.filter(name="rogue").exists()


def test_resetting_two_factor_removes_devices_and_is_audited(clients: dict[str, Client], people: dict[str, Any]) -> None:
    bob = people["bob"]
    assert TOTPDevice.objects.filter(user=bob).exists()
    response = clients["sam"].post("/admin/accounts/user/", {"action": "reset_two_factor", "_selected_action": [bob.pk]})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=bob).exists()
    assert AuditEvent.objects.get(action=AuditEvent.Action.USER_CHANGED).extra == {"two_factor": "reset"}
    # The reset user's old session no longer passes the second factor.
    assert clients["bob"].get("/admin/calls/call/").status_code == 302
