"""The audit trail in the admin: readable by roles that may see it, changeable by no one.

No add, change or delete permission is granted to anyone here, superusers included; the model
and (on PostgreSQL) a trigger refuse changes as well, so this is the third lock on the same door.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html

from audit.models import AuditCheckpoint, AuditEvent


class _ReadOnly(admin.ModelAdmin):
    actions = None

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
        return super().changeform_view(request, object_id, form_url, extra_context)


@admin.register(AuditEvent)
class AuditEventAdmin(_ReadOnly):
    list_display = ("seq", "occurred_at", "actor_name", "action", "target", "details")
    list_filter = ("action", ("occurred_at", admin.DateFieldListFilter))
    search_fields = ("=target_id", "=actor_label")
    search_help_text = "An exact target id (a call id, a user id) or username."
    date_hierarchy = None
    show_full_result_count = False
    list_per_page = 100
    fields = ("seq", "occurred_at", "actor_label", "action", "target_type", "target_id", "details", "prev_mac", "mac")
    readonly_fields = fields

    @admin.display(description="Actor", ordering="actor_label")
    def actor_name(self, obj: AuditEvent) -> str:
        return obj.actor_label or "system"

    @admin.display(description="Target")
    def target(self, obj: AuditEvent) -> str:
        if not obj.target_type:
            return ""
        return f"{obj.target_type} {obj.target_id}".strip()

    @admin.display(description="Details")
    def details(self, obj: AuditEvent) -> str:
        if not obj.extra:
            return ""
        return format_html('<code class="vg-extra">{}</code>', json.dumps(obj.extra, sort_keys=True))


@admin.register(AuditCheckpoint)
class AuditCheckpointAdmin(_ReadOnly):
    list_display = ("seq", "created_at", "event_mac")
    fields = ("seq", "created_at", "event_mac", "mac")
    readonly_fields = fields
