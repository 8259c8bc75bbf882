"""Signed-in, two-factor-verified admin clients: one per role, plus an outsider and a roleless staff user."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import AUDITOR, COMPLIANCE_OFFICER, SECURITY_ADMIN
from tests.conftest import make_user

ROLE_USERS = {
    "alice": COMPLIANCE_OFFICER,
    "bob": AUDITOR,
    "sam": SECURITY_ADMIN,
}


def verified_client(user: Any) -> Client:
    """A client whose session passed both factors (a confirmed TOTP device, as after the OTP step)."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="phone", defaults={"confirmed": True})
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture(name="people")
def people_fixture(django_user_model: Any) -> dict[str, Any]:
    users = {name: make_user(django_user_model, name, role=role) for name, role in ROLE_USERS.items()}
    users["nora"] = make_user(django_user_model, "nora")  # staff, no role
    users["charlie"] = make_user(django_user_model, "charlie", staff=False)  # outsider
    root = make_user(django_user_model, "root")
    root.is_superuser = True
    root.save()
    users["root"] = root
    return users


@pytest.fixture(name="clients")
def clients_fixture(people: dict[str, Any]) -> dict[str, Client]:
    result = {name: verified_client(user) for name, user in people.items() if name != "charlie"}
    charlie = Client()
    charlie.force_login(people["charlie"])
    result["charlie"] = charlie
    result["anonymous"] = Client()
    return result
