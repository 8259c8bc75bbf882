"""The only module that touches key material kept outside the database.

The keyring holds the key-encryption keys (KEKs) by version, the audit MAC key and the key that
hashes callers' numbers; the last two never rotate with the KEKs. It comes from a *backend*:

* ``file`` (the embedded default): a JSON keyring at ``VOICEGUARD_KEYRING_FILE``, mode 0600,
  written atomically under a file lock. ``manage.py init_keys`` creates it; ``rotate_keys`` adds
  versions and ``--destroy`` removes one. The application never creates keys on its own.
* ``env``: read-only, ``VOICEGUARD_KEKS="3:<base64>,2:<base64>"`` plus ``VOICEGUARD_AUDIT_KEY``
  and ``VOICEGUARD_CALLER_HASH_KEY``. With ``VOICEGUARD_KEKS_FILE`` the file is re-read on every
  refresh, so a mounted secret that gains a version is picked up without a restart.
* any other value is the dotted path of a :class:`KeyBackend` subclass (an HSM over PKCS#11, a
  KMS): callers only ever use the functions below.

Each process caches the keyring for ``VOICEGUARD_KEYRING_CACHE_SECONDS`` and re-reads it after
that (or at once when asked for a version it does not know), so workers pick up new versions
without a restart. Key material never appears in a repr, a log line or an exception message.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import fcntl
import json
import os
import secrets
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from keys.envelope import UnknownKeyVersionError

KEYRING_FORMAT = 1
KEY_BYTES = 32


class KeyringMissingError(ImproperlyConfigured):
    """The configured keyring does not exist (or the backend's variables are unset)."""


class KeyBackendReadOnlyError(ImproperlyConfigured):
    """The backend cannot create or remove key versions; the operator manages them."""


class Keyring:
    """Loaded key material. Its repr names versions only."""

    __slots__ = ("_aeads", "audit_key", "caller_hash_key", "loaded_at")

    def __init__(self, *, keks: Mapping[int, bytes], audit_key: bytes, caller_hash_key: bytes) -> None:
        self._aeads = {version: AESGCM(material) for version, material in keks.items()}
        self.audit_key = audit_key
        self.caller_hash_key = caller_hash_key
        self.loaded_at = time.monotonic()

    @property
    def versions(self) -> tuple[int, ...]:
        return tuple(sorted(self._aeads))

    def has(self, version: int) -> bool:
        return version in self._aeads

    def kek(self, version: int) -> AESGCM:
        try:
            return self._aeads[version]
        except KeyError:
            raise UnknownKeyVersionError(version) from None

    def __repr__(self) -> str:
        return f"<Keyring versions={list(self.versions)}>"


class KeyBackend:
    """Where the keyring lives. Subclass it for an HSM or a KMS and name it in VOICEGUARD_KEY_BACKEND."""

    name = "abstract"
    writable = False

    def describe(self) -> str:
        return self.name

    def load(self) -> Keyring:
        raise NotImplementedError

    def initialize(self) -> bool:
        raise KeyBackendReadOnlyError(f"the {self.name} key backend is managed outside VoiceGuard; nothing to create")

    def add_version(self) -> int:
        raise KeyBackendReadOnlyError(
            f"the {self.name} key backend is read-only: add the new KEK version there, then run rotate_keys to register it"
        )

    def remove_version(self, version: int) -> bool:
        """Delete a version's material. Returns False when the backend cannot (the operator must)."""
        return False


class FileBackend(KeyBackend):
    name = "file"
    writable = True

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path or settings.VOICEGUARD_KEYRING_FILE)

    def describe(self) -> str:
        return f"file {self.path}"

    def load(self) -> Keyring:
        document = self._read()
        keks: dict[int, bytes] = {}
        for version, encoded in document.get("keks", {}).items():
            keks[_version_number(version, f"the keyring file {self.path}")] = _decode_key(
                encoded, f"KEK version {version} in the keyring file"
            )
        if not keks:
            raise ImproperlyConfigured(f"the keyring file {self.path} holds no KEK version")
        audit = _override("VOICEGUARD_AUDIT_KEY") or _decode_key(document.get("audit_key", ""), "audit_key in the keyring")
        caller = _override("VOICEGUARD_CALLER_HASH_KEY") or _decode_key(
            document.get("caller_hash_key", ""), "caller_hash_key in the keyring"
        )
        return Keyring(keks=keks, audit_key=audit, caller_hash_key=caller)

    def initialize(self) -> bool:
        with self._locked():
            if self.path.exists():
                return False
            document = {
                "format": KEYRING_FORMAT,
                "keks": {"1": _b64(secrets.token_bytes(KEY_BYTES))},
                "audit_key": _b64(secrets.token_bytes(KEY_BYTES)),
                "caller_hash_key": _b64(secrets.token_bytes(KEY_BYTES)),
            }
            _write_atomically(self.path, document)
            return True

    def add_version(self) -> int:
        with self._locked():
            document = self._read()
            version = max((int(v) for v in document["keks"]), default=0) + 1
            document["keks"][str(version)] = _b64(secrets.token_bytes(KEY_BYTES))
            _write_atomically(self.path, document)
            return version

    def remove_version(self, version: int) -> bool:
        with self._locked():
            document = self._read()
            document["keks"].pop(str(version), None)
            _write_atomically(self.path, document)
            return True

    def _read(self) -> dict[str, Any]:
        try:
            with open(self.path, encoding="utf-8") as fh:
                document: dict[str, Any] = json.load(fh)
        except FileNotFoundError:
            raise KeyringMissingError(
                f"the keyring file {self.path} does not exist: run `python manage.py init_keys` (or set VOICEGUARD_KEYRING_FILE)"
            ) from None
        except (OSError, ValueError):
            raise ImproperlyConfigured(f"the keyring file {self.path} cannot be read as a VoiceGuard keyring") from None
        if (
            not isinstance(document, dict)
            or document.get("format") != KEYRING_FORMAT
            or not isinstance(document.get("keks"), dict)
        ):
            raise ImproperlyConfigured(f"the keyring file {self.path} has an unknown format")
        return document

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        # Serializes writers across processes; readers need no lock because writes are atomic renames.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


