"""Key versions in the admin: their state and age, never their material; and "rotate now".

Nobody can add, change or delete a key version here, superusers included: key versions change
only through ``keys.services`` (``rotate_keys``, the rewrap sweep). Data keys are not shown at all.
A security administrator (``keys.rotate_keys``) can start a rotation, which calls the same
service as ``manage.py rotate_keys``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse

from keys.models import KeyVersion
from voiceguard.admin_site import ReadOnlyAdminMixin


@admin.register(KeyVersion)
class KeyVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("version", "state", "created_at", "promoted_at", "retired_at", "wrap_count")
    list_filter = ("state",)
    fields = ("version", "state", "created_at", "promoted_at", "retired_at", "destroyed_at", "wrap_count", "rewrap_finished_at")
    readonly_fields = fields
    actions = None
    change_list_template = "admin/keys/keyversion/change_list.html"

    def has_rotate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("keys.rotate_keys")

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        from keys.selectors import key_rotation_status

        context = {**(extra_context or {}), "rotation": key_rotation_status(), "can_rotate": self.has_rotate_permission(request)}
        return super().changelist_view(request, context)

    def get_urls(self) -> list[URLPattern]:
        return [path("rotate/", self.admin_site.admin_view(self.rotate_view), name="keys_keyversion_rotate"), *super().get_urls()]

    def rotate_view(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or not self.has_rotate_permission(request):
            raise PermissionDenied
        from keys.services import KeyVersionError, key_rotation_start

        try:
            result = key_rotation_start(actor=request.user)  # type: ignore[arg-type]
        except KeyVersionError as exc:
            messages.error(request, f"Rotation not started: {exc}")
        else:
            if result.outcome == "refused":
                messages.error(request, f"Rotation not started: {result.reason}")
            else:
                messages.success(request, f"Key rotation started: {result.describe()}")
        return HttpResponseRedirect(reverse("admin:keys_keyversion_changelist"))
