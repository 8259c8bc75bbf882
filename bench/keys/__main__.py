"""Benchmark the key hierarchy on PostgreSQL: seal/open throughput and re-wrap of 100,000 data keys.

Run with ``make bench-keys`` (``.venv/bin/python -m bench.keys``). It uses ``DATABASE_URL``, by
default ``postgres://postgres@127.0.0.1:5432/vg_bench_keys`` (created if missing and emptied of
earlier bench rows), a throw-away keyring in a temporary directory, and real ``celery -A voiceguard
worker`` processes on Redis database 3 (``BENCH_REDIS_URL``) for the re-wrap. Nothing here is a
test: it prints figures for docs/keys.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/vg_bench_keys"
DEFAULT_REDIS = "redis://127.0.0.1:6379/3"
ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deks", type=int, default=100_000)
    parser.add_argument("--seals", type=int, default=50_000)
    parser.add_argument("--opens", type=int, default=10_000)
    args = parser.parse_args()

    database_url = os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    keyring = Path(tempfile.mkdtemp(prefix="vg-bench-keys-")) / "keyring.json"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "voiceguard.settings.local",
            "DJANGO_DEBUG": "false",
            "VOICEGUARD_KEYRING_FILE": str(keyring),
            "VOICEGUARD_KEYRING_CACHE_SECONDS": "0",
            "CELERY_BROKER_URL": redis_url,
        }
    )
    os.environ.pop("REDIS_URL", None)
    _create_database(database_url)

    import django

    django.setup()
    from django.core.management import call_command

    from keys.kek import keyring_init

    keyring_init(keyring)
    call_command("migrate", verbosity=0)
    _reset()
    print(f"database {database_url.rsplit('@', 1)[-1]}, broker {redis_url}, keyring {keyring}")
    _bench_seal_open(args.seals, args.opens)
    _create_data_keys(args.deks)
    _bench_rewrap_in_process(args.deks)
    for workers in (1, 2):
        _bench_rewrap_with_workers(args.deks, workers, redis_url)


def _create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[-1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def _reset() -> None:
    from django.db import connection

    from keys.services import key_caches_clear

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE keys_datakey, keys_keyversion, calls_transcriptsegment, calls_call CASCADE")
    key_caches_clear()


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:>10,.0f}/s ({seconds * 1e6 / n:.1f} µs each)"


def _bench_seal_open(seals: int, opens: int) -> None:
    from calls.models import Call, TranscriptSegment
    from keys.services import open_for, seal_for

    call = Call.objects.create(vapi_call_id="bench-seal")
    segment = TranscriptSegment(call=call, sequence=1, role="user")
    seal_for(call=call, record=segment, field="text_sealed", plaintext=b"warm up")  # creates and caches the key
    for size in (200, 2048):
        plaintext = b"a" * size
        start = time.perf_counter()
        for _ in range(seals):
            seal_for(call=call, record=segment, field="text_sealed", plaintext=plaintext)
        print(f"seal_for, {size:>5} B, cached data key:      {_rate(seals, time.perf_counter() - start)}")
    ciphertext = seal_for(call=call, record=segment, field="text_sealed", plaintext=b"a" * 2048)
    start = time.perf_counter()
    for _ in range(opens):
        open_for(call=call, record=segment, field="text_sealed", ciphertext=ciphertext)
    print(f"open_for, 2048 B (one indexed query each): {_rate(opens, time.perf_counter() - start)}")
    calls = [Call(vapi_call_id=f"bench-new-{i}") for i in range(2000)]
    Call.objects.bulk_create(calls)
    start = time.perf_counter()
    for new_call in calls:
        seal_for(call=new_call, record=new_call, field="summary_sealed", plaintext=b"a" * 200)
    print(f"seal_for, first seal of a call (new key):  {_rate(len(calls), time.perf_counter() - start)}")


def _create_data_keys(n: int) -> None:
    from django.db import connection

    from calls.models import Call
    from keys import envelope, kek
    from keys.models import DataKey
    from keys.services.state import primary_version

    _reset()
    version = primary_version()
    key = kek.kek(version)
    start = time.perf_counter()
    for offset in range(0, n, 10_000):
        calls = [Call(id=uuid.uuid4(), vapi_call_id=f"bench-{offset + i}") for i in range(min(10_000, n - offset))]
        Call.objects.bulk_create(calls)
        keys = []
        for call in calls:
            dek_id = uuid.uuid4()
            wrapped = envelope.wrap_dek(kek=key, kek_version=version, call_id=str(call.id), dek_id=dek_id, dek=envelope.new_dek())
            keys.append(DataKey(id=dek_id, call_id=call.id, wrapped=wrapped, kek_version=version))
        DataKey.objects.bulk_create(keys)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE keys_datakey")
    print(f"created {n:,} calls with data keys in {time.perf_counter() - start:.1f} s")


def _rotate() -> tuple[int, float]:
    from keys.services import key_rotation_start

    start = time.perf_counter()
    result = key_rotation_start(actor=None)
    assert result.promoted, result.describe()
    return int(result.new_version or 0), start


def _wait_until_rewrapped(version: int, n: int, start: float, timeout: float = 600) -> float:
    from keys.models import DataKey

    while time.perf_counter() - start < timeout:
        if DataKey.objects.filter(kek_version=version).count() >= n:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"re-wrap to version {version} did not finish within {timeout:.0f} s")


def _bench_rewrap_in_process(n: int) -> None:
    from django.conf import settings

    from keys.services import key_rewrap_batch

    settings.CELERY_TASK_ALWAYS_EAGER = True  # the sweep queued by the promotion runs here, timed
    version, start = _rotate()
    elapsed = _wait_until_rewrapped(version, n, start)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert key_rewrap_batch().selected == 0
    print(f"re-wrap {n:,} data keys, in-process sweep (no Celery):   {_rate(n, elapsed)}")


def _bench_rewrap_with_workers(n: int, workers: int, redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    env = dict(os.environ)
    command = [sys.executable, "-m", "celery", "-A", "voiceguard", "worker", "--loglevel=WARNING", "--without-heartbeat"]
    command += ["--without-gossip", "--without-mingle", f"--concurrency={workers}", "--pool=prefork", "-n", f"bench{workers}@%h"]
    worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        time.sleep(4)  # let the pool start and connect
        version, start = _rotate()
        elapsed = _wait_until_rewrapped(version, n, start)
        label = f"re-wrap {n:,} data keys, {workers} Celery worker process(es):"
        print(f"{label} {_rate(n, elapsed)} ({n / elapsed / workers:,.0f}/s each)")
    finally:
        worker.terminate()
        worker.wait(30)


if __name__ == "__main__":
    main()