class EnvBackend(KeyBackend):
    name = "env"

    def describe(self) -> str:
        return "environment (VOICEGUARD_KEKS)"

    def load(self) -> Keyring:
        spec = self._keks_spec()
        if not spec.strip():
            raise KeyringMissingError("VOICEGUARD_KEY_BACKEND=env but VOICEGUARD_KEKS (or VOICEGUARD_KEKS_FILE) is not set")
        keks: dict[int, bytes] = {}
        for position, entry in enumerate(filter(None, (e.strip() for e in spec.split(","))), start=1):
            version, sep, encoded = entry.partition(":")
            if not sep:
                raise ImproperlyConfigured(f"VOICEGUARD_KEKS entry {position} must look like VERSION:BASE64")
            number = _version_number(version.strip(), "VOICEGUARD_KEKS")
            if number in keks:
                raise ImproperlyConfigured(f"VOICEGUARD_KEKS names version {number} twice")
            keks[number] = _decode_key(encoded.strip(), f"VOICEGUARD_KEKS version {number}")
        audit, caller = _override("VOICEGUARD_AUDIT_KEY"), _override("VOICEGUARD_CALLER_HASH_KEY")
        if not audit or not caller:
            raise KeyringMissingError("VOICEGUARD_KEY_BACKEND=env needs VOICEGUARD_AUDIT_KEY and VOICEGUARD_CALLER_HASH_KEY")
        return Keyring(keks=keks, audit_key=audit, caller_hash_key=caller)

    def _keks_spec(self) -> str:
        # Re-read the file on each refresh so a rotated secret mount is seen without a restart.
        path = os.environ.get("VOICEGUARD_KEKS_FILE")
        if path:
            try:
                return Path(path).read_text(encoding="utf-8").strip()
            except OSError:
                raise ImproperlyConfigured("VOICEGUARD_KEKS_FILE names a file that cannot be read") from None
        return str(settings.VOICEGUARD_KEKS)


