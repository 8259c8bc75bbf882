"""Production: fails closed. It refuses to start on a setting that would weaken what VoiceGuard promises."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from voiceguard.settings.base import *  # noqa: F403
from voiceguard.settings.base import ALLOWED_HOSTS, DEBUG, VAPI_WEBHOOK_SECRET, VOICEGUARD_REQUIRE_2FA, env

SECRET_KEY = env.str("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is too short: use at least 50 random characters")
if DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is not set: name the host names VoiceGuard answers to")
if not VAPI_WEBHOOK_SECRET.strip(" ,"):
    raise ImproperlyConfigured("VAPI_WEBHOOK_SECRET is not set: without it every webhook would be refused")
if not VOICEGUARD_REQUIRE_2FA:
    raise ImproperlyConfigured("VOICEGUARD_REQUIRE_2FA=false is for local development only")

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
