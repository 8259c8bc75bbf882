"""Benchmark the compliance admin on PostgreSQL: call list and detail with 100,000 calls, and purge.

Run with ``make bench-admin`` (``.venv/bin/python -m bench.admin``). It uses ``DATABASE_URL``, by
default ``postgres://postgres@127.0.0.1:5432/vg_bench_admin`` (dropped and created afresh on every
run, since each run has its own throw-away keyring and audit key). Calls are seeded with ``bulk_create``: plain columns
as the webhook stores them, a data-key row and four sealed-size segments each (purge and the list
never open ciphertext, so those hold random bytes); the one call whose detail page is timed has 50
turns sealed for real. Pages are rendered through Django's test client (server time, no network),
signed in as a two-factor-verified auditor. Nothing here is a test: it prints figures for
docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/vg_bench_admin"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=2000)
    args = parser.parse_args()

    database_url = os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    keyring = Path(tempfile.mkdtemp(prefix="vg-bench-admin-")) / "keyring.json"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "voiceguard.settings.local",
            "DJANGO_DEBUG": "false",
            "VOICEGUARD_KEYRING_FILE": str(keyring),
            "DJANGO_STATIC_ROOT": str(keyring.parent / "static"),
        }
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    _create_database(database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from keys.kek import keyring_init

    setup_test_environment()
    keyring_init(keyring)
    call_command("migrate", verbosity=0)
    call_command("sync_roles", verbosity=0)
    # Pages render with the production static storage (hashed names from the manifest).
    call_command("collectstatic", "--noinput", verbosity=0)
    print(f"database {database_url.rsplit('@', 1)[-1]}")
    detail_call = _seed(args.calls)
    client = _auditor_client()
    _bench_list(client, args.repeat)
    _bench_detail(client, detail_call, args.repeat)
    _bench_purge(args.batch_size)


def _create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[-1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _seed(count: int) -> Any:
    from django.db import connection, transaction

    from calls.models import Call, TranscriptSegment
    from keys.models import DataKey, KeyVersion
    from keys.services import seal_for

    started = time.perf_counter()
    # One call with 50 turns sealed for real: the detail page opens every one of them.
    detail = Call.objects.create(vapi_call_id=f"bench-detail-{uuid.uuid4()}", started_at=_now(), entity_counts={"US_SSN": 3})
    with transaction.atomic():
        for i in range(50):
            role = "user" if i % 2 else "assistant"
            text = f"Turn {i}: my number is [PHONE_REDACTED] and my SSN is [SSN_REDACTED], thanks for checking that for me."
            segment = TranscriptSegment(call=detail, sequence=i + 1, role=role)
            segment.text_sealed = seal_for(call=detail, record=segment, field="text_sealed", plaintext=text.encode())
            segment.save()
    version = KeyVersion.objects.get(state=KeyVersion.State.PRIMARY).version
    types = ["US_SSN", "PERSON", "PHONE_NUMBER", "CREDIT_CARD", "EMAIL_ADDRESS", "DATE_OF_BIRTH"]
    chunk = 5000
    for first in range(0, count - 1, chunk):
        size = min(chunk, count - 1 - first)
        calls = [
            Call(
                vapi_call_id=f"bench-{first + i}",
                assistant_id=f"asst-{(first + i) % 5}",
                started_at=_now(),
                ended_reason=("customer-ended-call", "assistant-ended-call", "silence-timed-out")[(first + i) % 3],
                duration_seconds=60 + (first + i) % 600,
                entity_counts={types[(first + i) % 6]: 1 + (first + i) % 3, types[(first + i + 2) % 6]: 1},
                interruptions=(first + i) % 4,
                recording_present=(first + i) % 10 == 0,
                caller_hash=uuid.uuid4().hex * 2,
                caller_last4=f"{(first + i) % 10000:04d}",
            )
            for i in range(size)
        ]
        Call.objects.bulk_create(calls)
        DataKey.objects.bulk_create([DataKey(call=c, wrapped=os.urandom(60), kek_version=version) for c in calls])
        TranscriptSegment.objects.bulk_create(
            [
                TranscriptSegment(call=c, sequence=s, role="user" if s % 2 else "assistant", text_sealed=os.urandom(46 + 90))
                for c in calls
                for s in range(1, 5)
            ]
        )
    with connection.cursor() as cursor:
        # Spread the calls over 200 days: with the default 90-day policy a little over half are expired.
        cursor.execute(
            "UPDATE calls_call SET created_at = now() - (random() * 200) * interval '1 day' WHERE vapi_call_id LIKE 'bench-%%'"
        )
        cursor.execute("UPDATE calls_call SET started_at = created_at")
        cursor.execute("UPDATE calls_call SET created_at = now(), started_at = now() WHERE id = %s", [detail.pk])
        cursor.execute("ANALYZE")
    print(f"seeded {count} calls ({4 * (count - 1) + 50} segments) in {time.perf_counter() - started:.1f} s")
    return detail


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()


def _auditor_client() -> Any:
    from django.contrib.auth.models import Group
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    user, _ = User.objects.get_or_create(username="bench-auditor", defaults={"is_staff": True})
    user.groups.set([Group.objects.get(name="auditor")])
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _time(client: Any, url: str, repeat: int) -> tuple[float, float]:
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def _bench_list(client: Any, repeat: int) -> None:
    for label, url in (
        ("call list, first page (50 rows)", "/admin/calls/call/"),
        ("call list, filtered by PII type", "/admin/calls/call/?entity=CREDIT_CARD"),
        ("call list, filtered by hold + recording", "/admin/calls/call/?hold=no&recording_present__exact=1"),
        ("call list, page 100", "/admin/calls/call/?p=100"),
    ):
        median, p95 = _time(client, url, repeat)
        print(f"{label:<42} median {median:7.1f} ms   p95 {p95:7.1f} ms")


def _bench_detail(client: Any, call: Any, repeat: int) -> None:
    median, p95 = _time(client, f"/admin/calls/call/{call.pk}/change/", repeat)
    print(f"{'call detail, 50 turns (opened + audited)':<42} median {median:7.1f} ms   p95 {p95:7.1f} ms")


def _bench_purge(batch_size: int) -> None:
    from audit.selectors import audit_chain_verify
    from calls.compliance.retention import calls_expired, calls_purge_expired

    expired = calls_expired().count()
    started = time.perf_counter()
    report = calls_purge_expired(batch_size=batch_size, max_seconds=3600)
    elapsed = time.perf_counter() - started
    print(
        f"purge: {report.purged} calls ({report.segments} segments) in {report.batches} batches of {batch_size}, "
        f"{elapsed:.1f} s = {report.purged / elapsed:,.0f} calls/s (expired before: {expired})"
    )
    print(f"audit chain after purge: {audit_chain_verify().describe()}")


if __name__ == "__main__":
    main()