_BACKENDS: dict[str, type[KeyBackend]] = {"file": FileBackend, "env": EnvBackend}


def get_backend() -> KeyBackend:
    name = str(settings.VOICEGUARD_KEY_BACKEND)
    if name in _BACKENDS:
        return _BACKENDS[name]()
    if "." in name:
        try:
            backend_class = import_string(name)
        except ImportError:
            raise ImproperlyConfigured(f"VOICEGUARD_KEY_BACKEND {name} cannot be imported") from None
        if isinstance(backend_class, type) and issubclass(backend_class, KeyBackend):
            return backend_class()
    raise ImproperlyConfigured(f"VOICEGUARD_KEY_BACKEND must be 'file', 'env' or the dotted path of a KeyBackend, not {name!r}")


# --- The per-process cache ---------------------------------------------------------------------

_lock = threading.Lock()
_cached: tuple[tuple[Any, ...], Keyring] | None = None


def _cache_key() -> tuple[Any, ...]:
    return (
        settings.VOICEGUARD_KEY_BACKEND,
        str(settings.VOICEGUARD_KEYRING_FILE),
        settings.VOICEGUARD_KEKS,
        settings.VOICEGUARD_AUDIT_KEY,
        settings.VOICEGUARD_CALLER_HASH_KEY,
    )


def keyring(*, refresh: bool = False) -> Keyring:
    """The current keyring, re-read when older than VOICEGUARD_KEYRING_CACHE_SECONDS."""
    global _cached
    key = _cache_key()
    ttl = settings.VOICEGUARD_KEYRING_CACHE_SECONDS
    cached = _cached
    if not refresh and cached is not None and cached[0] == key and time.monotonic() - cached[1].loaded_at < ttl:
        return cached[1]
    with _lock:
        loaded = get_backend().load()
        _cached = (key, loaded)
        return loaded


def keyring_forget() -> None:
    """Drop the cached keyring (tests, and after this process changed the keyring itself)."""
    global _cached
    with _lock:
        _cached = None


def kek(version: int) -> AESGCM:
    """The KEK of ``version``; an unknown version triggers one re-read before the clear error."""
    ring = keyring()
    if not ring.has(version):
        ring = keyring(refresh=True)
    return ring.kek(version)


def kek_versions(*, refresh: bool = False) -> tuple[int, ...]:
    return keyring(refresh=refresh).versions


def kek_create() -> int:
    """Add a fresh KEK version to a writable backend and return its number."""
    version = get_backend().add_version()
    keyring_forget()
    return version


def kek_discard(version: int) -> bool:
    """Remove a version's material if the backend can; False means the operator must remove it."""
    removed = get_backend().remove_version(version)
    keyring_forget()
    return removed


def audit_key() -> bytes:
    return keyring().audit_key


def caller_hash_key() -> bytes:
    return keyring().caller_hash_key


def keyring_init(path: Path | str | None = None) -> bool:
    """Create the keyring file with fresh keys if it does not exist. Returns whether it created one."""
    created = FileBackend(path).initialize()
    if created:
        keyring_forget()
    return created


def keyring_require() -> None:
    """Load the configured keyring now; raises KeyringMissingError / ImproperlyConfigured (one line)."""
    keyring(refresh=True)


def keyring_check_or_exit(process: str) -> None:
    """For serving and worker processes: refuse to start without a usable keyring, in one line."""
    try:
        keyring_require()
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"voiceguard: {process} cannot start: {exc}\n")
        raise SystemExit(2) from None


# --- Helpers -------------------------------------------------------------------------------------


def _override(setting: str) -> bytes:
    value = getattr(settings, setting, "")
    return _decode_key(value, setting) if value else b""


def _version_number(value: str, where: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ImproperlyConfigured(f"{where} has a KEK version that is not a positive integer")
    return number


def _decode_key(value: str, name: str) -> bytes:
    try:
        key = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError, TypeError):
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
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
