"""Appending to the audit trail, and writing checkpoints of it.

``audit_record`` runs inside the caller's transaction, so an event exists if and only if the
change it describes committed. Appends lock the single chain-head row first (``SELECT ... FOR
UPDATE`` on PostgreSQL; SQLite's IMMEDIATE transactions serialize writers already), so concurrent
writers take turns and the chain never forks.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from audit.chain import GENESIS_MAC, canonical_event, checkpoint_mac, event_mac
from audit.models import AuditChainHead, AuditCheckpoint, AuditEvent
from keys.kek import audit_key

logger = logging.getLogger(__name__)

Target = models.Model | tuple[str, str] | None


def audit_record(*, actor: User | None, action: str, target: Target = None, extra: dict[str, Any] | None = None) -> AuditEvent:
    if action not in AuditEvent.Action.values:
        raise ValueError(f"unknown audit action {action!r}")
    target_type, target_id = _target(target)
    extra = json.loads(json.dumps(extra or {}))  # exactly what the JSON column will give back
    with transaction.atomic():
        head = _locked_head()
        seq = head.seq + 1
        occurred_at = timezone.now()
        actor_id = actor.pk if actor is not None else None
        actor_label = actor.get_username() if actor is not None else ""
        canonical = canonical_event(
            seq=seq,
            occurred_at=occurred_at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            target_type=target_type,
            target_id=target_id,
            extra=extra,
        )
        mac = event_mac(audit_key(), head.mac, canonical)
        event = AuditEvent.objects.create(
            seq=seq,
            occurred_at=occurred_at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            target_type=target_type,
            target_id=target_id,
            extra=extra,
            prev_mac=head.mac,
            mac=mac,
        )
        AuditChainHead.objects.filter(pk=head.pk).update(seq=seq, mac=mac)
    return event


def audit_checkpoint_write() -> AuditCheckpoint | None:
    """Record the chain's current head, MACed, in the table and (if configured) a file outside the DB."""
    with transaction.atomic():
        head = _locked_head()
        if head.seq == 0:
            return None
        created_at = timezone.now()
        checkpoint = AuditCheckpoint.objects.create(
            created_at=created_at,
            seq=head.seq,
            event_mac=head.mac,
            mac=checkpoint_mac(audit_key(), seq=head.seq, event_mac=head.mac, created_at=created_at),
        )
    _append_to_checkpoint_file(checkpoint)
    return checkpoint


def _locked_head() -> AuditChainHead:
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1, defaults={"seq": 0, "mac": GENESIS_MAC})
    return head


def _target(target: Target) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, tuple):
        return target[0], str(target[1])
    return target._meta.label_lower, str(target.pk)


def _append_to_checkpoint_file(checkpoint: AuditCheckpoint) -> None:
    path = settings.VOICEGUARD_AUDIT_CHECKPOINT_FILE
    if not path:
        return
    line = json.dumps(
        {
            "created_at": checkpoint.created_at.isoformat(timespec="microseconds"),
            "seq": checkpoint.seq,
            "event_mac": checkpoint.event_mac,
            "mac": checkpoint.mac,
        },
        sort_keys=True,
    )
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def audit_chain_verify_and_record(*, actor: User | None, checkpoint: bool = False) -> tuple[Any, AuditCheckpoint | None]:
    """Verify the chain, record the outcome in it, and checkpoint the head if asked and clean."""
    from audit.selectors import audit_chain_verify

    report = audit_chain_verify()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.AUDIT_CHAIN_VERIFIED,
        extra={"ok": report.ok, "events": report.events_checked, "broken_seq": report.broken_seq},
    )
    written = audit_checkpoint_write() if checkpoint and report.ok else None
    return report, written
