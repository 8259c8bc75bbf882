"""Load settings once at process start and turn a configuration error into one clear line.

Used by manage.py, the WSGI/ASGI entry points and the Celery app, so an operator who mistypes a
variable sees ``voiceguard: configuration error: DJANGO_DEBUG is malformed: expected bool`` and
exit status 2 instead of a traceback.
"""

from __future__ import annotations

import os
import sys


def configure(default_settings: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018 - forces the settings module to load now
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"voiceguard: configuration error: {exc}\n")
        raise SystemExit(2) from None
