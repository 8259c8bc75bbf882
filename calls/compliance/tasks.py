"""The daily retention purge, as a Celery beat task (see ``CELERY_BEAT_SCHEDULE``)."""

from __future__ import annotations

import logging

from celery import shared_task

from calls.compliance.retention import calls_purge_expired

logger = logging.getLogger(__name__)


@shared_task(name="calls.compliance.tasks.calls_purge_expired_task", ignore_result=True)
def calls_purge_expired_task() -> None:
    """Purge what has expired; if the time budget ran out, queue another run for the rest.

    Idempotent: every run just removes what is expired and unheld at that moment.
    """
    report = calls_purge_expired(actor=None)
    logger.info("retention purge: %d calls in %d batches, %d held", report.purged, report.batches, report.held)
    if not report.finished:
        calls_purge_expired_task.apply_async(countdown=5, expires=3600)
