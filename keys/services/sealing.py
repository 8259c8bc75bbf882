"""Sealing and opening a call's fields, and crypto-shredding a call.

``seal_for`` is on the webhook's hot path, so after the first use of a call's data key it costs no
query: the unwrapped key sits in a small in-process cache (memory only, bounded in size and time,
never Django's cache or Redis, never logged). A key enters that cache only once the transaction
that created or read it has committed, so a rolled-back transaction can never leave behind a key
the database does not have.

``open_for`` always reads the call's ``DataKey`` row first (one indexed query), so a call shredded
by any process cannot be opened by another that still caches its key. Every failure raises
``keys.envelope.DecryptionError`` or a subclass; nothing ever returns ciphertext or an empty value.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from keys import envelope, kek
from keys.envelope import DecryptionError, KeyShreddedError, UnknownKeyVersionError
from keys.models import DataKey
from keys.services import state

if TYPE_CHECKING:
    from accounts.models import User
    from calls.models import Call


class _DekCache:
    """call id → (DEK id, AES-GCM instance), LRU-bounded, entries expire after a short TTL."""

    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple[uuid.UUID, AESGCM, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, call_id: str) -> tuple[uuid.UUID, AESGCM] | None:
        with self._lock:
            entry = self._entries.get(call_id)
            if entry is None:
                return None
            if time.monotonic() - entry[2] >= settings.VOICEGUARD_DEK_CACHE_SECONDS:
                del self._entries[call_id]
                return None
            self._entries.move_to_end(call_id)
            return entry[0], entry[1]

    def put(self, call_id: str, dek_id: uuid.UUID, aead: AESGCM) -> None:
        if settings.VOICEGUARD_DEK_CACHE_SECONDS <= 0:
            return
        with self._lock:
            self._entries[call_id] = (dek_id, aead, time.monotonic())
            self._entries.move_to_end(call_id)
            while len(self._entries) > settings.VOICEGUARD_DEK_CACHE_SIZE:
                self._entries.popitem(last=False)

    def drop(self, call_id: str) -> None:
        with self._lock:
            self._entries.pop(call_id, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __repr__(self) -> str:
        return f"<DEK cache, {len(self._entries)} entries>"


dek_cache = _DekCache()


def key_caches_clear() -> None:
    """Forget every cached keyring, key-version state and data key in this process."""
    dek_cache.clear()
    state.forget()
    kek.keyring_forget()


def seal_for(*, call: Call, record: models.Model, field: str, plaintext: bytes) -> bytes:
    """Encrypt ``plaintext`` for ``record.<field>`` under ``call``'s data key (created on first use).

    ``record.pk`` must already be set (UUIDs assigned in Python), so seal before the INSERT. When
    the call itself is not saved yet, seal inside ``transaction.atomic()`` and save it there.
    """
    if not isinstance(plaintext, bytes):
        raise TypeError("seal_for takes bytes; encode text first")
    context = _context(record, field)
    dek_id, aead = _sealing_key(call)
    return envelope.seal(dek=aead, dek_id=dek_id, context=context, plaintext=plaintext)


def open_for(*, call: Call, record: models.Model, field: str, ciphertext: bytes) -> bytes:
    """Decrypt a value sealed by ``seal_for`` for this exact record and field, or raise DecryptionError."""
    if not ciphertext:
        raise envelope.MalformedCiphertextError("there is no ciphertext to open")
    ciphertext = bytes(ciphertext)
    context = _context(record, field)
    dek_id = envelope.header_dek_id(ciphertext)
    row = DataKey.objects.filter(call_id=call.pk).order_by().first()
    if row is None:
        raise DecryptionError(f"call {call.pk} has no data key")
    if row.shredded_at is not None:
        raise KeyShreddedError(f"the data key of call {call.pk} was shredded")
    if dek_id == row.id:
        aead = _current_key(row)
    elif dek_id == row.previous_id and row.previous_wrapped is not None and row.previous_kek_version is not None:
        aead = unwrap(call_id=str(row.call_id), dek_id=dek_id, version=row.previous_kek_version, wrapped=row.previous_wrapped)
    else:
        raise DecryptionError("ciphertext was sealed under a data key this call does not have")
    return envelope.open_sealed(dek=aead, dek_id=dek_id, context=context, ciphertext=ciphertext)


def shred_call(*, call: Call, actor: User | None) -> None:
    """Overwrite and null the call's wrapped data key; nothing sealed for the call opens again."""
    now = timezone.now()
    with transaction.atomic():
        row = DataKey.objects.select_for_update().filter(call_id=call.pk).first()
        if row is not None and row.shredded_at is not None:
            return
        if row is None:
            # Nothing sealed yet: leave a shredded placeholder so no later seal can create a key.
            row = DataKey.objects.create(call_id=call.pk, wrapped=None, kek_version=0, shredded_at=now)
        else:
            noise = os.urandom(envelope.WRAPPED_DEK_BYTES)
            DataKey.objects.filter(pk=row.pk).update(wrapped=noise, previous_wrapped=noise if row.previous_wrapped else None)
            DataKey.objects.filter(pk=row.pk).update(wrapped=None, previous_wrapped=None, previous_id=None, shredded_at=now)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CALL_SHREDDED,
            target=call,
            extra={"data_key": str(row.id), "kek_version": row.kek_version},
        )
    dek_cache.drop(str(call.pk))


