"""Barge-in: a caller partial while the assistant speaks interrupts it, once per utterance."""

from __future__ import annotations

import time

import pytest

from calls.models import Call, Interruption
from tests.calls.webhook_helpers import Vapi, payload, with_call

pytestmark = pytest.mark.django_db


def speaking(vapi: Vapi, call_id: str, status: str, at_ms: int) -> None:
    vapi.send(with_call(payload("speech-update"), call_id, role="assistant", status=status, timestamp=at_ms))


def partial(vapi: Vapi, call_id: str, text: str, at_ms: int, role: str = "user") -> dict[str, object]:
    return vapi.send(with_call(payload("transcript.partial"), call_id, transcript=text, role=role, timestamp=at_ms))


def test_a_caller_partial_while_the_assistant_speaks_interrupts_it(vapi: Vapi, call_id: str) -> None:
    now = int(time.time() * 1000)
    speaking(vapi, call_id, "started", now)
    response = partial(vapi, call_id, "wait, that's wrong", now + 1500)
    assert response == {"transcript": "wait, that's wrong", "redacted": False, "action": "interrupt", "clearBuffer": True}
    interruption = Interruption.objects.get(call__vapi_call_id=call_id)
    assert interruption.latency_ms == 1500
    assert Call.objects.get(vapi_call_id=call_id).interruptions == 1


def test_repeated_near_identical_partials_are_not_counted_twice(vapi: Vapi, call_id: str) -> None:
    now = int(time.time() * 1000)
    speaking(vapi, call_id, "started", now)
    assert partial(vapi, call_id, "wait that's wrong", now + 100).get("action") == "interrupt"
    assert "action" not in partial(vapi, call_id, "wait, that's wrong", now + 200)
    speaking(vapi, call_id, "started", now + 300)  # the assistant resumes; the same words arrive again
    assert "action" not in partial(vapi, call_id, "Wait, that's wrong.", now + 400)
    assert Interruption.objects.count() == 1


def test_no_interrupt_when_the_assistant_is_silent_or_for_its_own_partials(vapi: Vapi, call_id: str) -> None:
    now = int(time.time() * 1000)
    assert "action" not in partial(vapi, call_id, "hello there", now)
    speaking(vapi, call_id, "started", now + 100)
    assert "action" not in partial(vapi, call_id, "let me check that", now + 200, role="assistant")
    speaking(vapi, call_id, "stopped", now + 300)
    assert "action" not in partial(vapi, call_id, "okay thanks", now + 400)
    assert not Interruption.objects.exists()


def test_barge_in_is_detected_on_the_database_path_too(vapi: Vapi, call_id: str, settings: object) -> None:
    settings.STORE_PARTIAL_TRANSCRIPTS = True  # type: ignore[attr-defined]
    now = int(time.time() * 1000)
    speaking(vapi, call_id, "started", now)
    assert partial(vapi, call_id, "stop please", now + 700)["action"] == "interrupt"
    assert Interruption.objects.get().latency_ms == 700
