"""Reading the audit trail: chain verification and the facts the dashboard shows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings

from audit.chain import GENESIS_MAC, canonical_event, checkpoint_mac, event_mac, macs_equal
from audit.models import AuditChainHead, AuditCheckpoint, AuditEvent
from keys.kek import audit_key


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    events_checked: int
    last_seq: int
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str = ""

    def describe(self) -> str:
        if self.ok:
            return f"audit chain intact: {self.events_checked} events, newest #{self.last_seq}"
        where = f"event #{self.broken_seq} (row id {self.broken_id})" if self.broken_id else f"event #{self.broken_seq}"
        return f"audit chain broken at {where}: {self.reason}"


def audit_chain_verify(*, chunk_size: int = 2000) -> ChainReport:
    """Walk every event in order; report the first one whose link or MAC does not hold."""
    key = audit_key()
    prev_mac = GENESIS_MAC
    expected_seq = 1
    checked = 0
    macs: dict[int, str] = {}
    anchors = _checkpoint_anchors(key)
    if isinstance(anchors, ChainReport):
        return anchors
    queryset = AuditEvent.objects.order_by("seq").values_list(
        "id", "seq", "occurred_at", "actor_id", "actor_label", "action", "target_type", "target_id", "extra", "prev_mac", "mac"
    )
    for row in queryset.iterator(chunk_size=chunk_size):
        row_id, seq, occurred_at, actor_id, actor_label, action, target_type, target_id, extra, stored_prev, mac = row
        if seq != expected_seq:
            reason = f"expected event #{expected_seq} next; events are missing or reordered"
            return ChainReport(False, checked, expected_seq - 1, broken_seq=seq, broken_id=row_id, reason=reason)
        if not macs_equal(stored_prev, prev_mac):
            reason = "its link to the previous event does not match: an event before it was deleted, replaced or reordered"
            return ChainReport(False, checked, seq - 1, broken_seq=seq, broken_id=row_id, reason=reason)
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
        if not macs_equal(event_mac(key, prev_mac, canonical), mac):
            reason = "its MAC does not match: it was edited"
            return ChainReport(False, checked, seq - 1, broken_seq=seq, broken_id=row_id, reason=reason)
        if seq in anchors:
            macs[seq] = mac
        prev_mac = mac
        expected_seq += 1
        checked += 1
    last_seq = expected_seq - 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.seq > last_seq:
        reason = f"the chain head records event #{head.seq} but the chain ends at #{last_seq}: the tail was cut off"
        return ChainReport(False, checked, last_seq, broken_seq=last_seq + 1, reason=reason)
    for seq, anchored_mac in sorted(anchors.items()):
        if seq > last_seq:
            reason = f"a checkpoint vouches for event #{seq} but the chain ends at #{last_seq}: the tail was cut off"
            return ChainReport(False, checked, last_seq, broken_seq=last_seq + 1, reason=reason)
        if not macs_equal(macs[seq], anchored_mac):
            return ChainReport(False, checked, last_seq, broken_seq=seq, reason="it differs from what a checkpoint recorded")
    return ChainReport(True, checked, last_seq)


def _checkpoint_anchors(key: bytes) -> dict[int, str] | ChainReport:
    """seq → event mac vouched for by the newest valid checkpoints (table and file)."""
    anchors: dict[int, str] = {}
    latest = AuditCheckpoint.objects.order_by("-seq", "-created_at").first()
    candidates = [(latest.seq, latest.event_mac, latest.created_at, latest.mac)] if latest else []
    file_checkpoint = _last_file_checkpoint()
    if file_checkpoint:
        candidates.append(file_checkpoint)
    for seq, emac, created_at, mac in candidates:
        if not macs_equal(checkpoint_mac(key, seq=seq, event_mac=emac, created_at=created_at), mac):
            reason = "a checkpoint's own MAC does not match: it was forged or edited"
            return ChainReport(False, 0, 0, broken_seq=seq, reason=reason)
        anchors[seq] = emac
    return anchors


def _last_file_checkpoint() -> tuple[int, str, datetime, str] | None:
    path = settings.VOICEGUARD_AUDIT_CHECKPOINT_FILE
    if not path or not Path(path).exists():
        return None
    last = ""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                last = line
    if not last:
        return None
    data = json.loads(last)
    return int(data["seq"]), str(data["event_mac"]), datetime.fromisoformat(data["created_at"]), str(data["mac"])


def audit_last_verification() -> AuditEvent | None:
    return AuditEvent.objects.filter(action=AuditEvent.Action.AUDIT_CHAIN_VERIFIED).order_by("-seq").first()
