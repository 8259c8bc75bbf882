"""A Vapi end-of-call report with ``turns`` generated turns, for timing ``redact_json``.

Built on the shared ``end-of-call-report.json`` sample (or a minimal skeleton of it when the
samples are not mounted): each turn's text appears, as in a real report, in
``artifact.messages``, ``artifact.messagesOpenAIFormatted`` and the joined ``artifact.transcript``,
and the analysis summary repeats a few caller lines. Caller turns are generated finals (PII in
every form, number-heavy non-PII sentences); assistant turns are the questions that preceded them.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from .fragments import generate

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "vapi-payloads" / "end-of-call-report.json"
_ASSISTANT = "Thanks. Is there anything else I can help you with today?"


def _skeleton() -> dict[str, Any]:
    if SAMPLE.exists():
        return json.loads(SAMPLE.read_text())
    return {
        "message": {
            "type": "end-of-call-report",
            "customer": {"number": "+14155550142"},
            "call": {"id": "7d1f3c2a-5b8e-4f0a-9c6d-2e4b8a1f9c30", "customer": {"number": "+14155550142"}},
            "endedReason": "customer-ended-call",
            "artifact": {},
            "analysis": {"summary": "", "structuredData": {}},
        }
    }


def end_of_call_report(seed: int, turns: int = 50) -> dict[str, Any]:
    """A report of ``turns`` turns (alternating assistant and caller), deterministic per seed."""
    doc = copy.deepcopy(_skeleton())
    m = doc["message"]
    finals = [f for f in generate(seed, turns) if not f.partial]
    messages: list[dict[str, Any]] = []
    openai: list[dict[str, Any]] = []
    lines: list[str] = []
    caller: list[str] = []
    for turn in range(turns):
        user = turn % 2 == 1
        fragment = finals[(turn // 2) % len(finals)]
        if user:
            text = fragment.text
            caller.append(text)
        else:
            text = fragment.question or _ASSISTANT
        seconds = 4.0 * turn
        messages.append({"role": "user" if user else "bot", "message": text, "time": 1767303000000 + int(1000 * seconds),
                         "secondsFromStart": seconds})  # fmt: skip
        openai.append({"role": "user" if user else "assistant", "content": text})
        lines.append(("User: " if user else "AI: ") + text)
    artifact = m.setdefault("artifact", {})
    artifact["messages"] = messages
    artifact["messagesOpenAIFormatted"] = openai
    artifact["transcript"] = "\n".join(lines)
    analysis = m.setdefault("analysis", {})
    analysis["summary"] = "The caller said: " + " ".join(caller[:5])
    return doc
