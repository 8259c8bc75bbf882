from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client

pytestmark = pytest.mark.smoke


def test_health_answers_ok_without_touching_anything(client: Client) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["X-Request-ID"]


@pytest.mark.django_db
def test_ready_checks_the_database_and_the_cache(client: Client) -> None:
    response = client.get("/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checked": ["database", "cache"]}


@pytest.mark.django_db
def test_ready_names_redis_when_it_is_unreachable(client: Client, settings) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    caches._settings = None  # type: ignore[attr-defined]
    try:
        response = client.get("/ready")
    finally:
        caches._settings = None  # type: ignore[attr-defined]

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["cache"]}
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.django_db
def test_ready_names_the_broker_when_it_is_unreachable(client: Client, settings) -> None:
    from voiceguard.celery import app

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/ready")
    finally:
        app.conf.broker_url = original

    assert response.status_code == 503
    assert response.json()["failed"] == ["broker"]


def test_health_refuses_other_methods(client: Client) -> None:
    assert client.post("/health").status_code == 405
