"""Security headers for every response: a Content-Security-Policy that allows only this site.

The admin pages show redacted transcripts; ``Cache-Control: no-store`` keeps them out of the
browser's and any proxy's cache, so nothing of a call stays on a shared workstation.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = settings.VOICEGUARD_CSP

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        if request.path.startswith("/admin/"):
            response.headers["Cache-Control"] = "no-store, private"
        return response
