from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from redaction import MAX_JSON_DEPTH, RedactionDepthError, counts_by_type, redact_json

PAYLOADS = Path(__file__).resolve().parents[3] / "shared" / "vapi-payloads"
SECRETS = ["Maria Gonzalez", "maria.gonzalez@example.com", "123-45-6789", "4155550142", "six seven eight nine zero"]


def _load(name: str) -> Any:
    return json.loads((PAYLOADS / name).read_text())


@pytest.mark.skipif(not PAYLOADS.exists(), reason="shared payload samples not mounted")
@pytest.mark.parametrize("name", sorted(p.name for p in PAYLOADS.glob("*.json")) if PAYLOADS.exists() else [])
def test_it_leaves_no_sample_pii_in_any_vapi_payload(name: str) -> None:
    redacted, _ = redact_json(_load(name))
    dumped = json.dumps(redacted)
    for secret in SECRETS:
        assert secret not in dumped, (name, secret)
    assert "1985" not in dumped or "1985-03-14" not in dumped


@pytest.mark.skipif(not PAYLOADS.exists(), reason="shared payload samples not mounted")
def test_it_redacts_embedded_tool_call_arguments_and_keeps_them_json() -> None:
    redacted, entities = redact_json(_load("conversation-update.json"))
    call = redacted["message"]["artifact"]["messages"][5]["toolCalls"][0]
    args = json.loads(call["function"]["arguments"])
    assert args == {"full_name": "[NAME_REDACTED]", "date_of_birth": "[DOB_REDACTED]", "ssn": "[SSN_REDACTED]"}
    assert call["id"] == "call_Xb7QmT2pLr9vN4kJ8sWd1eZa"
    assert counts_by_type(entities)["US_SSN"] >= 3


def test_it_redacts_a_bare_e164_number_under_a_phone_key() -> None:
    redacted, _ = redact_json({"customer": {"number": "+14155550142"}})
    assert redacted == {"customer": {"number": "[PHONE_REDACTED]"}}


def test_it_leaves_structural_keys_alone() -> None:
    payload = {
        "id": "4155550142",
        "type": "transcript",
        "role": "user",
        "status": "ended",
        "createdAt": "2026-01-01T21:30:00.000Z",
        "endedReason": "customer-ended-call",
        "toolCallId": "call_1",
        "timestamp": 1767303024300,
    }
    assert redact_json(payload)[0] == payload


def test_it_redacts_numbers_under_pii_keys() -> None:
    redacted, _ = redact_json({"ssn": 219099998, "cost": 0.18})
    assert redacted == {"ssn": "[SSN_REDACTED]", "cost": 0.18}


@pytest.mark.parametrize("key", ["account", "acct", "account_no", "accountNum", "bank_account"])
def test_a_bare_number_under_an_account_key_in_tool_arguments_is_an_account(key: str) -> None:
    arguments = json.dumps({key: "000123456789", "plan": "premium", "zip": "94107"})
    redacted, _ = redact_json({"function": {"name": "update_billing", "arguments": arguments}})
    assert json.loads(redacted["function"]["arguments"]) == {key: "[BANK_ACCOUNT_REDACTED]", "plan": "premium", "zip": "94107"}


def test_it_returns_a_copy_and_leaves_the_input_untouched() -> None:
    payload = {"transcript": "my social is 219-09-9998", "list": [1, True, None]}
    before = json.dumps(payload)
    redacted, _ = redact_json(payload)
    assert json.dumps(payload) == before and redacted is not payload
    assert redacted["list"] == [1, True, None]


def test_it_refuses_json_nested_past_the_limit() -> None:
    deep: Any = "x"
    for _ in range(MAX_JSON_DEPTH + 1):
        deep = [deep]
    with pytest.raises(RedactionDepthError):
        redact_json(deep)


def test_it_refuses_very_deep_json_without_hitting_the_recursion_limit() -> None:
    deep: Any = {}
    for _ in range(100_000):
        deep = {"a": deep}
    with pytest.raises(RedactionDepthError):
        redact_json(deep)


