"""What VoiceGuard keeps of a call: redacted, and sealed where it is text.

Nothing here holds raw PII. Free text (transcripts, summaries, structured data, recording links)
is redacted first and then sealed with the call's data key into ``*_sealed`` binary columns, bound
to model, field and row; entity counts hold types and numbers, never values. Primary keys of sealed
rows are generated in Python so the ciphertext can be bound to the row before the INSERT.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Call(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vapi_call_id = models.CharField(max_length=128, unique=True)
    assistant_id = models.CharField(max_length=128, blank=True, db_index=True)
    status = models.CharField(max_length=32, blank=True)
    started_at = models.DateTimeField(null=True, blank=True, db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_reason = models.CharField(max_length=128, blank=True, db_index=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    cost = models.DecimalField(max_digits=12, decimal_places=6, null=True, blank=True)
    # {"US_SSN": 2, "CREDIT_CARD": 1}: how much was redacted, never what.
    entity_counts = models.JSONField(default=dict, blank=True)
    interruptions = models.PositiveIntegerField(default=0)
    partials_received = models.PositiveIntegerField(default=0)
    events_received = models.PositiveIntegerField(default=0)
    recording_present = models.BooleanField(default=False, db_index=True)
    # HMAC of the caller's number under a key kept outside the database: searchable, not reversible.
    caller_hash = models.CharField(max_length=64, blank=True, db_index=True)
    caller_last4 = models.CharField(max_length=4, blank=True)
    transcript_sealed = models.BinaryField(null=True, blank=True)
    messages_sealed = models.BinaryField(null=True, blank=True)
    summary_sealed = models.BinaryField(null=True, blank=True)
    structured_data_sealed = models.BinaryField(null=True, blank=True)
    recording_urls_sealed = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("export_call", "Can export redacted transcripts")]

    def __str__(self) -> str:
        return self.vapi_call_id


class TranscriptSegment(models.Model):
    class Role(models.TextChoices):
        USER = "user", "Caller"
        ASSISTANT = "assistant", "Assistant"
        SYSTEM = "system", "System"
        TOOL = "tool", "Tool"

    class Kind(models.TextChoices):
        FINAL = "final", "Final"
        PARTIAL = "partial", "Partial"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="segments")
    sequence = models.PositiveIntegerField()
    role = models.CharField(max_length=16, choices=Role.choices)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.FINAL)
    text_sealed = models.BinaryField()
    entity_counts = models.JSONField(default=dict, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["call", "sequence"]
        constraints = [models.UniqueConstraint(fields=["call", "sequence"], name="segment_unique_sequence")]

    def __str__(self) -> str:
        return f"{self.call_id} #{self.sequence} {self.role}"


class WebhookEvent(models.Model):
    """One accepted (or ignored) webhook request: what and when, never the body."""

    class Outcome(models.TextChoices):
        PROCESSED = "processed", "Processed"
        IGNORED = "ignored", "Ignored (unknown type)"
        FAILED = "failed", "Failed"

    call = models.ForeignKey(Call, null=True, blank=True, on_delete=models.CASCADE, related_name="webhook_events")
    message_type = models.CharField(max_length=64, db_index=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # SHA-256 of the exact signed bytes: a retry or replay of the same request is recognised by it.
    digest = models.CharField(max_length=64, unique=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.PROCESSED)
    processing_ms = models.FloatField(default=0)

    class Meta:
        ordering = ["-received_at"]
        permissions = [("view_webhook_settings", "Can view webhook authentication settings")]

    def __str__(self) -> str:
        return f"{self.message_type} {self.received_at:%Y-%m-%d %H:%M:%S}"


class Interruption(models.Model):
    """A barge-in: the caller spoke while the assistant was speaking."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="barge_ins")
    occurred_at = models.DateTimeField()
    # Milliseconds from the assistant starting to speak to the caller cutting in, when known.
    latency_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["call", "occurred_at"]

    def __str__(self) -> str:
        return f"barge-in on {self.call_id} at {self.occurred_at:%H:%M:%S}"


class RetentionPolicy(models.Model):
    """How long calls are kept: one default row (blank assistant) and optional per-assistant rows."""

    assistant_id = models.CharField(max_length=128, blank=True, unique=True)
    days = models.PositiveIntegerField(default=90)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "retention policies"

    def __str__(self) -> str:
        return f"{self.assistant_id or 'default'}: {self.days} days"


class LegalHold(models.Model):
    """While a hold is active (not released) its call is never purged or erased."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.CharField(max_length=500)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(auto_now_add=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-placed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call"], condition=models.Q(released_at__isnull=True), name="one_active_hold_per_call"
            )
        ]

    def __str__(self) -> str:
        return f"hold on {self.call_id}"


class CallTombstone(models.Model):
    """What remains of a purged or erased call: that it existed, when it went, and under which rule."""

    class Reason(models.TextChoices):
        RETENTION = "retention", "Retention expired"
        ERASURE = "erasure", "Erasure request"

    call_id_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=16, choices=Reason.choices)
    retention_days = models.PositiveIntegerField(null=True, blank=True)
    purged_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-purged_at"]

    def __str__(self) -> str:
        return f"{self.reason} {self.purged_at:%Y-%m-%d}"


class ErasureRequest(models.Model):
    """A GDPR Art. 17 request carried out. The caller's number is not kept, not even hashed."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    reference = models.CharField(max_length=100, blank=True, help_text="Your ticket or case reference, not personal data.")
    calls_erased = models.PositiveIntegerField(default=0)
    calls_held = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"erasure {self.requested_at:%Y-%m-%d %H:%M}"
