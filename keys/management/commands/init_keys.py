"""Create the local keyring (file backend) when it is absent; never touch one that exists.

Runs before ``migrate`` in ``make run``, so it does not touch the database: the keyring's versions
are registered in ``KeyVersion`` the first time a data key is needed (audited as
``keys.keyring_initialized``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from keys.kek import get_backend, keyring_init, keyring_require


class Command(BaseCommand):
    help = "Create the keyring file with fresh keys if it does not exist yet. Safe to run repeatedly."

    def handle(self, *args: Any, **options: Any) -> None:
        backend = get_backend()
        if backend.name != "file":
            keyring_require()
            self.stdout.write(f"key backend {backend.describe()} is managed outside VoiceGuard; it loads, nothing to create")
            return
        path = settings.VOICEGUARD_KEYRING_FILE
        if keyring_init(path):
            self.stdout.write(f"created keyring {path} (mode 0600); back it up somewhere other than the database's backups")
        else:
            self.stdout.write(f"keyring {path} already exists; left unchanged")
