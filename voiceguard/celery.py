"""The Celery application: configured from Django settings (``CELERY_*``), tasks found per app.

Without ``CELERY_BROKER_URL`` tasks run eagerly in-process (see settings), so nothing here needs
a broker to import.
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voiceguard.settings.local")

app = Celery("voiceguard")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _require_keyring(**_: Any) -> None:
    # Only worker processes: importing this module (every manage.py run does) must not need keys.
    from keys.kek import keyring_check_or_exit

    keyring_check_or_exit("the Celery worker")
