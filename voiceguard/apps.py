from django.contrib.admin.apps import AdminConfig


class VoiceGuardAdminConfig(AdminConfig):
    default_site = "voiceguard.admin_site.VoiceGuardAdminSite"
