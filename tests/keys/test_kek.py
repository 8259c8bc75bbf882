"""Key backends, the per-process keyring cache, and the start-up refusal."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from keys import kek
from keys.envelope import UnknownKeyVersionError


def _b64(n: int) -> str:
    return base64.b64encode(bytes([n]) * 32).decode()


def test_init_creates_a_private_keyring_once(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "keyring.json"
    assert kek.keyring_init(path) is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    before = path.read_bytes()
    assert kek.keyring_init(path) is False
    assert path.read_bytes() == before
    document = json.loads(before)
    assert list(document["keks"]) == ["1"] and document["format"] == 1


def test_it_refuses_a_missing_keyring_with_a_clear_message(settings: Any, tmp_path: Path) -> None:
    settings.VOICEGUARD_KEYRING_FILE = tmp_path / "absent.json"
    with pytest.raises(kek.KeyringMissingError, match="init_keys"):
        kek.keyring_require()


def test_a_serving_process_exits_with_one_line_without_a_keyring(settings: Any, tmp_path: Path, capsys: Any) -> None:
    settings.VOICEGUARD_KEYRING_FILE = tmp_path / "absent.json"
    with pytest.raises(SystemExit) as exited:
        kek.keyring_check_or_exit("the web server")
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("voiceguard: the web server cannot start: the keyring file")


def test_the_file_backend_adds_and_removes_versions(keyring_file: Path) -> None:
    assert kek.kek_versions() == (1,)
    assert kek.kek_create() == 2
    assert kek.kek_versions() == (1, 2)
    assert stat.S_IMODE(keyring_file.stat().st_mode) == 0o600
    assert kek.kek_discard(1) is True
    assert kek.kek_versions() == (2,)
    with pytest.raises(UnknownKeyVersionError, match="KEK version 1"):
        kek.kek(1)


def test_a_cached_keyring_is_reread_after_the_cache_time(settings: Any, keyring_file: Path) -> None:
    settings.VOICEGUARD_KEYRING_CACHE_SECONDS = 3600
    assert kek.kek_versions() == (1,)
    kek.FileBackend(keyring_file).add_version()  # another process rotates
    assert kek.kek_versions() == (1,), "within the cache time the process keeps its copy"
    assert kek.kek(2) is not None, "asking for an unknown version re-reads at once"
    settings.VOICEGUARD_KEYRING_CACHE_SECONDS = 0
    assert kek.kek_versions() == (1, 2)


def test_the_env_backend_reads_versions_and_secrets(settings: Any) -> None:
    settings.VOICEGUARD_KEY_BACKEND = "env"
    settings.VOICEGUARD_KEKS = f"3:{_b64(3)}, 2:{_b64(2)}"
    settings.VOICEGUARD_AUDIT_KEY = _b64(9)
    settings.VOICEGUARD_CALLER_HASH_KEY = _b64(8)
    assert kek.kek_versions() == (2, 3)
    assert kek.audit_key() == bytes([9]) * 32
    assert kek.caller_hash_key() == bytes([8]) * 32
    with pytest.raises(kek.KeyBackendReadOnlyError):
        kek.kek_create()
    assert kek.kek_discard(2) is False


def test_the_env_backend_rereads_its_file(settings: Any, tmp_path: Path, monkeypatch: Any) -> None:
    secret = tmp_path / "keks"
    secret.write_text(f"1:{_b64(1)}\n")
    monkeypatch.setenv("VOICEGUARD_KEKS_FILE", str(secret))
    settings.VOICEGUARD_KEY_BACKEND = "env"
    settings.VOICEGUARD_AUDIT_KEY = _b64(9)
    settings.VOICEGUARD_CALLER_HASH_KEY = _b64(8)
    assert kek.kek_versions() == (1,)
    secret.write_text(f"2:{_b64(2)},1:{_b64(1)}")
    assert kek.kek_versions() == (1, 2)


@pytest.mark.parametrize(
    ("keks", "message"),
    [
        ("", "VOICEGUARD_KEKS"),
        ("3", "VERSION:BASE64"),
        ("x:" + _b64(1), "positive integer"),
        ("1:" + _b64(1) + ",1:" + _b64(2), "twice"),
        ("1:c2hvcnQ=", "32 bytes"),
    ],
)
def test_the_env_backend_names_what_is_wrong_without_echoing_it(settings: Any, keks: str, message: str) -> None:
    settings.VOICEGUARD_KEY_BACKEND = "env"
    settings.VOICEGUARD_KEKS = keks
    settings.VOICEGUARD_AUDIT_KEY = _b64(9)
    settings.VOICEGUARD_CALLER_HASH_KEY = _b64(8)
    with pytest.raises(ImproperlyConfigured, match=message) as raised:
        kek.keyring_require()
    assert _b64(1) not in str(raised.value) and "c2hvcnQ=" not in str(raised.value)


def test_the_env_backend_requires_its_other_secrets(settings: Any) -> None:
    settings.VOICEGUARD_KEY_BACKEND = "env"
    settings.VOICEGUARD_KEKS = f"1:{_b64(1)}"
    settings.VOICEGUARD_AUDIT_KEY = ""
    with pytest.raises(kek.KeyringMissingError, match="VOICEGUARD_AUDIT_KEY"):
        kek.keyring_require()


class _InMemoryBackend(kek.KeyBackend):
    name = "memory"

    def load(self) -> kek.Keyring:
        return kek.Keyring(keks={5: bytes(32)}, audit_key=bytes(32), caller_hash_key=bytes(32))


def test_a_backend_can_be_named_by_dotted_path(settings: Any) -> None:
    settings.VOICEGUARD_KEY_BACKEND = f"{__name__}._InMemoryBackend"
    assert kek.kek_versions() == (5,)
    settings.VOICEGUARD_KEY_BACKEND = "vault"
    with pytest.raises(ImproperlyConfigured, match="VOICEGUARD_KEY_BACKEND"):
        kek.keyring_require()


def test_a_keyring_repr_names_versions_only(keyring_file: Path) -> None:
    ring = kek.keyring()
    document = json.loads(keyring_file.read_text())
    text = repr(ring) + str(ring)
    assert "versions=[1]" in text
    for secret in [document["keks"]["1"], document["audit_key"], document["caller_hash_key"]]:
        assert secret not in text and base64.b64decode(secret).hex() not in text


def test_the_keyring_file_is_never_left_half_written(keyring_file: Path) -> None:
    for _ in range(5):
        kek.kek_create()
    json.loads(keyring_file.read_text())
    assert not [p for p in keyring_file.parent.iterdir() if p.name.endswith(".tmp")]
