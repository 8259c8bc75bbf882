"""VoiceGuard's user: Django's, swappable from day one so fields can be added without a rewrite."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    class Meta:
        db_table = "accounts_user"

    @property
    def role_names(self) -> list[str]:
        return sorted(g.name for g in self.groups.all())
