"""Key versions and per-call data keys: bookkeeping only, never key material in the clear.

``KeyVersion`` tracks the life of each KEK version (its material lives in the keyring, see
``keys.kek``): pending → primary → decrypt-only → retired → destroyed. ``DataKey`` holds each
call's data key *wrapped* by one KEK version (60 bytes of AES-GCM output); shredding overwrites
and nulls it. Decryption only happens through ``keys.services.open_for``.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone


class KeyVersion(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Pending (known to workers, not yet used to wrap)"
        PRIMARY = "primary", "Primary (wraps new data keys)"
        DECRYPT_ONLY = "decrypt_only", "Decrypt only (being re-wrapped away)"
        RETIRED = "retired", "Retired (no data key uses it)"
        DESTROYED = "destroyed", "Destroyed"

    version = models.PositiveIntegerField(unique=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)
    # How many wraps this KEK has performed (reserved in blocks, so it only ever over-counts).
    wrap_count = models.PositiveBigIntegerField(default=0)
    # Set once, on the primary, when no data key is left on an older version.
    rewrap_finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        permissions = [("rotate_keys", "Can rotate encryption keys")]
        constraints = [
            models.UniqueConstraint(fields=["state"], condition=models.Q(state="primary"), name="keyversion_one_primary"),
        ]

    def __str__(self) -> str:
        return f"KEK v{self.version} ({self.get_state_display()})"


class DataKey(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    call = models.OneToOneField("calls.Call", on_delete=models.CASCADE, related_name="data_key")
    wrapped = models.BinaryField(null=True, editable=False)
    kek_version = models.PositiveIntegerField(db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    shredded_at = models.DateTimeField(null=True, blank=True)
    # During a full re-key the replaced key stays wrapped here for a short grace period, so a field
    # sealed by a process that still cached the old key is re-sealed instead of lost.
    previous_id = models.UUIDField(null=True, blank=True, editable=False)
    previous_wrapped = models.BinaryField(null=True, editable=False)
    previous_kek_version = models.PositiveIntegerField(null=True, blank=True)
    rekeyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"data key {self.id} (KEK v{self.kek_version}{', shredded' if self.shredded_at else ''})"
