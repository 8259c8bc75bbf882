"""Rotation: add, promote after the cache time, re-wrap, retire, destroy; the command; every step audited."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from keys import kek
from keys.models import DataKey, KeyVersion
from keys.selectors import key_rotation_status
from keys.services import (
    KeyVersionError,
    key_rotation_start,
    key_version_destroy,
    key_version_retire,
    key_versions_promote_due,
)
from tests.keys.conftest import add_segment, make_call, read_segment

pytestmark = pytest.mark.django_db

A = AuditEvent.Action


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))


def test_a_rotation_moves_every_key_and_every_field_still_opens(django_capture_on_commit_callbacks: Any) -> None:
    segments = [add_segment(make_call(), 1, f"call {i}") for i in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        result = key_rotation_start(actor=None)
    assert (result.outcome, result.new_version, result.previous_primary, result.promoted) == ("started", 2, 1, True)
    assert set(DataKey.objects.values_list("kek_version", flat=True)) == {2}
    assert [read_segment(s) for s in segments] == [f"call {i}" for i in range(5)]
    states = dict(KeyVersion.objects.values_list("version", "state"))
    assert states == {1: "decrypt_only", 2: "primary"}
    assert KeyVersion.objects.get(version=2).wrap_count >= 5
    assert KeyVersion.objects.get(version=2).rewrap_finished_at is not None
    keys_events = [a for a in _actions() if a.startswith("keys.")]
    assert keys_events == [A.KEYRING_INITIALIZED, A.KEK_CREATED, A.KEY_ROTATION_STARTED, A.KEK_PROMOTED, A.REWRAP_FINISHED]


def test_new_keys_after_a_rotation_use_the_new_primary(django_capture_on_commit_callbacks: Any) -> None:
    add_segment(make_call(), 1, "before")
    with django_capture_on_commit_callbacks(execute=True):
        key_rotation_start(actor=None)
    call = make_call()
    add_segment(call, 1, "after")
    assert DataKey.objects.get(call=call).kek_version == 2


def test_a_dry_run_changes_nothing(keyring_file: Any) -> None:
    add_segment(make_call(), 1, "x")
    before = (keyring_file.read_bytes(), _actions())
    result = key_rotation_start(actor=None, dry_run=True)
    assert result.outcome == "dry_run" and result.new_version == 2 and result.deks_to_rewrap == 1
    assert (keyring_file.read_bytes(), _actions()) == before
    assert list(KeyVersion.objects.values_list("version", flat=True)) == [1]


def test_a_new_version_waits_pending_for_the_cache_time(settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.VOICEGUARD_KEYRING_CACHE_SECONDS = 60
    segment = add_segment(make_call(), 1, "x")
    with django_capture_on_commit_callbacks(execute=True):
        result = key_rotation_start(actor=None)
    assert not result.promoted and result.promote_at is not None
    assert KeyVersion.objects.get(version=2).state == "pending"
    assert key_versions_promote_due() == []
    refused = key_rotation_start(actor=None)
    assert refused.outcome == "refused" and "pending" in refused.reason
    KeyVersion.objects.filter(version=2).update(created_at=KeyVersion.objects.get(version=2).created_at - timedelta(seconds=61))
    settings.VOICEGUARD_KEYRING_CACHE_SECONDS = 0  # the sweep's settle wait is the same setting
    with django_capture_on_commit_callbacks(execute=True):
        assert key_versions_promote_due() == [2]
    assert DataKey.objects.get().kek_version == 2
    assert read_segment(segment) == "x"


def test_retiring_a_version_in_use_is_refused_and_audited() -> None:
    add_segment(make_call(), 1, "x")
    key_rotation_start(actor=None)  # promoted, but the sweep never ran (no commit in this test)
    with pytest.raises(KeyVersionError, match="1 data keys are still wrapped by version 1"):
        key_version_retire(version=1, actor=None)
    with pytest.raises(KeyVersionError, match="primary"):
        key_version_retire(version=2, actor=None)
    assert KeyVersion.objects.get(version=1).state == "decrypt_only"
    assert AuditEvent.objects.filter(action=A.KEY_ROTATION_REFUSED).count() == 2


def test_destroying_is_refused_unless_retired_then_removes_the_material(
    keyring_file: Any, django_capture_on_commit_callbacks: Any
) -> None:
    segment = add_segment(make_call(), 1, "x")
    with django_capture_on_commit_callbacks(execute=True):
        key_rotation_start(actor=None)
    with pytest.raises(KeyVersionError, match="only a retired version"):
        key_version_destroy(version=1, actor=None)
    key_version_retire(version=1, actor=None)
    row, removed = key_version_destroy(version=1, actor=None)
    assert row.state == "destroyed" and removed
    assert kek.kek_versions() == (2,)
    assert read_segment(segment) == "x"
    for action in (A.KEK_RETIRED, A.KEK_DESTROYED):
        assert action in _actions()


def test_a_destroyed_version_is_refused_even_if_the_material_lingers(settings: Any) -> None:
    from keys.envelope import UnknownKeyVersionError

    segment = add_segment(make_call(), 1, "x")
    key_rotation_start(actor=None)
    KeyVersion.objects.filter(version=1).update(state="destroyed")
    with pytest.raises(UnknownKeyVersionError, match=r"KEK version 1 .*destroyed"):
        read_segment(segment)


def test_status_reports_versions_counts_and_progress() -> None:
    for i in range(3):
        add_segment(make_call(), 1, str(i))
    key_rotation_start(actor=None)
    status = key_rotation_status()
    assert status.primary_version == 2
    assert {v.version: v.dek_count for v in status.versions} == {1: 3, 2: 0}
    assert status.share_on_primary == 0.0 and status.rewrap_running
    assert not status.rotation_due


def test_the_policy_flags_an_old_primary(settings: Any) -> None:
    add_segment(make_call(), 1, "x")
    KeyVersion.objects.update(promoted_at=KeyVersion.objects.get().promoted_at - timedelta(days=settings.KEY_ROTATION_DAYS + 8))
    status = key_rotation_status()
    assert status.rotation_due and status.rotation_overdue and "primary for" in status.due_reason


def test_the_command_rotates_and_reports(django_capture_on_commit_callbacks: Any) -> None:
    add_segment(make_call(), 1, "x")
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rotate_keys", stdout=out)
    assert "added KEK version 2" in out.getvalue() and "is primary" in out.getvalue()
    out = StringIO()
    call_command("rotate_keys", "--status", stdout=out)
    assert "1 of 1 live data keys on the primary (v2): 100.0%" in out.getvalue()
    call_command("rotate_keys", "--retire", "1", stdout=StringIO())
    with pytest.raises(CommandError, match="only a decrypt-only version"):
        call_command("rotate_keys", "--retire", "2", stdout=StringIO())


def test_the_env_backend_registers_a_version_the_operator_added(settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    import base64

    def b64(n: int) -> str:
        return base64.b64encode(bytes([n]) * 32).decode()

    settings.VOICEGUARD_KEY_BACKEND = "env"
    settings.VOICEGUARD_KEKS = f"1:{b64(1)}"
    settings.VOICEGUARD_AUDIT_KEY, settings.VOICEGUARD_CALLER_HASH_KEY = b64(9), b64(8)
    segment = add_segment(make_call(), 1, "x")
    refused = key_rotation_start(actor=None)
    assert refused.outcome == "refused" and "read-only" in refused.reason
    settings.VOICEGUARD_KEKS = f"1:{b64(1)},2:{b64(2)}"
    with django_capture_on_commit_callbacks(execute=True):
        assert key_rotation_start(actor=None).new_version == 2
    assert DataKey.objects.get().kek_version == 2
    assert read_segment(segment) == "x"
    key_version_retire(version=1, actor=None)
    _, removed = key_version_destroy(version=1, actor=None)
    assert removed is False
