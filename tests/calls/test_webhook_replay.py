"""A request whose exact body was accepted before (a replay, or a retry re-signed) gets the same answer and stores nothing new."""

from __future__ import annotations

import time

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


def test_a_retry_resigned_with_a_new_timestamp_is_answered_the_same_and_stored_once(vapi: Vapi, call_id: str) -> None:
    now = int(time.time())
    body = encode(with_call(payload("transcript.final"), call_id))
    first = vapi.post(body, headers=hmac_headers(body, timestamp=str(now - 20)))
    retry = vapi.post(body, headers=hmac_headers(body, timestamp=str(now)))
    assert first.status_code == retry.status_code == 200 and first.json() == retry.json()
    assert TranscriptSegment.objects.count() == 1 and WebhookEvent.objects.count() == 1
    cache.clear()  # the database's unique digest catches a retry the cache no longer remembers
    assert vapi.post(body, headers=hmac_headers(body, timestamp=str(now + 1))).json() == first.json()
    assert TranscriptSegment.objects.count() == 1 and Call.objects.get().events_received == 1


def test_a_resigned_partial_is_not_counted_twice(vapi: Vapi, call_id: str) -> None:
    now = int(time.time())
    body = encode(with_call(payload("transcript.partial"), call_id))
    first = vapi.post(body, headers=hmac_headers(body, timestamp=str(now - 5))).json()
    assert vapi.post(body, headers=hmac_headers(body, timestamp=str(now))).json() == first
    vapi.send(with_call(payload("transcript.final"), call_id))
    assert Call.objects.get().partials_received == 1


def test_messages_that_differ_by_their_body_timestamp_are_both_processed(vapi: Vapi, call_id: str) -> None:
    document = with_call(payload("speech-update"), call_id)
    vapi.send(document)
    document["message"]["timestamp"] += 1
    vapi.send(document)
    assert WebhookEvent.objects.count() == 2 and Call.objects.get().events_received == 2
