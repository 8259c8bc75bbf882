"""The audit trail's tables: an append-only, HMAC-chained event log and its checkpoints.

Each event's ``mac`` is HMAC-SHA256(audit key, prev_mac ‖ canonical JSON of the event), with the
key kept outside the database, so someone who can write SQL can delete or edit rows but cannot
forge a chain that verifies. Rows never change once written: the model refuses, and on PostgreSQL
a trigger (migration 0002) refuses UPDATE and DELETE from any client. ``extra`` must never hold
PII or secrets: ids, counts and type names only.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit row."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit rows are append-only")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit rows are append-only")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit rows are append-only")


class AuditEvent(AppendOnlyModel):
    class Action(models.TextChoices):
        ROLES_SYNCED = "roles.synced", "Roles synchronised"
        USER_CREATED = "user.created", "User created"
        USER_CHANGED = "user.changed", "User changed"
        USER_ROLES_CHANGED = "user.roles_changed", "User's roles changed"
        LOGIN_FAILED = "auth.login_failed", "Login failed"
        USER_LOCKED_OUT = "auth.locked_out", "User locked out"
        OTP_ENROLLED = "auth.otp_enrolled", "Two-factor device enrolled"
        RECOVERY_CODES_ISSUED = "auth.recovery_codes_issued", "Recovery codes issued"
        RECOVERY_CODE_USED = "auth.recovery_code_used", "Recovery code used"
        AUDIT_CHAIN_VERIFIED = "audit.verified", "Audit chain verified"
        AUDIT_CHECKPOINT_WRITTEN = "audit.checkpoint", "Audit checkpoint written"
        KEYRING_INITIALIZED = "keys.keyring_initialized", "Keyring created"
        KEK_CREATED = "keys.kek_created", "Key version created"
        KEK_PROMOTED = "keys.kek_promoted", "Key version made primary"
        KEK_RETIRED = "keys.kek_retired", "Key version retired"
        KEK_DESTROYED = "keys.kek_destroyed", "Key version destroyed"
        KEY_ROTATION_STARTED = "keys.rotation_started", "Key rotation started"
        KEY_ROTATION_REFUSED = "keys.rotation_refused", "Key rotation refused"
        KEY_ROTATION_DUE = "keys.rotation_due", "Key rotation due"
        REWRAP_FINISHED = "keys.rewrap_finished", "Re-wrap finished"
        CALL_REKEYED = "keys.call_rekeyed", "Call re-keyed"
        CALL_SHREDDED = "keys.call_shredded", "Call crypto-shredded"
        WEBHOOK_AUTH_FAILED = "webhook.auth_failed", "Webhook authentication failed"
        TRANSCRIPT_VIEWED = "calls.transcript_viewed", "Transcript viewed"
        CALLS_EXPORTED = "calls.exported", "Calls exported"
        CALLS_SEARCHED_BY_CALLER = "calls.searched_by_caller", "Calls searched by caller number"
        LEGAL_HOLD_PLACED = "calls.hold_placed", "Legal hold placed"
        LEGAL_HOLD_RELEASED = "calls.hold_released", "Legal hold released"
        RETENTION_POLICY_CHANGED = "calls.retention_changed", "Retention policy changed"
        CALLS_PURGED = "calls.purged", "Expired calls purged"
        ERASURE_COMPLETED = "calls.erasure_completed", "Erasure request carried out"

    seq = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    # PROTECT: a user who appears in the trail can be deactivated, never deleted.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, choices=Action.choices, db_index=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True, db_index=True)
    extra = models.JSONField(default=dict, blank=True)
    prev_mac = models.CharField(max_length=64)
    mac = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["action", "occurred_at"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} by {self.actor_label or 'system'}"


class AuditChainHead(models.Model):
    """One row: the newest event's seq and mac. Appenders lock it, so the chain never forks."""

    seq = models.PositiveBigIntegerField(default=0)
    mac = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"chain head at #{self.seq}"


class AuditCheckpoint(AppendOnlyModel):
    """The chain's head at a moment, itself MACed: a later truncation of the tail shows up against it."""

    created_at = models.DateTimeField()
    seq = models.PositiveBigIntegerField()
    event_mac = models.CharField(max_length=64)
    mac = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq", "-created_at"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"checkpoint at #{self.seq}"
