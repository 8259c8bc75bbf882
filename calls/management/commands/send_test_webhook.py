"""Sign and send one webhook the way Vapi would, and print the answer: an end-to-end check of a deployment.

    python manage.py send_test_webhook --type transcript --text "My SSN is 123-45-6789" \\
        [--url https://voiceguard.example.com/webhook/vapi] [--scheme hmac|body-hmac|secret-header] \\
        [--partial] [--role user|assistant] [--call-id ID]

It signs with the first secret in ``VAPI_WEBHOOK_SECRET`` and the configured HMAC fields, so a 401
means the deployment and this configuration disagree. The text it sends is whatever the operator
typed; the response shows it redacted. It writes nothing locally.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from calls.vapi_auth import ALGORITHMS, AuthFailure, auth_config_from_settings


class Command(BaseCommand):
    help = "Sign and send a test webhook as Vapi would, and print the response."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--type", default="transcript", help="message.type (default transcript)")
        parser.add_argument("--text", default="My SSN is 123-45-6789", help="the transcript text")
        parser.add_argument("--url", default="http://127.0.0.1:8000/webhook/vapi")
        parser.add_argument("--scheme", choices=["hmac", "body-hmac", "secret-header"], help="default: VAPI_AUTH_SCHEME")
        parser.add_argument("--partial", action="store_true", help="send a partial transcript (default final)")
        parser.add_argument("--role", choices=["user", "assistant"], default="user")
        parser.add_argument("--call-id", default="", help="Vapi call id (default: a new one)")
        parser.add_argument("--timeout", type=float, default=10.0)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scheme"]:
            settings.VAPI_AUTH_SCHEME = options["scheme"]
        try:
            config = auth_config_from_settings()
        except AuthFailure:
            raise CommandError("the webhook settings are invalid (VAPI_AUTH_SCHEME, VAPI_SIGNATURE_*)") from None
        if not config.secrets:
            raise CommandError("VAPI_WEBHOOK_SECRET is empty: there is nothing to sign with")
        message: dict[str, Any] = {
            "type": options["type"],
            "timestamp": int(time.time() * 1000),
            "call": {"id": options["call_id"] or f"test-{uuid.uuid4()}"},
        }
        if options["type"].startswith("transcript"):
            message.update(
                role=options["role"], transcriptType="partial" if options["partial"] else "final", transcript=options["text"]
            )
        body = json.dumps({"message": message}, separators=(",", ":")).encode()
        headers = {"Content-Type": "application/json", **sign(config, body, url=options["url"])}
        request = urllib.request.Request(options["url"], data=body, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=options["timeout"]) as response:  # noqa: S310
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, payload = exc.code, exc.read()
        except (urllib.error.URLError, OSError) as exc:
            raise CommandError(f"could not reach {options['url']}: {type(exc).__name__}") from None
        self.stdout.write(f"HTTP {status}")
        self.stdout.write(payload.decode("utf-8", "replace"))
        if status >= 300:
            raise CommandError(f"the webhook answered {status}")


def sign(config: Any, body: bytes, *, url: str) -> dict[str, str]:
    secret = config.secrets[0]
    if config.scheme == "secret-header":
        return {config.signature_header: secret.decode()}
    if config.scheme == "body-hmac":
        return {config.signature_header: "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()}
    ts = str(int(time.time()))
    message_id = f"msg_{uuid.uuid4().hex}"
    message = config.payload_format
    parts = {"{timestamp}": ts.encode(), "{method}": b"POST", "{url}": url.encode(), "{svix-id}": message_id.encode()}
    signed = message.encode()
    signed = signed.replace(b"{body}", b"\0BODY\0")
    for placeholder, value in parts.items():
        signed = signed.replace(placeholder.encode(), value)
    signed = signed.replace(b"\0BODY\0", body)
    mac = hmac.new(secret, signed, ALGORITHMS[config.algorithm]).digest()  # type: ignore[arg-type]
    signature = mac.hex() if config.encoding == "hex" else base64.b64encode(mac).decode()
    headers = {config.signature_header: config.prefix + signature}
    if "{timestamp}" in config.payload_format and config.timestamp_header:
        headers[config.timestamp_header] = ts
    if "{svix-id}" in config.payload_format and config.message_id_header:
        headers[config.message_id_header] = message_id
    return headers
