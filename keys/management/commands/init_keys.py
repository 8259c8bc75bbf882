"""Create the local keyring (file backend) when it is absent; never touch one that exists."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from keys.kek import keyring_init


class Command(BaseCommand):
    help = "Create the keyring file with fresh keys if it does not exist yet. Safe to run repeatedly."

    def handle(self, *args: Any, **options: Any) -> None:
        path = settings.VOICEGUARD_KEYRING_FILE
        if keyring_init(path):
            self.stdout.write(f"created keyring {path} (mode 0600); back it up somewhere other than the database's backups")
        else:
            self.stdout.write(f"keyring {path} already exists; left unchanged")
