"""The promise, tested end to end: PII sent through every message type is nowhere afterwards.

Webhooks carrying distinctive PII (the fixtures' caller plus a second, made-up one: SSN, card, phone,
e-mail, name, date of birth; in digits and in words) go through every message type, a replay, a
refused request and bad input. Then every row of every table (binary columns as hex and as text),
every captured log line (the records and the JSON stdout format) and every cache key and value are
searched. None of the canaries may appear anywhere.
"""

from __future__ import annotations

import io
import json
import logging
import pickle
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection

from tests.calls.webhook_helpers import Vapi, encode, hmac_headers, payload, with_call

CANARIES = [
    # the fixtures' caller
    "Maria",
    "Gonzalez",
    "maria.gonzalez@example.com",
    "123-45-6789",
    "123456789",
    "4155550142",
    "415-555-0142",
    "March 14th, 1985",
    "1985-03-14",
    "four five three two one two three four",
    "four one five, five five five",
    # a second caller, said in digits and in words
    "Zelda",
    "Quixote",
    "zelda.quixote@canarymail.example",
    "536-22-8841",
    "536228841",
    "4539 1488 0343 6467",
    "4539148803436467",
    "628-401-7733",
    "6284017733",
    "July 9th, 1977",
    "1977-07-09",
    "five three six two two eight eight four one",
    "six two eight four zero one seven seven three three",
]

ZELDA = {"full_name": "Zelda Quixote", "date_of_birth": "1977-07-09", "ssn": "536-22-8841", "card_number": "4539 1488 0343 6467"}


def transcript(call: str, text: str, *, role: str = "user", kind: str = "final") -> dict[str, Any]:
    return with_call(payload("transcript.final"), call, transcript=text, role=role, transcriptType=kind)


def conversation(call: str) -> Iterator[dict[str, Any] | bytes]:
    zelda_call = call + "-2"
    yield with_call(payload("assistant-request"), zelda_call, customer={"number": "+16284017733", "name": "Zelda Quixote"})
    for name in ("assistant-request", "status-update.forwarding", "transcript.partial", "transcript.final"):
        yield with_call(payload(name), call)
    yield with_call(payload("speech-update"), zelda_call, role="assistant", status="started")
    yield transcript(zelda_call, "my social is five three six two two eight eight four one", kind="partial")
    yield with_call(payload("speech-update"), zelda_call, type="user-interrupted")
    yield transcript(zelda_call, "My name is Zelda Quixote, my social is 536-22-8841 and my date of birth is July 9th, 1977.")
    yield transcript(zelda_call, "Thanks Zelda. What is the best phone number to reach you?", role="assistant")
    yield transcript(zelda_call, "six two eight four zero one seven seven three three")
    yield transcript(zelda_call, "my email is zelda.quixote@canarymail.example and my card is 4539 1488 0343 6467")
    yield transcript(zelda_call, "or call me back at 628-401-7733", kind="partial")
    for name in ("conversation-update", "model-output", "voice-input", "tool-calls", "speech-update"):
        yield with_call(payload(name), call)
    yield with_call(
        payload("tool-calls"),
        zelda_call,
        toolCallList=[{"id": "z1", "function": {"name": "verify_identity", "arguments": json.dumps(ZELDA)}}],
    )
    yield with_call(payload("tool-calls"), zelda_call, toolCallList=[{"id": "z2", "name": "no_such_tool", "arguments": ZELDA}])
    yield with_call(
        payload("speech-update"), zelda_call, type="function-call", functionCall={"name": "verify_identity", "parameters": ZELDA}
    )
    yield with_call(payload("speech-update"), zelda_call, type="hang")
    yield with_call(payload("speech-update"), zelda_call, type="transfer-destination-request")
    yield with_call(payload("speech-update"), zelda_call, type="zelda.quixote-536-22-8841", note="Zelda Quixote 536-22-8841")
    yield with_call(payload("end-of-call-report"), call)
    report = with_call(payload("end-of-call-report"), zelda_call)
    report["message"]["artifact"]["transcript"] = (
        "AI: Who am I speaking with?\nUser: My name is Zelda Quixote, date of birth July 9th, 1977.\n"
        "AI: And your social?\nUser: five three six two two eight eight four one"
    )
    report["message"]["analysis"] = {
        "summary": "Zelda Quixote (born 1977-07-09, SSN 536-22-8841, zelda.quixote@canarymail.example) "
        "paid by card 4539 1488 0343 6467.",
        "structuredData": {"caller_name": "Zelda Quixote", "callback_number": "628-401-7733", "dob": "1977-07-09"},
    }
    yield report


