"""A real Celery worker process runs a task end to end through Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from audit import record
from audit.models import AuditCheckpoint, AuditEvent

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def broker_url() -> str:
    if not settings.REDIS_URL:
        pytest.skip("set REDIS_URL to run a real Celery worker through Redis")
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share with the test: set DATABASE_URL to PostgreSQL")
    return settings.REDIS_URL.rsplit("/", 1)[0] + "/15"


def test_a_worker_runs_the_checkpoint_task_through_redis(broker_url: str) -> None:
    from audit.tasks import audit_checkpoint_write
    from voiceguard.celery import app

    record(actor=None, action=AuditEvent.Action.ROLES_SYNCED)
    queue = f"vg-test-{uuid.uuid4().hex}"  # private to this run: no other worker on the broker takes it
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "voiceguard.settings.test",
        "CELERY_BROKER_URL": broker_url,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "VOICEGUARD_KEYRING_FILE": str(settings.VOICEGUARD_KEYRING_FILE),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "voiceguard",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
            "-Q",
            queue,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    original = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url, app.conf.task_always_eager = broker_url, False
    try:
        audit_checkpoint_write.apply_async(queue=queue)
        deadline = time.monotonic() + 60
        while not AuditCheckpoint.objects.exists() and time.monotonic() < deadline:
            assert worker.poll() is None, worker.stderr.read().decode() if worker.stderr else "worker exited"
            time.sleep(0.2)
    finally:
        app.conf.broker_url, app.conf.task_always_eager = original
        worker.terminate()
        worker.wait(timeout=30)

    checkpoint = AuditCheckpoint.objects.get()
    assert checkpoint.seq == 1
