"""Envelope encryption: pure functions over bytes, no Django, no database, no key storage.

Two layers, both AES-256-GCM with a fresh random 96-bit nonce per operation:

* a data key (DEK, 32 random bytes, one per call) is *wrapped* by a key-encryption key (KEK)
  version. The wrap's associated data binds the call id, the DEK id and the KEK version, so a
  wrapped DEK copied to another call, or relabelled with another version, fails to unwrap.
  Stored form: ``nonce(12) | ct(32) | tag(16)`` = 60 bytes.
* every sealed field is encrypted under its call's DEK. Stored form (46 bytes of overhead)::

      0x01 format | 0x01 alg (AES-256-GCM) | dek_id (16) | nonce (12) | ciphertext | tag (16)

  The 18-byte header is part of the associated data, together with the model label, the field
  name and the row id, so a ciphertext moved to another row or field, or with a rewritten header,
  fails to open. Payloads never carry a KEK version: rotating KEKs re-wraps 60-byte DEKs only.

Every failure to open or unwrap raises :class:`DecryptionError` (or a subclass). Nothing here
ever returns ciphertext, an empty string or ``None`` in place of plaintext, and no message or
repr contains key material.
"""

from __future__ import annotations

import os
import struct
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT_V1 = 0x01
ALG_AES_256_GCM = 0x01
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
DEK_ID_BYTES = 16
HEADER_BYTES = 2 + DEK_ID_BYTES
OVERHEAD_BYTES = HEADER_BYTES + NONCE_BYTES + TAG_BYTES
WRAPPED_DEK_BYTES = NONCE_BYTES + KEY_BYTES + TAG_BYTES

_PAYLOAD_DOMAIN = b"voiceguard.payload.v1"
_WRAP_DOMAIN = b"voiceguard.dek.v1"

Key = bytes | AESGCM


class EnvelopeError(Exception):
    """Base class for every error raised by the envelope layer."""


class DecryptionError(EnvelopeError):
    """A ciphertext or wrapped key could not be opened. Never carries plaintext or key material."""


class MalformedCiphertextError(DecryptionError):
    """The bytes are not a VoiceGuard ciphertext of a known format."""


class UnknownKeyVersionError(DecryptionError):
    """The KEK version a data key is wrapped with is not in the keyring (or was destroyed)."""

    def __init__(self, version: int, detail: str = "") -> None:
        self.version = version
        message = f"KEK version {version} is not available in the keyring"
        super().__init__(f"{message}: {detail}" if detail else message)


class KeyShreddedError(DecryptionError):
    """The call's data key was crypto-shredded: nothing sealed under it can be opened again."""


def new_dek() -> bytes:
    return os.urandom(KEY_BYTES)


def aead(key: Key) -> AESGCM:
    """An AES-256-GCM instance for ``key``; pass the instance around to avoid re-keying per call."""
    if isinstance(key, AESGCM):
        return key
    if len(key) != KEY_BYTES:
        raise EnvelopeError(f"keys must be {KEY_BYTES} bytes")
    return AESGCM(key)


def _canonical(*parts: bytes) -> bytes:
    # Length-prefixed, so ("ab", "c") and ("a", "bc") never produce the same associated data.
    return b"".join(struct.pack(">I", len(part)) + part for part in parts)


def payload_context(*, label: str, field: str, record_id: str) -> bytes:
    """Associated data naming the cell a ciphertext belongs to (model label, field, row id)."""
    return _canonical(_PAYLOAD_DOMAIN, label.encode(), field.encode(), record_id.encode())


def seal(*, dek: Key, dek_id: uuid.UUID, context: bytes, plaintext: bytes) -> bytes:
    header = bytes((FORMAT_V1, ALG_AES_256_GCM)) + dek_id.bytes
    nonce = os.urandom(NONCE_BYTES)
    return header + nonce + aead(dek).encrypt(nonce, plaintext, header + context)


def header_dek_id(ciphertext: bytes) -> uuid.UUID:
    """The DEK id a ciphertext names in its header (a hint for key lookup, authenticated on open)."""
    if len(ciphertext) < OVERHEAD_BYTES:
        raise MalformedCiphertextError(f"ciphertext is {len(ciphertext)} bytes, shorter than the {OVERHEAD_BYTES}-byte minimum")
    if ciphertext[0] != FORMAT_V1:
        raise MalformedCiphertextError(f"unknown ciphertext format 0x{ciphertext[0]:02x}")
    if ciphertext[1] != ALG_AES_256_GCM:
        raise MalformedCiphertextError(f"unknown ciphertext algorithm 0x{ciphertext[1]:02x}")
    return uuid.UUID(bytes=bytes(ciphertext[2:HEADER_BYTES]))


def open_sealed(*, dek: Key, dek_id: uuid.UUID, context: bytes, ciphertext: bytes) -> bytes:
    ciphertext = bytes(ciphertext)
    if header_dek_id(ciphertext) != dek_id:
        raise DecryptionError("ciphertext was sealed under a different data key")
    header = ciphertext[:HEADER_BYTES]
    nonce = ciphertext[HEADER_BYTES : HEADER_BYTES + NONCE_BYTES]
    try:
        return aead(dek).decrypt(nonce, ciphertext[HEADER_BYTES + NONCE_BYTES :], header + context)
    except InvalidTag:
        raise DecryptionError("ciphertext failed authentication: tampered, or not sealed for this row and field") from None


def wrap_context(*, call_id: str, dek_id: uuid.UUID, kek_version: int) -> bytes:
    return _canonical(_WRAP_DOMAIN, call_id.encode(), dek_id.bytes, str(kek_version).encode())


def wrap_dek(*, kek: Key, kek_version: int, call_id: str, dek_id: uuid.UUID, dek: bytes) -> bytes:
    if len(dek) != KEY_BYTES:
        raise EnvelopeError(f"data keys must be {KEY_BYTES} bytes")
    nonce = os.urandom(NONCE_BYTES)
    context = wrap_context(call_id=call_id, dek_id=dek_id, kek_version=kek_version)
    return nonce + aead(kek).encrypt(nonce, dek, context)


def unwrap_dek(*, kek: Key, kek_version: int, call_id: str, dek_id: uuid.UUID, wrapped: bytes) -> bytes:
    wrapped = bytes(wrapped)
    if len(wrapped) != WRAPPED_DEK_BYTES:
        raise MalformedCiphertextError(f"a wrapped data key is {WRAPPED_DEK_BYTES} bytes, not {len(wrapped)}")
    context = wrap_context(call_id=call_id, dek_id=dek_id, kek_version=kek_version)
    try:
        return aead(kek).decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], context)
    except InvalidTag:
        raise DecryptionError(
            f"data key {dek_id} does not unwrap under KEK version {kek_version}: wrong key, call or version, or tampered"
        ) from None


def rewrap_dek(
    *, old_kek: Key, old_version: int, new_kek: Key, new_version: int, call_id: str, dek_id: uuid.UUID, wrapped: bytes
) -> bytes:
    """Move a wrapped DEK from one KEK version to another; the plaintext DEK never leaves this call."""
    dek = unwrap_dek(kek=old_kek, kek_version=old_version, call_id=call_id, dek_id=dek_id, wrapped=wrapped)
    return wrap_dek(kek=new_kek, kek_version=new_version, call_id=call_id, dek_id=dek_id, dek=dek)
