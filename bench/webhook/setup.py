"""What both webhook benchmarks share: production settings on the bench database, and resetting it.

PostgreSQL database ``vg_bench_webhook`` is dropped and re-created, Redis db 5 is flushed; nothing
else on the machine is touched. The secret is random per run.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB_NAME = "vg_bench_webhook"
REDIS_URL = "redis://127.0.0.1:6379/5"
SECRET = "bench_" + secrets.token_hex(16)


def environment(keyring: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "voiceguard.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # TLS ends at the proxy in front; this measures the application behind it.
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
            "REDIS_URL": REDIS_URL,
            "VOICEGUARD_KEYRING_FILE": str(keyring),
            "VAPI_AUTH_SCHEME": "hmac",
            "VAPI_WEBHOOK_SECRET": SECRET,
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    return env


def prepare(env: dict[str, str]) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "init_keys"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    subprocess.run([*manage, "migrate", "--no-input"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
