"""The daily policy: warn once a day, or rotate when AUTO_ROTATE_KEYS is on; the wrap-count limit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from audit.models import AuditEvent
from keys.models import KeyVersion
from keys.selectors import WRAP_LIMIT
from keys.services import key_rotation_policy_apply
from keys.tasks import key_maintenance
from tests.keys.conftest import add_segment, make_call

pytestmark = pytest.mark.django_db


def _age_primary(days: int) -> None:
    row = KeyVersion.objects.get(state="primary")
    KeyVersion.objects.filter(pk=row.pk).update(promoted_at=row.promoted_at - timedelta(days=days))


def test_a_young_primary_needs_nothing() -> None:
    add_segment(make_call(), 1, "x")
    outcome = key_rotation_policy_apply()
    assert not outcome.due and outcome.rotation is None and not outcome.warned


def test_a_due_rotation_is_warned_about_once_a_day(settings: Any) -> None:
    settings.AUTO_ROTATE_KEYS = False
    add_segment(make_call(), 1, "x")
    _age_primary(settings.KEY_ROTATION_DAYS)
    assert key_rotation_policy_apply().warned
    assert not key_rotation_policy_apply().warned
    event = AuditEvent.objects.get(action=AuditEvent.Action.KEY_ROTATION_DUE)
    assert event.extra["version"] == 1 and "primary for" in event.extra["reason"]
    assert KeyVersion.objects.count() == 1


def test_auto_rotation_rotates_when_due(settings: Any) -> None:
    settings.AUTO_ROTATE_KEYS = True
    add_segment(make_call(), 1, "x")
    _age_primary(settings.KEY_ROTATION_DAYS + 1)
    outcome = key_rotation_policy_apply()
    assert outcome.rotation is not None and outcome.rotation.new_version == 2
    assert KeyVersion.objects.get(version=2).state == "primary"


def test_a_kek_near_its_wrap_limit_is_due_whatever_its_age(settings: Any) -> None:
    settings.AUTO_ROTATE_KEYS = False
    add_segment(make_call(), 1, "x")
    KeyVersion.objects.filter(version=1).update(wrap_count=WRAP_LIMIT)
    outcome = key_rotation_policy_apply()
    assert outcome.due and "wrapped" in outcome.reason


def test_maintenance_finishes_a_rewrap_that_lost_its_task(settings: Any) -> None:
    from keys.models import DataKey
    from keys.services import key_rotation_start

    add_segment(make_call(), 1, "x")
    key_rotation_start(actor=None)  # its sweep was never delivered
    key_maintenance.delay()
    assert DataKey.objects.get().kek_version == 2
    assert KeyVersion.objects.get(version=2).rewrap_finished_at is not None
