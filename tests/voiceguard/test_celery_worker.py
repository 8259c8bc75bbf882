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


def test_a_worker_runs_the_checkpoint_task_through_redis(broker_url: str, tmp_path: Path) -> None:
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
    worker_log = tmp_path / "worker.log"  # a file, not a pipe nobody reads that could fill and block the worker
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
        stdout=worker_log.open("w"),
        stderr=subprocess.STDOUT,
    )
    original_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        # An explicit connection: the app's cached producer pool may point at another broker.
        with app.connection_for_write(broker_url) as conn:
            audit_checkpoint_write.apply_async(queue=queue, connection=conn)
        deadline = time.monotonic() + 120
        while not AuditCheckpoint.objects.exists() and time.monotonic() < deadline:
            assert worker.poll() is None, worker_log.read_text()
            time.sleep(0.2)
    finally:
        app.conf.task_always_eager = original_eager
        worker.terminate()
        worker.wait(timeout=30)

    assert AuditCheckpoint.objects.exists(), worker_log.read_text()
    checkpoint = AuditCheckpoint.objects.get()
    assert checkpoint.seq == 1
