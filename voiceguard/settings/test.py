"""The test suite: the embedded defaults unless DATABASE_URL / REDIS_URL point at real services."""

from __future__ import annotations

import tempfile
from pathlib import Path

from voiceguard.settings.base import *  # noqa: F403
from voiceguard.settings.base import env

SECRET_KEY = "test-only-" + "x" * 50
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Hashing with Argon2 on every test login would dominate the suite's time.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each run gets its own keyring, so parallel runs and a developer's var/keyring.json never meet.
VOICEGUARD_KEYRING_FILE = Path(
    env.str("VOICEGUARD_KEYRING_FILE", default=str(Path(tempfile.mkdtemp(prefix="voiceguard-test-")) / "keyring.json"))
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the apps' folders in tests; nothing is collected.
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
