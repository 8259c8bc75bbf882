"""tool-calls and function-call: handlers get the arguments in memory; answers and storage are redacted."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from calls.models import WebhookEvent
from tests.calls import webhook_tool_handlers
from tests.calls.webhook_helpers import Vapi, payload, with_call

pytestmark = pytest.mark.django_db

ARGS = {"full_name": "Maria Gonzalez", "date_of_birth": "1985-03-14", "ssn": "123-45-6789"}


def tool_message(call_id: str, calls: list[dict[str, Any]]) -> dict[str, Any]:
    doc = with_call(payload("tool-calls"), call_id, toolCallList=calls)
    doc["message"].pop("toolWithToolCallList")
    return doc


@pytest.fixture
def tools(vapi_settings: Any) -> Any:
    vapi_settings.VOICEGUARD_TOOL_HANDLERS = {
        "verify_identity": "calls.tool_handlers.verify_identity",
        "slow": "tests.calls.webhook_tool_handlers.slow",
        "broken": "tests.calls.webhook_tool_handlers.broken",
        "lookup": "tests.calls.webhook_tool_handlers.lookup",
        "missing_module": "tests.calls.no_such_module.handler",
    }
    vapi_settings.TOOL_TIMEOUT_SECONDS = 0.3
    return vapi_settings


def test_the_fixture_with_object_arguments_reaches_the_example_handler(vapi: Vapi, call_id: str) -> None:
    response = vapi.send(with_call(payload("tool-calls"), call_id))
    assert response == {
        "results": [
            {
                "toolCallId": "call_Xb7QmT2pLr9vN4kJ8sWd1eZa",
                "name": "verify_identity",
                "result": '{"complete":true,"missing_or_malformed":[]}',
            }
        ]
    }


def test_string_and_object_arguments_and_both_name_shapes_are_accepted(vapi: Vapi, call_id: str, tools: Any) -> None:
    response = vapi.send(
        tool_message(
            call_id,
            [
                {"id": "a", "type": "function", "function": {"name": "verify_identity", "arguments": json.dumps(ARGS)}},
                {"id": "b", "name": "verify_identity", "arguments": ARGS},
                {"id": "c", "name": "verify_identity", "parameters": {"full_name": "Maria Gonzalez"}},
                {"id": "d", "function": {"name": "verify_identity", "arguments": "{not json"}},
            ],
        )
    )
    results = {r["toolCallId"]: r for r in response["results"]}
    assert json.loads(results["a"]["result"])["complete"] is True
    assert json.loads(results["b"]["result"])["complete"] is True
    assert json.loads(results["c"]["result"]) == {"complete": False, "missing_or_malformed": ["date_of_birth", "ssn"]}
    assert results["d"] == {"toolCallId": "d", "name": "verify_identity", "error": "the arguments are not a JSON object"}


def test_an_unknown_a_failing_and_a_slow_tool_each_get_an_error_while_the_others_answer(
    vapi: Vapi, call_id: str, tools: Any, caplog: Any
) -> None:
    started = time.monotonic()
    response = vapi.send(
        tool_message(
            call_id,
            [
                {"id": "1", "function": {"name": "nope", "arguments": "{}"}},
                {"id": "2", "function": {"name": "broken", "arguments": json.dumps(ARGS)}},
                {"id": "3", "function": {"name": "slow", "arguments": "{}"}},
                {"id": "4", "function": {"name": "verify_identity", "arguments": ARGS}},
                {"id": "5", "function": {"name": "missing_module", "arguments": {}}},
            ],
        )
    )
    assert time.monotonic() - started < 0.9  # the slow tool was not waited for
    results = {r["toolCallId"]: r for r in response["results"]}
    assert results["1"]["error"] == "unknown tool: nope"
    assert results["2"]["error"] == "the tool failed"
    assert results["3"]["error"] == "the tool timed out"
    assert "result" in results["4"]
    assert results["5"]["error"] == "unknown tool: missing_module"
    assert "123-45-6789" not in caplog.text and "lookup failed" not in caplog.text


def test_a_handlers_result_is_redacted_before_it_is_answered(vapi: Vapi, call_id: str, tools: Any) -> None:
    response = vapi.send(
        tool_message(
            call_id, [{"id": "x", "function": {"name": "lookup", "arguments": {"account_number": "4532 1234 5678 9012"}}}]
        )
    )
    result = response["results"][0]["result"]
    assert json.loads(result)["found"] is True
    assert "4155550142" not in result and "4532" not in result


def test_the_legacy_function_call_gets_a_result(vapi: Vapi, call_id: str) -> None:
    doc = with_call(
        payload("tool-calls"), call_id, type="function-call", functionCall={"name": "verify_identity", "parameters": ARGS}
    )
    assert json.loads(vapi.send(doc)["result"])["complete"] is True
    doc = with_call(payload("tool-calls"), call_id, type="function-call", functionCall={"name": "nope", "parameters": {}})
    assert vapi.send(doc) == {"error": "unknown tool: nope"}


def test_a_replayed_tool_call_does_not_run_the_handler_again(vapi: Vapi, call_id: str, tools: Any) -> None:
    from django.core.cache import cache

    webhook_tool_handlers.CALLS.clear()
    body = json.dumps(tool_message(call_id, [{"id": "once", "function": {"name": "lookup", "arguments": {}}}])).encode()
    from tests.calls.webhook_helpers import hmac_headers

    headers = hmac_headers(body)
    first = vapi.post(body, headers=headers).json()
    assert vapi.post(body, headers=headers).json() == first
    cache.clear()  # the database's unique digest is the backstop
    again = vapi.post(body, headers=headers).json()
    assert again == {"results": [{"toolCallId": "once", "name": "lookup", "error": "this tool call was already answered"}]}
    assert webhook_tool_handlers.CALLS == ["once"]
    assert WebhookEvent.objects.count() == 1
