"""Settings fail with one clear line naming the variable, and production refuses weak configurations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.smoke

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s" * 60


def _manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "VOICEGUARD_"))}
    base.update({"VOICEGUARD_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_DEBUG", "maybe", "DJANGO_DEBUG is malformed: expected bool"),
        ("DATABASE_CONN_MAX_AGE", "ten", "DATABASE_CONN_MAX_AGE is malformed: expected int"),
        ("DJANGO_SECRET_KEY_FILE", "/nonexistent/secret", "DJANGO_SECRET_KEY_FILE names a file that cannot be read"),
    ],
)
def test_a_malformed_variable_is_one_clear_line(tmp_path: Path, variable: str, value: str, message: str) -> None:
    extra = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"} if variable == "DATABASE_CONN_MAX_AGE" else {}
    result = _manage("check", tmp_path=tmp_path, **{variable: value}, **extra)

    assert result.returncode == 2
    assert result.stderr.strip() == f"voiceguard: configuration error: {message}"
    assert value not in result.stderr or value == "maybe"


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _manage("check", tmp_path=tmp_path, DJANGO_SETTINGS_MODULE="voiceguard.settings.production")

    assert result.returncode == 2
    assert result.stderr.strip() == "voiceguard: configuration error: DJANGO_SECRET_KEY is not set: required"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_DEBUG": "true", "DJANGO_ALLOWED_HOSTS": "vg.internal"}, "DJANGO_DEBUG must be off in production"),
        ({}, "DJANGO_ALLOWED_HOSTS is not set"),
        (
            {"DJANGO_ALLOWED_HOSTS": "vg.internal", "VAPI_WEBHOOK_SECRET": "s3cret", "VOICEGUARD_REQUIRE_2FA": "false"},
            "VOICEGUARD_REQUIRE_2FA=false is for local",
        ),
        ({"DJANGO_ALLOWED_HOSTS": "vg.internal", "VAPI_WEBHOOK_SECRET": " , "}, "VAPI_WEBHOOK_SECRET is not set"),
    ],
)
def test_production_refuses_weak_settings(tmp_path: Path, env: dict[str, str], message: str) -> None:
    result = _manage(
        "check", tmp_path=tmp_path, DJANGO_SETTINGS_MODULE="voiceguard.settings.production", DJANGO_SECRET_KEY=SECRET, **env
    )

    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_secret_can_come_from_a_file(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text(SECRET + "\n")
    result = _manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings; print(len(settings.SECRET_KEY))",
        tmp_path=tmp_path,
        DJANGO_SETTINGS_MODULE="voiceguard.settings.production",
        DJANGO_SECRET_KEY_FILE=str(secret_file),
        DJANGO_ALLOWED_HOSTS="vg.internal",
        VAPI_WEBHOOK_SECRET="s3cret",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(len(SECRET))
