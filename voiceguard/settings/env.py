"""Reading the environment so that a bad variable is one clear line, never a traceback.

django-environ's ``FileAwareEnv`` lets every secret come from ``NAME_FILE`` as well as ``NAME``.
It reports a missing variable well, but a malformed one (``DJANGO_DEBUG=maybe``,
``CACHE_TIMEOUT=ten``) surfaces as a bare ``ValueError`` that does not say which variable was
wrong, and an unreadable ``NAME_FILE`` as an ``OSError``. This wrapper names the variable in an
``ImproperlyConfigured`` and never echoes the value, which may be a secret.
"""

from __future__ import annotations

from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"true", "on", "yes", "1"}
_FALSE = {"false", "off", "no", "0", ""}


class _StrippedFileMapping(environ.environ.FileAwareMapping):
    # `echo secret > file` leaves a newline that would silently become part of the secret.
    def __getitem__(self, key: str) -> str:
        value: str = super().__getitem__(key)
        return value.strip() if self.env.get(key + "_FILE") else value


class Env(environ.FileAwareEnv):
    ENVIRON = _StrippedFileMapping()

    def get_value(self, var: str, cast: Any = None, default: Any = environ.Env.NOTSET, parse_default: bool = False) -> Any:
        try:
            if cast is bool:
                return self._strict_bool(var, default)
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except ImproperlyConfigured as exc:
            raise ImproperlyConfigured(f"{var} is not set: {_first_line(exc)}") from None
        except OSError:
            raise ImproperlyConfigured(f"{var}_FILE names a file that cannot be read") from None
        except (ValueError, TypeError):
            kind = getattr(cast, "__name__", "the expected form") if cast is not None else "the expected form"
            raise ImproperlyConfigured(f"{var} is malformed: expected {kind}") from None

    def _strict_bool(self, var: str, default: Any) -> Any:
        # environ.Env.bool treats any unknown word as False; a typo in a security switch must not.
        raw = super().get_value(var, cast=str, default=None)
        if raw is None:
            if default is environ.Env.NOTSET:
                raise ImproperlyConfigured("required")
            return default
        word = raw.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise ValueError(var)


def _first_line(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else "required"
    return "required" if text.startswith("Set the") else text
