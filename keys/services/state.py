"""What this process knows about key versions: the primary, each version's state, wrap reservations.

Cached per process for ``VOICEGUARD_KEYRING_CACHE_SECONDS`` like the keyring itself, so the hot
path (a new call's data key) costs no query for "which KEK is primary". A promotion elsewhere is
seen within that time; the re-wrap sweeper waits that long after a promotion before it declares the
re-wrap finished, so a data key wrapped by a process that had not yet seen the promotion is still
moved.

Wrap counting: every wrap uses a random nonce under the KEK, and AES-GCM's limit (2^32 per key) is
counted in ``KeyVersion.wrap_count``. Rather than a hot-row UPDATE per wrap, a process reserves
wraps in blocks of ``WRAP_RESERVATION`` and spends them locally, so the count over-estimates by at
most one block per process (it can under-count only by a block rolled back with its transaction).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from keys import kek
from keys.envelope import EnvelopeError
from keys.models import KeyVersion

WRAP_RESERVATION = 1024


class NoPrimaryKeyError(EnvelopeError):
    """No KEK version is primary, so no new data key can be wrapped."""


@dataclass(frozen=True)
class VersionStates:
    primary: int | None
    states: dict[int, str]
    loaded_at: float


_lock = threading.Lock()
_states: VersionStates | None = None
_reserved: dict[int, int] = {}


def version_states(*, refresh: bool = False) -> VersionStates:
    global _states
    cached = _states
    if not refresh and cached is not None and time.monotonic() - cached.loaded_at < settings.VOICEGUARD_KEYRING_CACHE_SECONDS:
        return cached
    rows = dict(KeyVersion.objects.values_list("version", "state"))
    primary = next((v for v, s in rows.items() if s == KeyVersion.State.PRIMARY), None)
    loaded = VersionStates(primary=primary, states=rows, loaded_at=time.monotonic())
    with _lock:
        _states = loaded
    return loaded


def primary_version() -> int:
    """The version new data keys are wrapped with; registers the keyring on first use."""
    primary = version_states().primary
    if primary is None:
        primary = version_states(refresh=True).primary
    if primary is None:
        key_versions_bootstrap()
        primary = version_states(refresh=True).primary
    if primary is None:
        raise NoPrimaryKeyError("no KEK version is primary: see `python manage.py rotate_keys --status`")
    return primary


def is_destroyed(version: int) -> bool:
    return version_states().states.get(version) == KeyVersion.State.DESTROYED


def key_versions_bootstrap() -> list[int]:
    """First use of a fresh database: register the keyring's versions, the newest as primary."""
    if KeyVersion.objects.exists():
        return []
    ring = kek.keyring(refresh=True)
    versions = list(ring.versions)
    now = timezone.now()
    try:
        with transaction.atomic():
            for version in versions:
                is_primary = version == versions[-1]
                KeyVersion.objects.create(
                    version=version,
                    state=KeyVersion.State.PRIMARY if is_primary else KeyVersion.State.DECRYPT_ONLY,
                    created_at=now,
                    promoted_at=now if is_primary else None,
                )
            audit_record(
                actor=None,
                action=AuditEvent.Action.KEYRING_INITIALIZED,
                extra={"backend": kek.get_backend().name, "versions": versions, "primary": versions[-1]},
            )
    except IntegrityError:
        return []  # another process registered them first
    forget()
    return versions


def count_wrap(version: int, wraps: int = 1) -> None:
    """Account for ``wraps`` wraps under ``version`` (block reservations; see the module docstring)."""
    with _lock:
        available = _reserved.get(version, 0)
        if available >= wraps:
            _reserved[version] = available - wraps
            return
    block = max(WRAP_RESERVATION, wraps)
    KeyVersion.objects.filter(version=version).update(wrap_count=F("wrap_count") + block)
    with _lock:
        _reserved[version] = _reserved.get(version, 0) + block - wraps


def count_wraps_exact(version: int, wraps: int) -> None:
    """Batches (re-wrap) count exactly: one UPDATE per batch is no hot spot."""
    KeyVersion.objects.filter(version=version).update(wrap_count=F("wrap_count") + wraps)


def forget() -> None:
    """Drop this process's cached states and reservations (after it changed them, and in tests)."""
    global _states
    with _lock:
        _states = None
        _reserved.clear()
