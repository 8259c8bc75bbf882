"""WSGI entry point for gunicorn or granian (production settings unless told otherwise)."""

from django.core.wsgi import get_wsgi_application

from voiceguard.bootstrap import configure

configure("voiceguard.settings.production")
application = get_wsgi_application()
