"""WSGI entry point for gunicorn or granian (production settings unless told otherwise)."""

import gc

from django.core.wsgi import get_wsgi_application

from voiceguard.bootstrap import configure

configure("voiceguard.settings.production")

from keys.kek import keyring_check_or_exit  # noqa: E402 - needs the settings configured above

keyring_check_or_exit("the web server")
application = get_wsgi_application()

# What is loaded by now (Django, the apps, the redaction engine's patterns, phonenumbers' metadata)
# lives as long as the worker. Frozen, it is left out of the collector's full passes, which would
# otherwise walk all of it in the middle of whichever webhook request triggered one.
gc.freeze()
