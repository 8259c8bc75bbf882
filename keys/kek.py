"""The only module that touches key material kept outside the database.

The keyring holds the key-encryption keys (KEKs) by version, the audit MAC key and the key that
hashes callers' numbers. On the ``file`` backend it is a JSON file (``VOICEGUARD_KEYRING_FILE``,
mode 0600, written atomically) that ``manage.py init_keys`` creates; the application never creates
keys on its own. ``VOICEGUARD_AUDIT_KEY`` / ``VOICEGUARD_CALLER_HASH_KEY`` (base64, or ``_FILE``)
override the file's copies.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEYRING_FORMAT = 1
KEY_BYTES = 32


class KeyringMissingError(ImproperlyConfigured):
    pass


def keyring_init(path: Path | None = None) -> bool:
    """Create the keyring file with fresh keys if it does not exist. Returns whether it created one."""
    path = Path(path or settings.VOICEGUARD_KEYRING_FILE)
    if path.exists():
        return False
    document = {
        "format": KEYRING_FORMAT,
        "keks": {"1": _b64(secrets.token_bytes(KEY_BYTES))},
        "audit_key": _b64(secrets.token_bytes(KEY_BYTES)),
        "caller_hash_key": _b64(secrets.token_bytes(KEY_BYTES)),
    }
    _write_atomically(path, document)
    return True


def audit_key() -> bytes:
    return _secret("VOICEGUARD_AUDIT_KEY", "audit_key")


def caller_hash_key() -> bytes:
    return _secret("VOICEGUARD_CALLER_HASH_KEY", "caller_hash_key")


def _secret(setting: str, field: str) -> bytes:
    override = getattr(settings, setting, "")
    if override:
        return _decode_key(override, setting)
    return _decode_key(_read_keyring().get(field, ""), f"{field} in the keyring file")


def _read_keyring() -> dict[str, Any]:
    path = Path(settings.VOICEGUARD_KEYRING_FILE)
    try:
        with open(path, encoding="utf-8") as fh:
            document: dict[str, Any] = json.load(fh)
    except FileNotFoundError:
        raise KeyringMissingError(
            f"the keyring file {path} does not exist: run `python manage.py init_keys` (or set VOICEGUARD_KEYRING_FILE)"
        ) from None
    except (OSError, ValueError):
        raise ImproperlyConfigured(f"the keyring file {path} cannot be read as a VoiceGuard keyring") from None
    if document.get("format") != KEYRING_FORMAT:
        raise ImproperlyConfigured(f"the keyring file {path} has an unknown format")
    return document


def _decode_key(value: str, name: str) -> bytes:
    try:
        key = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise ImproperlyConfigured(f"{name} must be {KEY_BYTES} bytes, base64-encoded")
    return key


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _write_atomically(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".keyring-", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(document, fh, indent=2, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
