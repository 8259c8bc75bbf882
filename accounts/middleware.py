"""Automatic logoff (HIPAA §164.312(a)(2)(iii)): a signed-in session idle for too long ends.

``SESSION_IDLE_TIMEOUT_MINUTES`` (default 15) is measured between requests; the absolute limit is
``SESSION_COOKIE_AGE``. The last-seen time lives in the session itself and is refreshed at most
once a minute, so an active user does not cause a session write on every request.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

_LAST_SEEN = "vg_last_seen"
_REFRESH_SECONDS = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(_LAST_SEEN)
            limit = settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
            if isinstance(last_seen, int) and now - last_seen > limit:
                logout(request)
                messages.info(request, "You were signed out after a period of inactivity.")
                return redirect_to_login(request.get_full_path(), reverse("admin:login"))
            if not isinstance(last_seen, int) or now - last_seen >= _REFRESH_SECONDS:
                request.session[_LAST_SEEN] = now
        return self.get_response(request)
