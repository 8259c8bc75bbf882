"""Crypto-shredding: after shred_call nothing of the call opens, from the table or from a copy."""

from __future__ import annotations

from typing import Any

import pytest

from audit.models import AuditEvent
from calls.models import TranscriptSegment
from keys.envelope import KeyShreddedError
from keys.models import DataKey
from keys.services import key_rotation_start, open_for, seal_for, shred_call
from tests.keys.conftest import add_segment, make_call, read_segment

pytestmark = pytest.mark.django_db


def test_a_shredded_call_cannot_be_opened_even_from_a_copy(django_user_model: Any) -> None:
    officer = django_user_model.objects.create_user(username="alice")
    call = make_call()
    segment = add_segment(call, 1, "[US_SSN] is mine")
    copy = bytes(segment.text_sealed)
    shred_call(call=call, actor=officer)
    with pytest.raises(KeyShreddedError):
        read_segment(segment)
    with pytest.raises(KeyShreddedError):
        open_for(call=call, record=segment, field="text_sealed", ciphertext=copy)
    row = DataKey.objects.get(call=call)
    assert row.wrapped is None and row.shredded_at is not None
    event = AuditEvent.objects.get(action=AuditEvent.Action.CALL_SHREDDED)
    assert event.actor == officer and event.target_id == str(call.pk)


def test_shredding_drops_the_key_from_this_process_cache(settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.VOICEGUARD_DEK_CACHE_SECONDS = 30
    call = make_call()
    with django_capture_on_commit_callbacks(execute=True):
        add_segment(call, 1, "cached")
    shred_call(call=call, actor=None)
    with pytest.raises(KeyShreddedError):
        seal_for(call=call, record=TranscriptSegment(call=call, sequence=2), field="text_sealed", plaintext=b"late")


def test_shredding_twice_is_harmless_and_audited_once() -> None:
    call = make_call()
    add_segment(call, 1, "x")
    shred_call(call=call, actor=None)
    shred_call(call=call, actor=None)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CALL_SHREDDED).count() == 1


def test_a_call_shredded_before_any_seal_refuses_later_seals() -> None:
    call = make_call()
    shred_call(call=call, actor=None)
    with pytest.raises(KeyShreddedError):
        add_segment(call, 1, "too late")


def test_re_wrap_leaves_a_shredded_call_shredded(django_capture_on_commit_callbacks: Any) -> None:
    kept, shredded = make_call(), make_call()
    kept_segment = add_segment(kept, 1, "kept")
    shredded_segment = add_segment(shredded, 1, "gone")
    shred_call(call=shredded, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        key_rotation_start(actor=None)
    assert DataKey.objects.get(call=kept).kek_version == 2
    row = DataKey.objects.get(call=shredded)
    assert row.wrapped is None and row.shredded_at is not None and row.kek_version == 1
    assert read_segment(kept_segment) == "kept"
    with pytest.raises(KeyShreddedError):
        read_segment(shredded_segment)
