"""The Celery application: configured from Django settings (``CELERY_*``), tasks found per app.

Without ``CELERY_BROKER_URL`` tasks run eagerly in-process (see settings), so nothing here needs
a broker to import.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voiceguard.settings.local")

app = Celery("voiceguard")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
