"""The compliance risks in a Vapi assistant configuration, as ``check_assistant`` reports them.

Pure functions over the assistant's JSON (as Vapi's API returns it); docs/webhooks.md lists the
rules. Severity "high" means PII can escape VoiceGuard or be lost; the command exits 1 on any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

HIGH, MEDIUM, LOW = "high", "medium", "low"
_NO_REPEAT = re.compile(
    r"\b(?:never|do\s+not|don'?t|must\s+not|avoid)\s+(?:\w+\s+){0,3}(?:repeat|read\s+back|say\s+back|recite|echo|spell\s+out)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Risk:
    rule: str
    severity: str
    reason: str
    fix: str


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def system_prompt(assistant: dict[str, Any]) -> str:
    model = _obj(assistant.get("model"))
    parts = [m.get("content", "") for m in model.get("messages") or [] if isinstance(m, dict) and m.get("role") == "system"]
    parts.append(model.get("systemPrompt") or "")
    return "\n".join(p for p in parts if isinstance(p, str))


def assistant_risks(assistant: dict[str, Any], *, webhook_path: str = "/webhook/vapi") -> list[Risk]:
    risks: list[Risk] = []
    server = _obj(assistant.get("server"))
    artifact = _obj(assistant.get("artifactPlan"))
    compliance = _obj(assistant.get("compliancePlan"))
    recording = artifact.get("recordingEnabled", assistant.get("recordingEnabled", True))
    if recording is not False:
        risks.append(
            Risk(
                "recording-enabled",
                HIGH,
                "calls are recorded (Vapi's default): the audio holds every identifier unredacted, outside VoiceGuard",
                'set "artifactPlan": {"recordingEnabled": false}',
            )
        )
    hipaa = compliance.get("hipaaEnabled", assistant.get("hipaaEnabled", False))
    pci = compliance.get("pciEnabled", False)
    if not hipaa and not pci:
        risks.append(
            Risk(
                "compliance-plan-off",
                MEDIUM,
                "neither HIPAA nor PCI mode is on, so Vapi itself stores transcripts and recordings",
                'set "compliancePlan": {"hipaaEnabled": true} (and "pciEnabled": true for card payments)',
            )
        )
    url = str(server.get("url") or assistant.get("serverUrl") or "")
    parsed = urlparse(url)
    if not url:
        risks.append(
            Risk(
                "no-server-url",
                HIGH,
                "no server URL: VoiceGuard receives nothing",
                f'set "server": {{"url": "https://<host>{webhook_path}"}}',
            )
        )
    else:
        if parsed.scheme != "https":
            risks.append(
                Risk(
                    "server-url-not-https",
                    HIGH,
                    "the server URL is not HTTPS: transcripts cross the network in clear",
                    "use an https:// URL",
                )
            )
        if not parsed.path.rstrip("/").endswith(webhook_path.rstrip("/")):
            risks.append(
                Risk(
                    "server-url-not-voiceguard",
                    MEDIUM,
                    f"the server URL does not end in {webhook_path}: messages may bypass VoiceGuard",
                    f"point server.url at https://<voiceguard host>{webhook_path}",
                )
            )
    inline_secret = assistant.get("serverUrlSecret") or server.get("secret")
    if inline_secret:
        risks.append(
            Risk(
                "inline-secret",
                MEDIUM,
                "the webhook secret is stored inline in the assistant (legacy)",
                "create a Vapi HMAC credential and set server.credentialId; remove the inline secret",
            )
        )
    elif not server.get("credentialId"):
        headers = {str(k).lower() for k in _obj(server.get("headers"))}
        if not headers & {"authorization", "x-vapi-secret"}:
            risks.append(
                Risk(
                    "no-credential",
                    HIGH,
                    "requests to VoiceGuard are not authenticated: VoiceGuard refuses them all",
                    "create a Vapi HMAC credential (see docs/webhooks.md) and set server.credentialId",
                )
            )
    messages = assistant.get("serverMessages")
    if not isinstance(messages, list) or not ({"transcript", 'transcript[transcriptType="final"]'} & {str(m) for m in messages}):
        risks.append(
            Risk(
                "no-transcript-messages",
                HIGH,
                '"transcript" is not in serverMessages: VoiceGuard cannot redact the conversation live',
                'add "transcript" to serverMessages (keep "end-of-call-report")',
            )
        )
    if not _obj(server.get("backoffPlan")):
        risks.append(
            Risk(
                "no-backoff-plan",
                MEDIUM,
                "no backoffPlan: Vapi does not retry, so an end-of-call report that fails once is lost",
                'set server.backoffPlan, e.g. {"type": "exponential", "maxRetries": 5, "baseDelaySeconds": 1,'
                ' "excludedStatusCodes": [400, 401, 413]}',
            )
        )
    if not _NO_REPEAT.search(system_prompt(assistant)):
        risks.append(
            Risk(
                "prompt-repeats-identifiers",
                MEDIUM,
                "the system prompt does not forbid repeating identifiers, so the assistant may read them back",
                'add e.g. "Never repeat or read back card numbers, Social Security numbers or other identifiers."',
            )
        )
    return risks
