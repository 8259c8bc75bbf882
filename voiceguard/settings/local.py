"""Local development on the embedded defaults: `make run` uses this module."""

from __future__ import annotations

import secrets

from voiceguard.settings.base import *  # noqa: F403
from voiceguard.settings.base import VAR_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])


def _local_secret_key() -> str:
    # A per-checkout key kept under var/, so sessions survive restarts without a shared default.
    path = VAR_DIR / "django-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or _local_secret_key()
# runserver serves the apps' static folders directly; `collectstatic` is for `make serve`.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
