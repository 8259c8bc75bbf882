"""ASGI entry point, for completeness; VoiceGuard is served over WSGI in production."""

from django.core.asgi import get_asgi_application

from voiceguard.bootstrap import configure

configure("voiceguard.settings.production")
application = get_asgi_application()
