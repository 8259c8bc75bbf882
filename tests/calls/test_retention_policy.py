"""Retention policy edits: validated, audited, and the default row cannot be deleted."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from audit.models import AuditEvent
from calls.compliance.policy import DefaultPolicyProtectedError, retention_policies, retention_policy_delete
from calls.models import RetentionPolicy
from tests.voiceguard.admin_helpers import clients_fixture, people_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_without_a_policy_row_the_setting_is_the_default(settings: Any) -> None:
    settings.VOICEGUARD_DEFAULT_RETENTION_DAYS = 45
    assert retention_policies().days_for("anything") == 45


def test_creating_and_changing_a_policy_is_audited_with_old_and_new_days(clients: dict[str, Client]) -> None:
    clients["alice"].post("/admin/calls/retentionpolicy/add/", {"assistant_id": "", "days": "30"})
    policy = RetentionPolicy.objects.get()
    clients["alice"].post(f"/admin/calls/retentionpolicy/{policy.pk}/change/", {"assistant_id": "", "days": "60"})
    events = list(AuditEvent.objects.filter(action=AuditEvent.Action.RETENTION_POLICY_CHANGED).order_by("seq"))
    assert [e.extra["change"] for e in events] == ["created", "changed"]
    assert events[1].extra["previous"] == {"assistant_id": "(default)", "days": 30} and events[1].extra["days"] == 60
    assert retention_policies().default_days == 60


def test_nonsense_days_are_refused(clients: dict[str, Client]) -> None:
    for days in ("0", "-5", "100000", "ninety"):
        response = clients["alice"].post("/admin/calls/retentionpolicy/add/", {"assistant_id": "", "days": days})
        assert response.status_code == 200
    assert not RetentionPolicy.objects.exists()


def test_the_default_policy_cannot_be_deleted_but_an_override_can(clients: dict[str, Client], people: dict[str, Any]) -> None:
    default = RetentionPolicy.objects.create(assistant_id="", days=90)
    override = RetentionPolicy.objects.create(assistant_id="asst-1", days=10)
    assert clients["alice"].post(f"/admin/calls/retentionpolicy/{default.pk}/delete/", {"post": "yes"}).status_code == 403
    with pytest.raises(DefaultPolicyProtectedError):
        retention_policy_delete(policy=default, actor=people["alice"])
    assert clients["alice"].post(f"/admin/calls/retentionpolicy/{override.pk}/delete/", {"post": "yes"}).status_code == 302
    assert list(RetentionPolicy.objects.values_list("assistant_id", flat=True)) == [""]
    assert AuditEvent.objects.get(action=AuditEvent.Action.RETENTION_POLICY_CHANGED).extra["change"] == "deleted"
