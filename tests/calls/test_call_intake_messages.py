"""Every message type: what is answered, what is stored (redacted, sealed) and what is only counted."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calls.intake import state as call_state
from calls.models import Call, TranscriptSegment, WebhookEvent
from calls.services import caller_hash_for
from keys.services.sealing import open_for
from tests.calls.webhook_helpers import Vapi, payload, with_call

pytestmark = pytest.mark.django_db


def opened(call: Call, record: Any, field: str) -> str:
    return open_for(call=call, record=record, field=field, ciphertext=bytes(getattr(record, field))).decode()


def test_a_final_transcript_is_answered_redacted_and_stored_sealed(vapi: Vapi, call_id: str) -> None:
    response = vapi.send(with_call(payload("transcript.final"), call_id))
    assert response == {
        "transcript": "Sure. My date of birth is [DOB_REDACTED] and my social is [SSN_REDACTED].",
        "redacted": True,
    }
    call = Call.objects.get(vapi_call_id=call_id)
    segment = TranscriptSegment.objects.get(call=call)
    assert (segment.sequence, segment.role, segment.kind) == (1, "user", "final")
    assert segment.entity_counts == {"DATE_OF_BIRTH": 1, "US_SSN": 1}
    assert b"SSN_REDACTED" not in bytes(segment.text_sealed)
    assert opened(call, segment, "text_sealed") == response["transcript"]
    assert call.entity_counts == {"DATE_OF_BIRTH": 1, "US_SSN": 1}
    assert call.caller_hash == caller_hash_for("+1 415-555-0142") and call.caller_last4 == "0142"
    assert call.assistant_id == "c4a9e2f1-6b3d-4e8a-9f0c-1d2e3f4a5b6c" and call.started_at is not None
    event = WebhookEvent.objects.get()
    assert (event.call_id, event.message_type, event.outcome) == (call.pk, "transcript", "processed")


def test_finals_get_consecutive_sequences_and_the_final_only_type_is_a_final(vapi: Vapi, call_id: str) -> None:
    vapi.send(with_call(payload("transcript.final"), call_id))
    vapi.send(
        with_call(
            payload("transcript.final"),
            call_id,
            type='transcript[transcriptType="final"]',
            transcriptType=None,
            role="assistant",
            transcript="Thanks. Anything else?",
        )
    )
    segments = list(TranscriptSegment.objects.filter(call__vapi_call_id=call_id).values_list("sequence", "role", "kind"))
    assert segments == [(1, "user", "final"), (2, "assistant", "final")]


def test_a_partial_is_answered_and_counted_but_not_stored(vapi: Vapi, call_id: str) -> None:
    response = vapi.send(with_call(payload("transcript.partial"), call_id))
    assert response == {"transcript": "Visa, [CREDITCARD_REDACTED]", "redacted": True}
    vapi.send(with_call(payload("transcript.partial"), call_id, transcript="Visa, four five three two one two"))
    assert not TranscriptSegment.objects.exists()
    call = Call.objects.get(vapi_call_id=call_id)
    assert call.partials_received == 0  # counted in the cache, folded into the row by the next stored message
    vapi.send(with_call(payload("transcript.final"), call_id))
    call.refresh_from_db()
    assert (call.partials_received, call.events_received) == (2, 3)


def test_partials_are_stored_sealed_when_configured(vapi: Vapi, call_id: str, settings: Any) -> None:
    settings.STORE_PARTIAL_TRANSCRIPTS = True
    vapi.send(with_call(payload("transcript.partial"), call_id))
    segment = TranscriptSegment.objects.get()
    assert segment.kind == "partial" and segment.entity_counts == {"CREDIT_CARD": 1}
    assert opened(segment.call, segment, "text_sealed") == "Visa, [CREDITCARD_REDACTED]"
    assert Call.objects.get().partials_received == 1


def test_the_assistants_question_is_the_hint_for_the_callers_answer(vapi: Vapi, call_id: str) -> None:
    bare = "oh three fourteen eighty five"
    without_hint = vapi.send(with_call(payload("transcript.final"), call_id + "-0", transcript=bare))
    vapi.send(with_call(payload("transcript.final"), call_id, role="assistant", transcript="Can I get your date of birth?"))
    state = call_state.state_load(call_id)
    assert state is not None and state.hint == "DATE_OF_BIRTH"
    with_hint = vapi.send(with_call(payload("transcript.final"), call_id, transcript=bare))
    assert with_hint["redacted"] is True and "[DOB_REDACTED]" in with_hint["transcript"]
    assert without_hint["transcript"] != with_hint["transcript"]
    assert call_state.state_load(call_id).hint is None  # type: ignore[union-attr]


def test_the_end_of_call_report_is_stored_redacted_and_sealed(vapi: Vapi, call_id: str) -> None:
    vapi.send(with_call(payload("transcript.final"), call_id))
    assert vapi.send(with_call(payload("end-of-call-report"), call_id)) == {"received": True}
    call = Call.objects.get(vapi_call_id=call_id)
    assert call.ended_reason == "customer-ended-call" and call.status == "ended"
    assert call.duration_seconds == pytest.approx(126.65)
    assert str(call.cost) == "0.187300"
    assert call.recording_present is True
    transcript = opened(call, call, "transcript_sealed")
    assert transcript.startswith("AI: ") and "123-45-6789" not in transcript and "[SSN_REDACTED]" in transcript
    messages = json.loads(opened(call, call, "messages_sealed"))
    assert isinstance(messages, list) and len(messages) > 3 and "Maria" not in json.dumps(messages)
    summary = opened(call, call, "summary_sealed")
    assert summary and "123-45-6789" not in summary and "Gonzalez" not in summary
    structured = json.loads(opened(call, call, "structured_data_sealed"))
    assert "+14155550142" not in json.dumps(structured)
    urls = json.loads(opened(call, call, "recording_urls_sealed"))
    assert urls["recordingUrl"].startswith("https://")
    assert call.entity_counts["US_SSN"] >= 1
    assert call_state.state_load(call_id).hint is None  # type: ignore[union-attr]


def test_the_end_of_call_report_reads_legacy_top_level_fields(vapi: Vapi, call_id: str) -> None:
    doc = with_call(payload("end-of-call-report"), call_id)
    message = doc["message"]
    for key in ("artifact", "analysis", "startedAt", "endedAt"):
        message.pop(key)
    message.update(
        transcript="User: my social is 123-45-6789",
        summary="Caller gave SSN 123-45-6789.",
        durationSeconds=42,
        recordingUrl="https://storage.vapi.ai/r.wav",
    )
    message["call"].pop("startedAt")
    vapi.send(doc)
    call = Call.objects.get(vapi_call_id=call_id)
    assert call.duration_seconds == 42 and call.recording_present
    assert opened(call, call, "transcript_sealed") == "User: my social is [SSN_REDACTED]"


def test_the_end_of_call_report_hides_bare_answers_as_the_live_fragments_did(vapi: Vapi, call_id: str) -> None:
    doc = with_call(payload("end-of-call-report"), call_id)
    artifact = doc["message"]["artifact"]
    artifact["transcript"] = (
        "AI: Can I get your full name?\nUser: yeah it's Megan Price\n"
        "AI: And the security code on the back?\nUser: 353\n"
        "AI: And your callback number?\nUser: 266-641-8625 if that helps"
    )
    artifact["messages"] = [
        {"role": "bot", "message": "Can I get your full name?", "time": 1, "secondsFromStart": 1.0},
        {"role": "user", "message": "yeah it's Megan Price", "time": 2, "secondsFromStart": 2.0},
        {"role": "bot", "message": "And the security code on the back?", "time": 3, "secondsFromStart": 3.0},
        {"role": "user", "message": "353", "time": 4, "secondsFromStart": 4.0},
    ]
    vapi.send(doc)
    call = Call.objects.get(vapi_call_id=call_id)
    transcript = opened(call, call, "transcript_sealed")
    assert transcript == (
        "AI: Can I get your full name?\nUser: yeah it's [NAME_REDACTED]\n"
        "AI: And the security code on the back?\nUser: [CVV_REDACTED]\n"
        "AI: And your callback number?\nUser: [PHONE_REDACTED] if that helps"
    )
    messages = json.loads(opened(call, call, "messages_sealed"))
    assert [m["message"] for m in messages if m["role"] == "user"] == ["yeah it's [NAME_REDACTED]", "[CVV_REDACTED]"]


def test_a_call_is_created_by_whichever_message_arrives_first(vapi: Vapi, call_id: str) -> None:
    vapi.send(with_call(payload("speech-update"), call_id))
    assert Call.objects.filter(vapi_call_id=call_id).exists()
    vapi.send(with_call(payload("end-of-call-report"), call_id))
    assert Call.objects.filter(vapi_call_id=call_id).count() == 1


@pytest.mark.parametrize(
    "name", ["conversation-update", "status-update.forwarding", "model-output", "voice-input", "speech-update"]
)
def test_informational_messages_are_acknowledged_and_store_no_text(vapi: Vapi, call_id: str, name: str) -> None:
    assert vapi.send(with_call(payload(name), call_id)) == {"received": True}
    call = Call.objects.get(vapi_call_id=call_id)
    assert call.events_received == 1
    assert not TranscriptSegment.objects.exists()
    assert call.transcript_sealed is None and call.summary_sealed is None


def test_status_updates_track_the_call_status(vapi: Vapi, call_id: str) -> None:
    vapi.send(with_call(payload("status-update.forwarding"), call_id))
    assert Call.objects.get().status == "forwarding"
    vapi.send(with_call(payload("status-update.forwarding"), call_id, status="ended", endedReason="assistant-forwarded-call"))
    call = Call.objects.get()
    assert (call.status, call.ended_reason) == ("ended", "assistant-forwarded-call") and call.ended_at is not None


def test_voice_input_and_conversation_updates_remember_what_the_assistant_asked(vapi: Vapi, call_id: str) -> None:
    vapi.send(with_call(payload("voice-input"), call_id, input="And what is the best phone number to reach you?"))
    state = call_state.state_load(call_id)
    assert state is not None and state.hint == "PHONE_NUMBER"
    vapi.send(with_call(payload("conversation-update"), call_id))
    state = call_state.state_load(call_id)
    assert state is not None and state.last_assistant and "Maria" not in state.last_assistant


def test_speech_updates_and_user_interrupted_track_who_is_speaking(vapi: Vapi, call_id: str) -> None:
    vapi.send(with_call(payload("speech-update"), call_id, role="assistant", status="started"))
    assert call_state.state_load(call_id).assistant_speaking  # type: ignore[union-attr]
    vapi.send(with_call(payload("speech-update"), call_id, type="user-interrupted"))
    assert not call_state.state_load(call_id).assistant_speaking  # type: ignore[union-attr]
    vapi.send(with_call(payload("speech-update"), call_id, role="assistant", status="started"))
    vapi.send(with_call(payload("speech-update"), call_id, role="assistant", status="stopped"))
    assert not call_state.state_load(call_id).assistant_speaking  # type: ignore[union-attr]


def test_hang_is_acknowledged(vapi: Vapi, call_id: str) -> None:
    assert vapi.send(with_call(payload("speech-update"), call_id, type="hang")) == {"received": True}
    assert WebhookEvent.objects.get().outcome == "processed"


def test_assistant_request_answers_the_configured_assistant_or_an_error(vapi: Vapi, call_id: str, settings: Any) -> None:
    assert "error" in vapi.send(with_call(payload("assistant-request"), call_id))
    settings.VAPI_ASSISTANT_ID = "asst-123"
    assert vapi.send(with_call(payload("assistant-request"), call_id + "b")) == {"assistantId": "asst-123"}


def test_transfer_destination_request_gets_an_answer(vapi: Vapi, call_id: str) -> None:
    assert vapi.send(with_call(payload("speech-update"), call_id, type="transfer-destination-request")) == {
        "error": "No transfer destination is configured."
    }


def test_a_partial_that_stops_midway_through_an_email_is_redacted(vapi: Vapi, call_id: str) -> None:
    partial = with_call(payload("transcript.partial"), call_id, role="user", transcript="my email is john dot doe at")

    response = vapi.send(partial)

    assert response["transcript"] == "my email is [EMAIL_REDACTED]"
    assert response["redacted"] is True
