"""The pure envelope layer: no database, no Django."""

from __future__ import annotations

import ast
import uuid
from pathlib import Path

import pytest

from keys import envelope
from keys.envelope import DecryptionError, MalformedCiphertextError, UnknownKeyVersionError

CONTEXT = envelope.payload_context(label="calls.transcriptsegment", field="text_sealed", record_id=str(uuid.uuid4()))


def _sealed(plaintext: bytes = b"caller said [REDACTED]") -> tuple[bytes, uuid.UUID, bytes]:
    dek, dek_id = envelope.new_dek(), uuid.uuid4()
    return dek, dek_id, envelope.seal(dek=dek, dek_id=dek_id, context=CONTEXT, plaintext=plaintext)


def test_it_round_trips_a_value() -> None:
    dek, dek_id, ct = _sealed()
    assert envelope.open_sealed(dek=dek, dek_id=dek_id, context=CONTEXT, ciphertext=ct) == b"caller said [REDACTED]"


def test_it_writes_the_documented_header_and_overhead() -> None:
    _, dek_id, ct = _sealed(b"x" * 100)
    assert ct[0] == 0x01 and ct[1] == 0x01
    assert ct[2:18] == dek_id.bytes
    assert len(ct) == 100 + 46
    assert envelope.header_dek_id(ct) == dek_id


def test_it_uses_a_fresh_nonce_each_time() -> None:
    dek, dek_id = envelope.new_dek(), uuid.uuid4()
    a = envelope.seal(dek=dek, dek_id=dek_id, context=CONTEXT, plaintext=b"same")
    b = envelope.seal(dek=dek, dek_id=dek_id, context=CONTEXT, plaintext=b"same")
    assert a[18:30] != b[18:30] and a != b


@pytest.mark.parametrize(
    "context",
    [
        envelope.payload_context(label="calls.transcriptsegment", field="text_sealed", record_id=str(uuid.uuid4())),
        envelope.payload_context(label="calls.call", field="summary_sealed", record_id=str(uuid.uuid4())),
    ],
    ids=["another row", "another field"],
)
def test_it_refuses_a_ciphertext_moved_elsewhere(context: bytes) -> None:
    dek, dek_id, ct = _sealed()
    with pytest.raises(DecryptionError):
        envelope.open_sealed(dek=dek, dek_id=dek_id, context=context, ciphertext=ct)


def test_it_refuses_every_tampered_byte() -> None:
    dek, dek_id, ct = _sealed(b"0123456789")
    for position in range(len(ct)):
        tampered = bytearray(ct)
        tampered[position] ^= 0x01
        with pytest.raises(DecryptionError):
            envelope.open_sealed(dek=dek, dek_id=dek_id, context=CONTEXT, ciphertext=bytes(tampered))


def test_it_refuses_a_header_rewritten_to_another_key() -> None:
    dek, _, ct = _sealed()
    other_id = uuid.uuid4()
    rewritten = ct[:2] + other_id.bytes + ct[18:]
    with pytest.raises(DecryptionError):
        envelope.open_sealed(dek=dek, dek_id=other_id, context=CONTEXT, ciphertext=rewritten)


@pytest.mark.parametrize("junk", [b"", b"\x01\x01short", b"\x02" + b"\x01" * 60, b"\x01\x09" + b"\x00" * 60])
def test_it_says_what_is_wrong_with_malformed_bytes(junk: bytes) -> None:
    with pytest.raises(MalformedCiphertextError):
        envelope.open_sealed(dek=envelope.new_dek(), dek_id=uuid.uuid4(), context=CONTEXT, ciphertext=junk)


def test_a_wrapped_key_is_bound_to_call_key_id_and_version() -> None:
    kek, dek, dek_id = envelope.new_dek(), envelope.new_dek(), uuid.uuid4()
    wrapped = envelope.wrap_dek(kek=kek, kek_version=3, call_id="call-a", dek_id=dek_id, dek=dek)
    assert len(wrapped) == envelope.WRAPPED_DEK_BYTES
    assert envelope.unwrap_dek(kek=kek, kek_version=3, call_id="call-a", dek_id=dek_id, wrapped=wrapped) == dek
    for kwargs in ({"kek_version": 4}, {"call_id": "call-b"}, {"dek_id": uuid.uuid4()}):
        args = {"kek": kek, "kek_version": 3, "call_id": "call-a", "dek_id": dek_id, "wrapped": wrapped} | kwargs
        with pytest.raises(DecryptionError):
            envelope.unwrap_dek(**args)  # type: ignore[arg-type]


def test_rewrap_moves_a_key_between_versions_without_changing_it() -> None:
    old, new, dek, dek_id = envelope.new_dek(), envelope.new_dek(), envelope.new_dek(), uuid.uuid4()
    wrapped = envelope.wrap_dek(kek=old, kek_version=1, call_id="c", dek_id=dek_id, dek=dek)
    moved = envelope.rewrap_dek(
        old_kek=old, old_version=1, new_kek=new, new_version=2, call_id="c", dek_id=dek_id, wrapped=wrapped
    )
    assert envelope.unwrap_dek(kek=new, kek_version=2, call_id="c", dek_id=dek_id, wrapped=moved) == dek


def test_an_unknown_version_error_names_the_version() -> None:
    assert "KEK version 7" in str(UnknownKeyVersionError(7))
    assert isinstance(UnknownKeyVersionError(7), DecryptionError)


def test_error_messages_never_carry_key_or_plaintext() -> None:
    dek, dek_id, ct = _sealed(b"secret-plaintext")
    try:
        envelope.open_sealed(dek=envelope.new_dek(), dek_id=dek_id, context=CONTEXT, ciphertext=ct)
    except DecryptionError as exc:
        message = str(exc)
    assert dek.hex() not in message and "secret-plaintext" not in message


def test_the_envelope_module_imports_no_django() -> None:
    source = Path(envelope.__file__).read_text()
    imported: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            imported.append(node.module or "")
    assert imported, "the parser found no imports at all"
    assert not [name for name in imported if name.split(".")[0] in {"django", "keys", "calls", "audit"}]
