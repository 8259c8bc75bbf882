"""Liveness and readiness probes for the load balancer and the process supervisor.

``/health`` says the process answers. ``/ready`` says it can do its job: the database, the cache
and (when one is configured) the Celery broker each answer within a short timeout. A failure names
the component, never an address, a credential or an exception text.
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database_ok, "cache": _cache_ok}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = _broker_ok
    failed = [name for name, check in checks.items() if not check()]
    if failed:
        logger.warning("readiness check failed", extra={"failed": failed})
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    return JsonResponse({"status": "ok", "checked": list(checks)})


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _cache_ok() -> bool:
    key = f"ready:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
        return ok
    except Exception:
        return False


def _broker_ok() -> bool:
    from voiceguard.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
        return True
    except Exception:
        return False