def data_keys_shred(*, call_ids: Sequence[Any], batch: Any = None) -> int:
    """Shred the data keys of many calls in one statement, for purge and erasure.

    The caller holds the calls' locks and writes one audit event for the whole batch (``shred_call``
    writes one per call, which a purge of 100,000 calls does not want). ``batch`` is an optional
    database-friendly form of ``call_ids`` (e.g. one array parameter on PostgreSQL).
    """
    now = timezone.now()
    shredded = DataKey.objects.filter(call_id__in=call_ids if batch is None else batch, shredded_at__isnull=True).update(
        wrapped=None, previous_wrapped=None, previous_id=None, shredded_at=now
    )
    call_pks = [str(pk) for pk in call_ids]

    def _forget() -> None:
        for pk in call_pks:
            dek_cache.drop(pk)

    transaction.on_commit(_forget)
    return shredded


def unwrap(*, call_id: str, dek_id: uuid.UUID, version: int, wrapped: bytes | memoryview | None) -> AESGCM:
    if wrapped is None:
        raise KeyShreddedError(f"the data key of call {call_id} was shredded")
    if state.is_destroyed(version):
        raise UnknownKeyVersionError(version, "it was destroyed")
    dek = envelope.unwrap_dek(kek=kek.kek(version), kek_version=version, call_id=call_id, dek_id=dek_id, wrapped=bytes(wrapped))
    return AESGCM(dek)


def _context(record: models.Model, field: str) -> bytes:
    if record.pk is None:
        raise ValueError("the record needs its primary key before sealing (assign the UUID in Python)")
    record._meta.get_field(field)  # FieldDoesNotExist on a typo, before anything is sealed
    return envelope.payload_context(label=record._meta.label_lower, field=field, record_id=str(record.pk))


def _sealing_key(call: Call) -> tuple[uuid.UUID, AESGCM]:
    call_id = str(call.pk)
    cached = dek_cache.get(call_id)
    if cached is not None:
        return cached
    row = DataKey.objects.filter(call_id=call.pk).first()
    if row is None:
        return _create_key(call)
    if row.shredded_at is not None:
        raise KeyShreddedError(f"the data key of call {call.pk} was shredded; nothing more can be sealed for it")
    return row.id, _current_key(row)


def _current_key(row: DataKey) -> AESGCM:
    call_id = str(row.call_id)
    cached = dek_cache.get(call_id)
    if cached is not None and cached[0] == row.id:
        return cached[1]
    if row.wrapped is None:
        raise KeyShreddedError(f"the data key of call {row.call_id} was shredded")
    aead = unwrap(call_id=call_id, dek_id=row.id, version=row.kek_version, wrapped=row.wrapped)
    _cache_after_commit(call_id, row.id, aead)
    return aead


def _create_key(call: Call) -> tuple[uuid.UUID, AESGCM]:
    call_id = str(call.pk)
    version = state.primary_version()
    dek, dek_id = envelope.new_dek(), uuid.uuid4()
    wrapped = envelope.wrap_dek(kek=kek.kek(version), kek_version=version, call_id=call_id, dek_id=dek_id, dek=dek)
    state.count_wrap(version)
    try:
        with transaction.atomic():
            DataKey.objects.create(id=dek_id, call_id=call.pk, wrapped=wrapped, kek_version=version)
    except IntegrityError:
        # Another request created this call's key first; use theirs.
        row = DataKey.objects.filter(call_id=call.pk).first()
        if row is None:
            raise ValueError(
                "the call must be saved before its first seal, or the seal and the save must share transaction.atomic()"
            ) from None
        if row.shredded_at is not None:
            raise KeyShreddedError(f"the data key of call {call.pk} was shredded") from None
        return row.id, _current_key(row)
    aead = AESGCM(dek)
    _cache_after_commit(call_id, dek_id, aead)
    return dek_id, aead


def _cache_after_commit(call_id: str, dek_id: uuid.UUID, aead: AESGCM) -> None:
    transaction.on_commit(lambda: dek_cache.put(call_id, dek_id, aead))
