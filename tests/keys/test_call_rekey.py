"""Full re-key: a new data key, every sealed field of the call re-encrypted, stragglers re-sealed."""

from __future__ import annotations

from typing import Any

import pytest

from audit.models import AuditEvent
from calls.models import Call, TranscriptSegment
from keys import envelope
from keys.envelope import KeyShreddedError
from keys.models import DataKey
from keys.services import call_rekey, call_rekey_finish, open_for, seal_for, shred_call
from tests.keys.conftest import add_segment, make_call, read_segment

pytestmark = pytest.mark.django_db


def test_it_re_encrypts_every_sealed_field_under_a_new_key() -> None:
    call = make_call()
    segments = [add_segment(call, i, f"text {i}") for i in range(3)]
    call.summary_sealed = seal_for(call=call, record=call, field="summary_sealed", plaintext=b"summary")
    call.save()
    old_id = DataKey.objects.get(call=call).id
    result = call_rekey(call_id=call.pk, actor=None)
    row = DataKey.objects.get(call=call)
    assert result.fields_resealed == 4 and row.id != old_id and str(row.id) == result.new_data_key
    for segment in TranscriptSegment.objects.filter(call=call):
        assert envelope.header_dek_id(bytes(segment.text_sealed)) == row.id
    assert [read_segment(s) for s in segments] == ["text 0", "text 1", "text 2"]
    fresh = Call.objects.get(pk=call.pk)
    assert open_for(call=fresh, record=fresh, field="summary_sealed", ciphertext=fresh.summary_sealed) == b"summary"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CALL_REKEYED, target_id=str(call.pk)).count() == 1


def test_a_field_sealed_with_the_old_cached_key_is_re_sealed_then_the_old_key_goes() -> None:
    call = make_call()
    first = add_segment(call, 1, "first")
    row = DataKey.objects.get(call=call)
    from keys.services.sealing import unwrap

    old_key = unwrap(call_id=str(call.pk), dek_id=row.id, version=row.kek_version, wrapped=row.wrapped)
    call_rekey(call_id=call.pk, actor=None)
    # Another process, still caching the old key, stores a segment after the re-key committed.
    late = TranscriptSegment(call=call, sequence=2, role="user")
    context = envelope.payload_context(label="calls.transcriptsegment", field="text_sealed", record_id=str(late.pk))
    late.text_sealed = envelope.seal(dek=old_key, dek_id=row.id, context=context, plaintext=b"late")
    late.save()
    assert read_segment(late) == "late", "within the grace period the old key still opens"
    assert call_rekey_finish(call_id=call.pk) == 1
    current = DataKey.objects.get(call=call)
    assert current.previous_id is None and current.previous_wrapped is None
    assert [read_segment(first), read_segment(late)] == ["first", "late"]
    assert envelope.header_dek_id(bytes(TranscriptSegment.objects.get(pk=late.pk).text_sealed)) == current.id


def test_the_task_runs_the_re_key_and_its_finish(django_capture_on_commit_callbacks: Any) -> None:
    from keys.tasks import call_rekey as task

    call = make_call()
    segment = add_segment(call, 1, "x")
    with django_capture_on_commit_callbacks(execute=True):
        assert task.delay(str(call.pk)).get() == 1
    assert DataKey.objects.get(call=call).previous_id is None
    assert read_segment(segment) == "x"


def test_a_shredded_call_cannot_be_re_keyed() -> None:
    call = make_call()
    add_segment(call, 1, "x")
    shred_call(call=call, actor=None)
    with pytest.raises(KeyShreddedError):
        call_rekey(call_id=call.pk, actor=None)
