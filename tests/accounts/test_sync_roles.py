from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from accounts.roles import ROLES
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _permissions_of(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_it_gives_each_role_exactly_its_permissions_when_run_twice() -> None:
    call_command("sync_roles", stdout=StringIO())
    out = StringIO()
    call_command("sync_roles", stdout=out)

    for role, wanted in ROLES.items():
        assert _permissions_of(role) == set(wanted)
    assert out.getvalue().count("unchanged") == len(ROLES)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ROLES_SYNCED).count() == 1


def test_it_takes_away_a_permission_granted_by_hand() -> None:
    call_command("sync_roles", stdout=StringIO())
    auditor = Group.objects.get(name="auditor")
    auditor.permissions.add(Permission.objects.get(codename="delete_call"))

    call_command("sync_roles", stdout=StringIO())

    assert "calls.delete_call" not in _permissions_of("auditor")
    event = AuditEvent.objects.filter(action=AuditEvent.Action.ROLES_SYNCED).order_by("-seq").first()
    assert event is not None
    assert event.extra == {"changes": {"auditor": {"added": [], "removed": ["calls.delete_call"]}}}


def test_auditors_can_only_view() -> None:
    assert all(name.split(".", 1)[1].startswith("view_") for name in ROLES["auditor"])


def test_it_uses_argon2_for_new_passwords(django_user_model, settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = django_user_model.objects.create_user(username="carol", password="a long enough passphrase")

    assert user.password.startswith("argon2")
