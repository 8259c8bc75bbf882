"""WSGI entry point for gunicorn or granian (production settings unless told otherwise)."""

from django.core.wsgi import get_wsgi_application

from voiceguard.bootstrap import configure

configure("voiceguard.settings.production")

from keys.kek import keyring_check_or_exit  # noqa: E402 - needs the settings configured above

keyring_check_or_exit("the web server")
application = get_wsgi_application()
