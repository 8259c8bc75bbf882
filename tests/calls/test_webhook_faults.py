"""Outages: no database → 503 with Retry-After; no Redis → still served; no Celery broker → unaffected."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError, connection

from calls.models import Call, TranscriptSegment, WebhookEvent
from tests.calls.webhook_helpers import Vapi, encode, hmac_headers, payload, with_call

DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def assert_deferred(response: Any, caplog: Any) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {"error": "database unavailable"}
    assert "Maria" not in caplog.text and "123-45-6789" not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_it_answers_503_when_the_database_is_unreachable(vapi: Vapi, call_id: str, caplog: Any, monkeypatch: Any) -> None:
    if connection.vendor == "postgresql":
        port = connection.settings_dict["PORT"]
        connection.close()
        monkeypatch.setitem(connection.settings_dict, "PORT", "1")  # a closed port
        try:
            response = vapi.post(with_call(payload("transcript.final"), call_id))
        finally:
            connection.close()
            connection.settings_dict["PORT"] = port
    else:
        # The test database is SQLite in memory and cannot be closed: refuse every new cursor instead.
        def refuse() -> None:
            raise OperationalError("unable to open database file")

        monkeypatch.setattr(connection, "ensure_connection", refuse)
        response = vapi.post(with_call(payload("transcript.final"), call_id))
        monkeypatch.undo()
    assert_deferred(response, caplog)
    # Vapi's retry, once the database is back, is processed normally.
    assert vapi.post(with_call(payload("transcript.final"), call_id)).status_code == 200
    assert TranscriptSegment.objects.count() == 1


@pytest.mark.django_db
def test_it_serves_every_request_when_redis_is_down(vapi: Vapi, call_id: str, settings: Any) -> None:
    settings.CACHES = DEAD_REDIS
    partial = vapi.send(with_call(payload("transcript.partial"), call_id))
    assert partial == {"transcript": "Visa, [CREDITCARD_REDACTED]", "redacted": True}
    body = encode(with_call(payload("transcript.final"), call_id))
    headers = hmac_headers(body)
    first = vapi.post(body, headers=headers)
    replay = vapi.post(body, headers=headers)
    assert first.status_code == replay.status_code == 200 and first.json() == replay.json()
    assert TranscriptSegment.objects.count() == 1  # the unique digest caught the replay
    call = Call.objects.get()
    assert call.partials_received == 1 and WebhookEvent.objects.count() == 2
    assert vapi.post(body, headers={"x-signature": "0" * 64, "x-timestamp": headers["x-timestamp"]}).status_code == 401


@pytest.mark.django_db
def test_a_dead_celery_broker_does_not_touch_the_webhook(vapi: Vapi, call_id: str, settings: Any) -> None:
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert vapi.post(with_call(payload("transcript.final"), call_id)).status_code == 200
    assert vapi.post(with_call(payload("end-of-call-report"), call_id)).status_code == 200
