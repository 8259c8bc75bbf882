"""Distinct, signed Vapi requests for the load generator: every body differs, so none is a replay."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[3] / "shared" / "vapi-payloads"
CALLS_PER_POOL = 500  # partials and finals are spread over this many live calls

USER_LINES = [
    "Sure. My date of birth is March 14th, 1985 and my social is 123-45-6789.",
    "Hi, this is Maria Gonzalez. My email is maria.gonzalez@example.com.",
    "Visa, four five three two one two three four five six seven eight nine zero one two.",
    "Yes, that's right, and my callback number is 415-555-0142.",
    "I was charged twice last month, can you check that for me?",
]
BOT_LINES = [
    "Thanks for calling Acme Utilities, this is Ava. Who am I speaking with?",
    "To verify your identity, can you give me your date of birth and Social Security number?",
    "You're verified. I can take a payment now. What card would you like to use?",
    "Got it. I'll also text a receipt to four one five, five five five, zero one four two.",
    "Is there anything else I can help you with today?",
]


def _fixture(name: str) -> dict[str, Any]:
    return json.loads((SHARED / f"{name}.json").read_text())


def _sign(secret: bytes, body: bytes, ts: str) -> str:
    return hmac.new(secret, ts.encode() + b"." + body, hashlib.sha256).hexdigest()


def _partial(base: dict[str, Any], n: int, call_ids: list[str]) -> dict[str, Any]:
    doc = copy.deepcopy(base)
    m = doc["message"]
    m["call"]["id"] = call_ids[n % len(call_ids)]
    m["timestamp"] = int(time.time() * 1000) + n
    m["transcript"] = f"{USER_LINES[n % len(USER_LINES)][: 20 + n % 40]} {n}"
    return doc


def _final(base: dict[str, Any], n: int, call_ids: list[str]) -> dict[str, Any]:
    doc = _partial(base, n, call_ids)
    m = doc["message"]
    m["role"] = "assistant" if n % 2 else "user"
    m["transcript"] = f"{(BOT_LINES if n % 2 else USER_LINES)[n % 5]} ({n})"
    return doc


def end_of_call_report(base: dict[str, Any], n: int, turns: int = 50) -> dict[str, Any]:
    doc = copy.deepcopy(base)
    m = doc["message"]
    call_id = str(uuid.uuid4())
    m["call"]["id"] = call_id
    m["timestamp"] = int(time.time() * 1000) + n
    messages, openai, lines = [], [], []
    for turn in range(turns):
        user = turn % 2 == 1
        text = f"{(USER_LINES if user else BOT_LINES)[turn % 5]} ({n}.{turn})"
        role = "user" if user else "bot"
        messages.append({"role": role, "message": text, "time": 1767303000000 + turn * 4000, "secondsFromStart": turn * 4.0})
        openai.append({"role": "user" if user else "assistant", "content": text})
        lines.append(("User: " if user else "AI: ") + text)
    m["artifact"]["messages"] = messages
    m["artifact"]["messagesOpenAIFormatted"] = openai
    m["artifact"]["transcript"] = "\n".join(lines)
    for key in ("recordingUrl", "stereoRecordingUrl"):
        m["artifact"][key] = f"https://storage.vapi.ai/{call_id}-{key}.wav"
    return doc


def signed_requests(*, case: str, count: int, secret: bytes) -> Iterator[tuple[str, str, bytes]]:
    """``count`` distinct requests for one case, as (signature, timestamp, body), signed as Vapi signs."""
    base = _fixture({"partials": "transcript.partial", "finals": "transcript.final", "reports": "end-of-call-report"}[case])
    call_ids = [str(uuid.uuid4()) for _ in range(CALLS_PER_POOL)]
    ts = str(int(time.time()))
    for n in range(count):
        if case == "partials":
            doc = _partial(base, n, call_ids)
        elif case == "finals":
            doc = _final(base, n, call_ids)
        else:
            doc = end_of_call_report(base, n)
        body = json.dumps(doc, separators=(",", ":")).encode()
        yield _sign(secret, body, ts), ts, body


def write_pool(path: Path, *, case: str, count: int, secret: bytes) -> int:
    """Write ``count`` signed requests for one case; returns the mean body size in bytes."""
    total = 0
    with path.open("w", encoding="utf-8") as fh:
        for signature, ts, body in signed_requests(case=case, count=count, secret=secret):
            total += len(body)
            fh.write(f"{signature}\t{ts}\t{body.decode()}\n")
    return total // max(count, 1)
