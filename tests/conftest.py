"""Shared fixtures: a keyring for the run, and one user per role plus an outsider."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache

from keys.kek import keyring_init


@pytest.fixture(scope="session", autouse=True)
def _keyring() -> None:
    keyring_init(settings.VOICEGUARD_KEYRING_FILE)


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    yield
    from keys.services import key_caches_clear

    # Key-version state and unwrapped data keys are cached per process; a rolled-back test must
    # not leave them behind for the next one.
    key_caches_clear()
    with contextlib.suppress(Exception):  # a test that points the cache at a dead Redis leaves nothing to clear
        cache.clear()


def make_user(django_user_model: Any, username: str, *, role: str | None = None, staff: bool = True) -> Any:
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username=username, password="correct horse battery staple", is_staff=staff)
    if role:
        from accounts.services import roles_sync

        if not Group.objects.filter(name=role).exists():
            roles_sync(actor=None)
        user.groups.add(Group.objects.get(name=role))
    return user