def table_dump() -> str:
    out = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview | bytearray):
                        raw = bytes(value)
                        out.append(raw.hex())
                        out.append(raw.decode("latin-1"))
                    else:
                        out.append(str(value))
    return "\n".join(out)


def cache_dump() -> str:
    out = []
    backend = cache._cache  # type: ignore[attr-defined]
    if hasattr(backend, "get_client"):  # Redis: every key of the database, and every value
        client = backend.get_client(None, write=False)
        for key in client.scan_iter(count=1000):
            out.append(key.decode("latin-1"))
            kind = client.type(key).decode()
            value = client.get(key) if kind == "string" else repr(client.dump(key))
            out.append(value.decode("latin-1") if isinstance(value, bytes) else str(value))
    else:  # local memory: the backend's own dict of pickled values
        for key, value in list(backend.items()):
            out.append(str(key))
            out.append(value.decode("latin-1") if isinstance(value, bytes) else str(value))
            out.append(str(pickle.loads(value)) if isinstance(value, bytes) else "")  # noqa: S301 - our own cache
    return "\n".join(out)


def leaks(haystack: str) -> list[str]:
    lowered = haystack.lower()
    return [c for c in CANARIES if c.lower() in lowered]


@pytest.mark.django_db
def test_no_canary_reaches_a_table_a_log_or_the_cache(vapi: Vapi, call_id: str, caplog: Any, settings: Any) -> None:
    caplog.set_level(logging.DEBUG)
    stdout = io.StringIO()
    handler = logging.StreamHandler(stdout)
    json_config = django_settings.LOGGING["formatters"]["json"]
    from pythonjsonlogger.json import JsonFormatter

    handler.setFormatter(JsonFormatter(json_config["fmt"], rename_fields=json_config["rename_fields"]))
    from voiceguard.logging import RequestIdFilter

    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)
    try:
        statuses = []
        for document in conversation(call_id):
            statuses.append(vapi.post(document).status_code)
        settings.STORE_PARTIAL_TRANSCRIPTS = True
        statuses.append(vapi.post(transcript(call_id, "card four five three two one two three four", kind="partial")).status_code)
        replayed = encode(transcript(call_id, "my social is 123-45-6789"))
        headers = hmac_headers(replayed)
        statuses += [vapi.post(replayed, headers=headers).status_code, vapi.post(replayed, headers=headers).status_code]
        refused = vapi.post(replayed, headers={"x-signature": "Zelda Quixote 536-22-8841", "x-timestamp": str(int(time.time()))})
        bad = vapi.post(b'{"message": "Zelda Quixote 536-22-8841" ')
        stale = vapi.post(replayed, headers=hmac_headers(replayed, timestamp=str(int(time.time()) - 3600)))
    finally:
        logging.getLogger().removeHandler(handler)
    assert set(statuses) == {200}
    assert (refused.status_code, bad.status_code, stale.status_code) == (401, 400, 401)
    for response in (refused, bad, stale):
        assert leaks(response.content.decode()) == []

    from calls.models import Call, Interruption, TranscriptSegment, WebhookEvent

    assert TranscriptSegment.objects.count() >= 6 and Interruption.objects.exists()
    assert Call.objects.filter(recording_present=True).count() == 2
    assert WebhookEvent.objects.count() >= 20

    assert leaks(table_dump()) == []
    log_text = caplog.text + "\n".join(json.dumps(r.__dict__, default=str) for r in caplog.records) + stdout.getvalue()
    assert "webhook authentication failed" in log_text  # the logs were captured
    assert leaks(log_text) == []
    dump = cache_dump()
    assert "call:" in dump  # the per-call state was captured
    assert leaks(dump) == []
