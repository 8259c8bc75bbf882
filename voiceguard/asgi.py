"""ASGI entry point, for completeness; VoiceGuard is served over WSGI in production."""

from django.core.asgi import get_asgi_application

from voiceguard.bootstrap import configure

configure("voiceguard.settings.production")

from keys.kek import keyring_check_or_exit  # noqa: E402 - needs the settings configured above

keyring_check_or_exit("the web server")
application = get_asgi_application()
