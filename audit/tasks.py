"""Periodic audit work. Tasks only call a service."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="audit.tasks.audit_checkpoint_write")
def audit_checkpoint_write() -> int | None:
    from audit.services import audit_checkpoint_write as write

    checkpoint = write()
    return checkpoint.seq if checkpoint else None
