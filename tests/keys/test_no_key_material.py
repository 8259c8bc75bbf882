"""No key material in the database, the logs, exception messages or reprs."""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from keys import kek
from keys.envelope import DecryptionError
from keys.models import DataKey
from keys.services import key_rotation_start, shred_call
from keys.services.sealing import dek_cache, unwrap
from tests.keys.conftest import add_segment, make_call, read_segment

pytestmark = pytest.mark.django_db


def _forms(raw: bytes) -> list[bytes]:
    return [raw, raw.hex().encode(), raw.hex().upper().encode(), base64.b64encode(raw), base64.urlsafe_b64encode(raw)]


def _database_dump() -> bytes:
    dump = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")
            for row in cursor.fetchall():
                for value in row:
                    dump.append(bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode())
    return b"\n".join(dump)


def test_no_key_appears_in_the_database_logs_or_errors(
    keyring_file: Path, caplog: Any, django_capture_on_commit_callbacks: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    calls = [make_call() for _ in range(3)]
    segments = [add_segment(call, 1, "x") for call in calls]
    with django_capture_on_commit_callbacks(execute=True):
        key_rotation_start(actor=None)
    shred_call(call=calls[2], actor=None)
    messages = []
    for attempt in (lambda: read_segment(segments[2]), lambda: DataKey.objects.filter(call=calls[0]).update(kek_version=9)):
        try:
            attempt()
        except DecryptionError as exc:
            messages.append(str(exc) + repr(exc))
    try:
        read_segment(segments[0])
    except DecryptionError as exc:
        messages.append(str(exc) + repr(exc))
    assert len(messages) == 2

    document = json.loads(keyring_file.read_text())
    secrets = [base64.b64decode(v) for v in document["keks"].values()]
    secrets += [base64.b64decode(document["audit_key"]), base64.b64decode(document["caller_hash_key"])]
    row = DataKey.objects.get(call=calls[1])
    secrets.append(_raw_dek(row))
    assert len(secrets) == 5

    dump = _database_dump()
    assert len(dump) > 1000, "the dump really read the tables"
    text = (caplog.text + "".join(messages) + repr(kek.keyring()) + repr(dek_cache) + repr(row)).encode()
    for secret in secrets:
        for form in _forms(secret):
            assert form not in dump
            assert form not in text


def _raw_dek(row: DataKey) -> bytes:
    from keys import envelope

    return envelope.unwrap_dek(
        kek=kek.kek(row.kek_version),
        kek_version=row.kek_version,
        call_id=str(row.call_id),
        dek_id=row.id,
        wrapped=bytes(row.wrapped),
    )


def test_unwrapped_keys_do_not_show_in_reprs() -> None:
    call = make_call()
    add_segment(call, 1, "x")
    row = DataKey.objects.get(call=call)
    aead = unwrap(call_id=str(call.pk), dek_id=row.id, version=row.kek_version, wrapped=row.wrapped)
    assert _raw_dek(row).hex() not in repr(aead) and _raw_dek(row).hex() not in str(vars(type(aead)))
