"""The compliance officers' admin site: VoiceGuard's only human interface."""

from __future__ import annotations

from django.contrib import admin


class VoiceGuardAdminSite(admin.AdminSite):
    site_header = "VoiceGuard compliance"
    site_title = "VoiceGuard compliance"
    index_title = "Compliance overview"