def test_it_refuses_deep_json_embedded_in_a_string() -> None:
    with pytest.raises(RedactionDepthError):
        redact_json({"arguments": "[" * 5000 + "]" * 5000})


def test_it_accepts_json_at_the_limit() -> None:
    deep: Any = "x"
    for _ in range(MAX_JSON_DEPTH):
        deep = [deep]
    redact_json(deep)


def test_it_redacts_a_partial_transcript_message_as_a_partial() -> None:
    message = {"type": "transcript", "role": "user", "transcriptType": "partial", "transcript": "sure, so fifty three"}
    redacted, _ = redact_json({"message": message})
    assert redacted["message"]["transcript"] == "sure, so [CREDITCARD_REDACTED]"
    final = dict(message, transcriptType="final")
    assert redact_json({"message": final})[0]["message"]["transcript"] == "sure, so fifty three"


def test_a_name_cued_in_one_message_is_redacted_wherever_it_recurs() -> None:
    payload = {
        "messages": [
            {"role": "user", "message": "Hi, this is Maria Gonzalez calling about my bill."},
            {"role": "bot", "message": "Thanks, Maria. What is the account number?"},
        ],
        "summary": "Gonzalez asked about a bill of $48.50.",
        "notes": ["press 1 for billing", "Thanks, Maria. What is the account number?"],
    }
    redacted, entities = redact_json(payload)
    assert "Maria" not in json.dumps(redacted) and "Gonzalez" not in json.dumps(redacted)
    assert redacted["messages"][1]["message"] == redacted["notes"][1] == "Thanks, [NAME_REDACTED]. What is the account number?"
    assert redacted["summary"] == "[NAME_REDACTED] asked about a bill of $48.50."
    assert redacted["notes"][0] == "press 1 for billing"
    assert counts_by_type(entities)["PERSON"] == 4  # every occurrence counts, repeated text included


def test_repeated_text_is_redacted_identically_and_counted_each_time() -> None:
    line = "my social is 219-09-9998 and my cell is 415 555 0142"
    payload = {"messages": [{"message": line}], "messagesOpenAIFormatted": [{"content": line}], "transcript": f"User: {line}"}
    redacted, entities = redact_json(payload)
    expected = "my social is [SSN_REDACTED] and my cell is [PHONE_REDACTED]"
    assert redacted["messages"][0]["message"] == redacted["messagesOpenAIFormatted"][0]["content"] == expected
    assert redacted["transcript"] == f"User: {expected}"
    assert counts_by_type(entities) == {"US_SSN": 3, "PHONE_NUMBER": 3}


def test_a_message_list_reads_each_answer_with_the_question_before_it() -> None:
    payload = {
        "messages": [
            {"role": "bot", "message": "Can I get your full name?"},
            {"role": "user", "message": "yeah it's Megan Price"},
            {"role": "bot", "message": "And how many tablets a day?"},
            {"role": "user", "message": "two"},
        ],
        "messagesOpenAIFormatted": [
            {"role": "assistant", "content": "What's the CVV?"},
            {"role": "user", "content": "four five four"},
        ],
    }
    redacted, entities = redact_json(payload)
    assert [m["message"] for m in redacted["messages"]] == [
        "Can I get your full name?",
        "yeah it's [NAME_REDACTED]",
        "And how many tablets a day?",
        "two",
    ]
    assert redacted["messagesOpenAIFormatted"][1] == {"role": "user", "content": "[CVV_REDACTED]"}
    assert counts_by_type(entities) == {"PERSON": 1, "CARD_CVV": 1}


def test_a_transcript_reads_each_answer_with_the_question_before_it() -> None:
    redacted, _ = redact_json({"transcript": "AI: What's the CVV?\nUser: 353\nAI: And the zip?\nUser: 353"})
    assert redacted["transcript"] == "AI: What's the CVV?\nUser: [CVV_REDACTED]\nAI: And the zip?\nUser: 353"


def test_a_known_full_name_said_again_is_one_placeholder() -> None:
    redacted, _ = redact_json({"a": "this is Maria Gonzalez", "b": "Thanks Maria Gonzalez, and Maria"})
    assert redacted["b"] == "Thanks [NAME_REDACTED], and [NAME_REDACTED]"
