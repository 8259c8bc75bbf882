"""VoiceGuard's configuration package: settings, URLs, Celery app, WSGI/ASGI entry points."""

from voiceguard.celery import app as celery_app

__all__ = ["celery_app"]
