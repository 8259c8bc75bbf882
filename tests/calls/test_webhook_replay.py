"""A request whose exact signed bytes were accepted before gets the same answer and stores nothing new."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from calls.models import Call, TranscriptSegment, WebhookEvent
from tests.calls.webhook_helpers import Vapi, encode, hmac_headers, payload, with_call

pytestmark = pytest.mark.django_db


def test_a_replayed_final_is_answered_the_same_and_stored_once(vapi: Vapi, call_id: str) -> None:
    body = encode(with_call(payload("transcript.final"), call_id))
    headers = hmac_headers(body)
    first = vapi.post(body, headers=headers)
    second = vapi.post(body, headers=headers)
    assert first.status_code == second.status_code == 200 and first.json() == second.json()
    assert TranscriptSegment.objects.count() == 1 and WebhookEvent.objects.count() == 1
    assert Call.objects.get().events_received == 1


def test_the_unique_digest_stops_a_replay_the_cache_forgot(vapi: Vapi, call_id: str) -> None:
    body = encode(with_call(payload("transcript.final"), call_id))
    headers = hmac_headers(body)
    first = vapi.post(body, headers=headers).json()
    cache.clear()
    assert vapi.post(body, headers=headers).json() == first
    assert TranscriptSegment.objects.count() == 1 and WebhookEvent.objects.count() == 1


def test_a_replayed_partial_is_not_counted_twice(vapi: Vapi, call_id: str) -> None:
    body = encode(with_call(payload("transcript.partial"), call_id))
    headers = hmac_headers(body)
    assert vapi.post(body, headers=headers).json() == vapi.post(body, headers=headers).json()
    vapi.send(with_call(payload("transcript.final"), call_id))
    assert Call.objects.get().partials_received == 1


def test_the_same_body_signed_at_another_time_is_a_new_request(vapi: Vapi, call_id: str) -> None:
    import time

    body = encode(with_call(payload("speech-update"), call_id))
    vapi.post(body, headers=hmac_headers(body, timestamp=str(int(time.time()))))
    vapi.post(body, headers=hmac_headers(body, timestamp=str(int(time.time()) - 1)))
    assert WebhookEvent.objects.count() == 2
