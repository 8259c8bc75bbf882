"""send_test_webhook (end to end against a live server) and check_assistant."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from calls.models import TranscriptSegment

GOOD_ASSISTANT = {
    "name": "Billing",
    "model": {"messages": [{"role": "system", "content": "You are Ava. Never repeat or read back card numbers or SSNs."}]},
    "artifactPlan": {"recordingEnabled": False},
    "compliancePlan": {"hipaaEnabled": True},
    "server": {
        "url": "https://voiceguard.example.com/webhook/vapi",
        "credentialId": "cred_123",
        "backoffPlan": {"type": "exponential", "maxRetries": 5, "baseDelaySeconds": 1},
    },
    "serverMessages": ["transcript", "end-of-call-report", "tool-calls"],
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scheme", ["hmac", "body-hmac", "secret-header"])
def test_send_test_webhook_signs_like_vapi_and_prints_the_redacted_answer(
    live_server: Any, vapi_settings: Any, scheme: str
) -> None:
    vapi_settings.VAPI_AUTH_SCHEME = scheme
    out = StringIO()
    call_command(
        "send_test_webhook",
        "--text",
        "My SSN is 123-45-6789",
        "--url",
        f"{live_server.url}/webhook/vapi",
        "--scheme",
        scheme,
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == "HTTP 200"
    assert json.loads(lines[1]) == {"transcript": "My SSN is [SSN_REDACTED]", "redacted": True}
    assert TranscriptSegment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_send_test_webhook_fails_loudly_on_a_secret_mismatch(live_server: Any, vapi_settings: Any, monkeypatch: Any) -> None:
    from dataclasses import replace

    from calls.management.commands import send_test_webhook

    # The live server shares this process's settings, so only the command is given another secret.
    original = send_test_webhook.auth_config_from_settings
    monkeypatch.setattr(send_test_webhook, "auth_config_from_settings", lambda: replace(original(), secrets=(b"someone_elses",)))
    out = StringIO()
    with pytest.raises(CommandError, match="answered 401"):
        call_command("send_test_webhook", "--url", f"{live_server.url}/webhook/vapi", stdout=out)
    assert "HTTP 401" in out.getvalue() and "bad_signature" in out.getvalue()


def write(tmp_path: Path, assistant: dict[str, Any]) -> str:
    path = tmp_path / "assistant.json"
    path.write_text(json.dumps(assistant))
    return str(path)


def test_check_assistant_passes_a_compliant_assistant(tmp_path: Path) -> None:
    out = StringIO()
    call_command("check_assistant", write(tmp_path, GOOD_ASSISTANT), stdout=out)
    assert "No compliance risks found." in out.getvalue()


def test_check_assistant_lists_every_risk_and_exits_1_on_a_high_one(tmp_path: Path) -> None:
    risky = {
        "model": {"messages": [{"role": "system", "content": "You are Ava."}]},
        "server": {"url": "http://example.com/hooks"},
        "serverUrlSecret": "inline-secret",
        "serverMessages": ["end-of-call-report"],
    }
    out = StringIO()
    with pytest.raises(CommandError, match="high risk") as failure:
        call_command("check_assistant", write(tmp_path, risky), stdout=out)
    assert failure.value.returncode == 1
    text = out.getvalue()
    for rule in (
        "recording-enabled",
        "compliance-plan-off",
        "server-url-not-https",
        "server-url-not-voiceguard",
        "inline-secret",
        "no-transcript-messages",
        "no-backoff-plan",
        "prompt-repeats-identifiers",
    ):
        assert rule in text
    assert "inline-secret" in text and "fix:" in text


def test_check_assistant_flags_a_missing_credential(tmp_path: Path) -> None:
    assistant = json.loads(json.dumps(GOOD_ASSISTANT))
    del assistant["server"]["credentialId"]
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_assistant", write(tmp_path, assistant), stdout=out)
    assert "[high] no-credential" in out.getvalue()


def test_check_assistant_refuses_a_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text("nope")
    with pytest.raises(CommandError, match="is not JSON"):
        call_command("check_assistant", str(path))
