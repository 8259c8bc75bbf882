"""The audit trail in the admin: readable by roles that may see it, changeable by no one.

No add, change or delete permission is granted to anyone here, superusers included; the model
and (on PostgreSQL) a trigger refuse changes as well, so this is the third lock on the same door.
"""

from __future__ import annotations

import json

from django.contrib import admin
from django.utils.html import format_html

from audit.models import AuditCheckpoint, AuditEvent
from voiceguard.admin_site import ReadOnlyAdminMixin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
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
class AuditCheckpointAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("seq", "created_at", "event_mac")
    fields = ("seq", "created_at", "event_mac", "mac")
    readonly_fields = fields
