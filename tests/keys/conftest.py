"""Each keys test gets its own keyring file and cold in-process caches."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from keys.kek import keyring_init
from keys.services import key_caches_clear


@pytest.fixture(autouse=True)
def keyring_file(settings: Any, tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "keyring.json"
    keyring_init(path)
    settings.VOICEGUARD_KEY_BACKEND = "file"
    settings.VOICEGUARD_KEYRING_FILE = path
    settings.VOICEGUARD_KEYRING_CACHE_SECONDS = 0
    key_caches_clear()
    yield path
    key_caches_clear()


def make_call(**fields: Any) -> Any:
    from calls.models import Call

    return Call.objects.create(vapi_call_id=fields.pop("vapi_call_id", f"call-{uuid.uuid4()}"), **fields)


def add_segment(call: Any, sequence: int, text: str) -> Any:
    from calls.models import TranscriptSegment
    from keys.services import seal_for

    segment = TranscriptSegment(call=call, sequence=sequence, role=TranscriptSegment.Role.USER)
    segment.text_sealed = seal_for(call=call, record=segment, field="text_sealed", plaintext=text.encode())
    segment.save()
    return segment


def read_segment(segment: Any) -> str:
    from calls.models import TranscriptSegment
    from keys.services import open_for

    fresh = TranscriptSegment.objects.select_related("call").get(pk=segment.pk)
    return open_for(call=fresh.call, record=fresh, field="text_sealed", ciphertext=fresh.text_sealed).decode()
