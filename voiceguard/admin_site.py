"""The compliance officers' admin site: VoiceGuard's only human interface.

A staff user gets in with a password *and* a TOTP code (``VOICEGUARD_REQUIRE_2FA``, on by
default and required in production): until the session is verified every admin page sends them
to the second step (``accounts.views``), which also enrols an authenticator the first time. Failed
logins and lockouts (django-axes) are audited. The index is the compliance dashboard.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode


class VoiceGuardAdminSite(admin.AdminSite):
    site_header = "VoiceGuard compliance"
    site_title = "VoiceGuard compliance"
    index_title = "Compliance overview"
    index_template = "admin/voiceguard_index.html"
    enable_nav_sidebar = False
    site_url = None  # VoiceGuard has no public site to link to

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        return not self.needs_second_factor(request)

    def needs_second_factor(self, request: HttpRequest) -> bool:
        user = request.user
        if not settings.VOICEGUARD_REQUIRE_2FA or not user.is_authenticated:
            return False
        # Right after a password login the request's user is not yet wrapped by OTPMiddleware.
        is_verified = getattr(user, "is_verified", None)
        return not (is_verified is not None and is_verified())

    def _second_factor_redirect(self, next_url: str) -> HttpResponseRedirect:
        return HttpResponseRedirect(f"{reverse('accounts:two-factor')}?{urlencode({'next': next_url})}")

    def admin_view(self, view: Callable[..., HttpResponse], cacheable: bool = False) -> Callable[..., HttpResponse]:  # type: ignore[override]
        inner = super().admin_view(view, cacheable)

        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if user.is_active and user.is_staff and self.needs_second_factor(request) and request.path != reverse("admin:logout"):
                return self._second_factor_redirect(request.get_full_path())
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, inner)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        from accounts.twofactor import login_failure_record

        if request.method == "GET" and request.user.is_active and request.user.is_staff and self.needs_second_factor(request):
            return self._second_factor_redirect(request.GET.get("next") or reverse("admin:index"))
        response = super().login(request, extra_context)
        if request.method != "POST":
            return response
        if not request.user.is_authenticated:
            login_failure_record(
                username=request.POST.get("username", "")[:150], locked_out=bool(getattr(request, "axes_locked_out", False))
            )
        elif request.user.is_staff and self.needs_second_factor(request) and isinstance(response, HttpResponseRedirect):
            return self._second_factor_redirect(response.url)
        return response

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> TemplateResponse:
        context = dict(extra_context or {})
        if request.user.has_perm("calls.view_call"):
            from calls.compliance.dashboard import dashboard_overview

            context["dashboard"] = dashboard_overview()
        context["can_view_keys"] = request.user.has_perm("keys.view_keyversion")
        return super().index(request, context)


class ReadOnlyAdminMixin:
    """For records nobody adds, edits or deletes through the admin, superusers included.

    Audit events, key versions, calls and their records are written only by services, each with its
    audit event; the admin shows them. A forged POST to a change form is refused as well.
    """

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().changeform_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
