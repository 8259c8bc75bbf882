"""Signing real Vapi payloads the way Vapi does, for the webhook tests (fixtures are imported explicitly)."""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from calls.intake import cache as intake_cache

PAYLOADS = Path(__file__).resolve().parents[3] / "shared" / "vapi-payloads"
SECRET = "vg_test_secret"
URL = "/webhook/vapi"


def payload(name: str) -> dict[str, Any]:
    return json.loads((PAYLOADS / f"{name}.json").read_text())


def with_call(document: dict[str, Any], call_id: str, **message: Any) -> dict[str, Any]:
    """A copy of a payload moved to another call id (and fresh timestamp), with fields replaced."""
    doc = copy.deepcopy(document)
    msg = doc["message"]
    msg.setdefault("call", {})["id"] = call_id
    msg["timestamp"] = int(time.time() * 1000)
    msg.update(message)
    return doc


def encode(document: dict[str, Any] | bytes) -> bytes:
    return document if isinstance(document, bytes) else json.dumps(document).encode()


def hmac_headers(body: bytes, *, secret: str = SECRET, timestamp: str | None = None) -> dict[str, str]:
    ts = timestamp if timestamp is not None else str(int(time.time()))
    signature = hmac.new(secret.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {"x-signature": signature, "x-timestamp": ts}


def body_hmac_headers(body: bytes, *, secret: str = SECRET, prefix: str = "") -> dict[str, str]:
    return {"x-vapi-signature": prefix + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()}


class Vapi:
    """Posts signed requests to the webhook as Vapi would (HMAC credential, default fields)."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def post(self, document: dict[str, Any] | bytes, *, headers: dict[str, str] | None = None, path: str = URL) -> Any:
        body = encode(document)
        return self.client.post(
            path, data=body, content_type="application/json", headers=headers if headers is not None else hmac_headers(body)
        )

    def send(self, document: dict[str, Any] | bytes) -> dict[str, Any]:
        response = self.post(document)
        assert response.status_code == 200, (response.status_code, response.content)
        return response.json()


@pytest.fixture
def vapi_settings(settings: Any) -> Any:
    settings.VAPI_AUTH_SCHEME = "hmac"
    settings.VAPI_WEBHOOK_SECRET = SECRET
    settings.VAPI_SIGNATURE_HEADER = ""
    settings.VAPI_TIMESTAMP_HEADER = "x-timestamp"
    settings.VAPI_SIGNATURE_PREFIX = ""
    settings.VAPI_PAYLOAD_FORMAT = "{timestamp}.{body}"
    settings.VAPI_SIGNATURE_ALGORITHM = "sha256"
    settings.VAPI_SIGNATURE_ENCODING = "hex"
    settings.VAPI_SECRET_IS_BASE64 = False
    settings.VAPI_ALLOWED_CIDRS = []
    settings.VAPI_ASSISTANT_ID = ""
    settings.STORE_PARTIAL_TRANSCRIPTS = False
    settings.VOICEGUARD_TOOL_HANDLERS = {"verify_identity": "calls.tool_handlers.verify_identity"}
    return settings


@pytest.fixture
def vapi(vapi_settings: Any, client: Client) -> Iterator[Vapi]:
    intake_cache.reset()
    yield Vapi(client)
    intake_cache.reset()


@pytest.fixture
def call_id() -> str:
    return str(uuid.uuid4())


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()
