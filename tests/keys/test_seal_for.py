"""seal_for / open_for on real rows: binding to row and field, failing closed, the hot-path cache."""

from __future__ import annotations

from typing import Any

import pytest

from audit.models import AuditEvent
from calls.models import TranscriptSegment
from keys.envelope import DecryptionError, MalformedCiphertextError, UnknownKeyVersionError
from keys.models import DataKey, KeyVersion
from keys.services import open_for, seal_for
from tests.keys.conftest import add_segment, make_call, read_segment

pytestmark = pytest.mark.django_db


def test_it_round_trips_segments_and_call_fields() -> None:
    call = make_call()
    segment = add_segment(call, 1, "my card is [CREDIT_CARD]")
    call.summary_sealed = seal_for(call=call, record=call, field="summary_sealed", plaintext=b"summary")
    call.save()
    assert read_segment(segment) == "my card is [CREDIT_CARD]"
    assert open_for(call=call, record=call, field="summary_sealed", ciphertext=call.summary_sealed) == b"summary"


def test_the_first_seal_registers_the_keyring_and_creates_one_key_per_call() -> None:
    call = make_call()
    add_segment(call, 1, "a")
    add_segment(call, 2, "b")
    assert DataKey.objects.filter(call=call).count() == 1
    assert list(KeyVersion.objects.values_list("version", "state")) == [(1, "primary")]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.KEYRING_INITIALIZED).count() == 1
    assert KeyVersion.objects.get(version=1).wrap_count >= 1


def test_a_ciphertext_moved_to_another_row_fails_to_open() -> None:
    call = make_call()
    first, second = add_segment(call, 1, "first"), add_segment(call, 2, "second")
    TranscriptSegment.objects.filter(pk=second.pk).update(text_sealed=first.text_sealed)
    with pytest.raises(DecryptionError):
        read_segment(second)


def test_a_ciphertext_moved_to_another_call_fails_to_open() -> None:
    source, target = make_call(), make_call()
    segment = add_segment(source, 1, "first")
    other = add_segment(target, 1, "other")
    TranscriptSegment.objects.filter(pk=other.pk).update(text_sealed=segment.text_sealed)
    with pytest.raises(DecryptionError, match="data key this call does not have"):
        read_segment(other)


def test_a_ciphertext_moved_to_another_field_fails_to_open() -> None:
    call = make_call()
    call.summary_sealed = seal_for(call=call, record=call, field="summary_sealed", plaintext=b"summary")
    with pytest.raises(DecryptionError):
        open_for(call=call, record=call, field="transcript_sealed", ciphertext=call.summary_sealed)


def test_a_tampered_byte_fails_to_open() -> None:
    call = make_call()
    segment = add_segment(call, 1, "hello")
    tampered = bytearray(segment.text_sealed)
    tampered[-1] ^= 0x80
    TranscriptSegment.objects.filter(pk=segment.pk).update(text_sealed=bytes(tampered))
    with pytest.raises(DecryptionError):
        read_segment(segment)


def test_an_unknown_kek_version_gives_a_clear_error_naming_it() -> None:
    call = make_call()
    segment = add_segment(call, 1, "hello")
    DataKey.objects.filter(call=call).update(kek_version=42)
    with pytest.raises(UnknownKeyVersionError, match="KEK version 42"):
        read_segment(segment)


@pytest.mark.parametrize("value", [b"", None, b"plain text, not sealed at all, long enough to pass a length check"])
def test_it_never_returns_ciphertext_or_empty_as_a_value(value: Any) -> None:
    call = make_call()
    add_segment(call, 1, "so the call has a key")
    with pytest.raises(MalformedCiphertextError):
        open_for(call=call, record=call, field="summary_sealed", ciphertext=value)


def test_it_refuses_to_seal_without_a_row_id_or_for_an_unknown_field() -> None:
    call = make_call()
    with pytest.raises(ValueError, match="primary key"):
        seal_for(call=call, record=TranscriptSegment(call=call, id=None), field="text_sealed", plaintext=b"x")
    from django.core.exceptions import FieldDoesNotExist

    with pytest.raises(FieldDoesNotExist):
        seal_for(call=call, record=call, field="summary", plaintext=b"x")
    with pytest.raises(TypeError):
        seal_for(call=call, record=call, field="summary_sealed", plaintext="text")  # type: ignore[arg-type]


def test_an_unsaved_call_can_be_sealed_inside_its_transaction() -> None:
    from django.db import transaction

    from calls.models import Call

    with transaction.atomic():
        call = Call(vapi_call_id="seal-before-insert")
        call.summary_sealed = seal_for(call=call, record=call, field="summary_sealed", plaintext=b"early")
        call.save()
    fresh = Call.objects.get(pk=call.pk)
    assert open_for(call=fresh, record=fresh, field="summary_sealed", ciphertext=fresh.summary_sealed) == b"early"


def test_after_commit_sealing_costs_no_query(
    settings: Any, django_assert_num_queries: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.VOICEGUARD_DEK_CACHE_SECONDS = 30
    call = make_call()
    with django_capture_on_commit_callbacks(execute=True):
        add_segment(call, 1, "first")
    segment = TranscriptSegment(call=call, sequence=2, role="user")
    with django_assert_num_queries(0):
        ciphertext = seal_for(call=call, record=segment, field="text_sealed", plaintext=b"second")
    segment.text_sealed = ciphertext
    segment.save()
    assert read_segment(segment) == "second"


def test_a_key_is_not_cached_from_a_transaction_that_rolled_back(settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    from django.db import transaction

    from keys.services.sealing import dek_cache

    settings.VOICEGUARD_DEK_CACHE_SECONDS = 30
    call = make_call()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                add_segment(call, 1, "rolled back")
                raise RuntimeError("webhook failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert dek_cache.get(str(call.pk)) is None
    assert not DataKey.objects.filter(call=call).exists()
