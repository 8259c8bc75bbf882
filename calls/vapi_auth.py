"""Proving a webhook came from Vapi, over the exact bytes it sent, before anything parses them.

Three schemes, chosen by ``VAPI_AUTH_SCHEME``:

* ``hmac``: a Vapi HMAC credential. The signed message is ``VAPI_PAYLOAD_FORMAT`` with ``{timestamp}``,
  ``{body}``, ``{method}``, ``{url}`` and ``{svix-id}`` filled in from the request; every field Vapi
  lets a credential set (headers, prefix, algorithm, hex/base64, base64 secret) is a setting. When the
  format signs a timestamp, that header must be within the tolerance, in seconds or milliseconds.
* ``body-hmac``: ``x-vapi-signature: [sha256=]hex(HMAC-SHA256(secret, body))``; freshness comes from the
  signed ``message.timestamp`` (epoch ms), which the view checks once the verified body is parsed.
* ``secret-header``: ``x-vapi-secret: <secret>`` or ``Authorization: Bearer <secret>``. It does not cover
  the body and carries no time: prefer an HMAC scheme.

Guarantees: comparison is constant-time on bytes; a header that is missing, empty, short, long or not
ASCII is a failure with a kind, never an exception; failures never carry the input. Several secrets may
be configured at once (rotation with an overlap). ``Verified.digest`` is the SHA-256 of the body
bytes, whatever the scheme: it identifies a replay, and a retry Vapi re-signed with a new timestamp.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.conf import settings

SCHEMES = ("hmac", "body-hmac", "secret-header")
ALGORITHMS: dict[str, Callable[..., object]] = {"sha256": hashlib.sha256, "sha512": hashlib.sha512, "sha1": hashlib.sha1}
DEFAULT_SIGNATURE_HEADERS = {"hmac": "x-signature", "body-hmac": "x-vapi-signature", "secret-header": "x-vapi-secret"}
# Longer than any real signature or secret header; beyond it we stop looking at the value at all.
MAX_HEADER_CHARS = 1024
# Every reason a request is refused; the 401 body, the counter and the audit event name one of these.
FAILURE_KINDS = (
    "not_configured",
    "address_not_allowed",
    "missing_signature",
    "malformed_header",
    "bad_signature",
    "missing_timestamp",
    "malformed_timestamp",
    "stale_timestamp",
    "future_timestamp",
    "missing_message_id",
    "missing_secret",
    "bad_secret",
)
_PLACEHOLDER = re.compile(r"\{(timestamp|body|method|url|svix-id)\}")


class AuthFailure(Exception):
    """Why a request was refused, as a short fixed kind that is safe to return and to log."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class AuthConfig:
    scheme: str
    secrets: tuple[bytes, ...]
    signature_header: str
    timestamp_header: str
    message_id_header: str
    prefix: str
    payload_format: str
    algorithm: str
    encoding: str
    tolerance_seconds: int

    @property
    def signs_timestamp(self) -> bool:
        return self.scheme == "hmac" and "{timestamp}" in self.payload_format

    @property
    def freshness_from_body(self) -> bool:
        """True when the only signed clock is ``message.timestamp`` inside the body."""
        return self.scheme == "body-hmac" or (self.scheme == "hmac" and not self.signs_timestamp)


@dataclass(frozen=True, slots=True)
class Verified:
    digest: str
    timestamp: float | None  # the signed timestamp header, in seconds, when the scheme has one


def auth_config_from_settings() -> AuthConfig:
    """The configuration as the settings give it; a misconfiguration is a failure kind, not a crash."""
    scheme = str(settings.VAPI_AUTH_SCHEME).strip().lower()
    algorithm = str(settings.VAPI_SIGNATURE_ALGORITHM).strip().lower()
    encoding = str(settings.VAPI_SIGNATURE_ENCODING).strip().lower()
    if scheme not in SCHEMES or algorithm not in ALGORITHMS or encoding not in ("hex", "base64"):
        raise AuthFailure("not_configured")
    return AuthConfig(
        scheme=scheme,
        secrets=_secrets(str(settings.VAPI_WEBHOOK_SECRET), base64_encoded=bool(settings.VAPI_SECRET_IS_BASE64)),
        signature_header=(settings.VAPI_SIGNATURE_HEADER or DEFAULT_SIGNATURE_HEADERS[scheme]).strip(),
        timestamp_header=str(settings.VAPI_TIMESTAMP_HEADER).strip(),
        message_id_header=str(settings.VAPI_MESSAGE_ID_HEADER).strip(),
        prefix=str(settings.VAPI_SIGNATURE_PREFIX),
        payload_format=str(settings.VAPI_PAYLOAD_FORMAT) or "{body}",
        algorithm=algorithm,
        encoding=encoding,
        tolerance_seconds=int(settings.VAPI_TIMESTAMP_TOLERANCE_SECONDS),
    )


def _secrets(raw: str, *, base64_encoded: bool) -> tuple[bytes, ...]:
    out: list[bytes] = []
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        if base64_encoded:
            try:
                out.append(base64.b64decode(part.removeprefix("whsec_") + "==", validate=False))
            except (binascii.Error, ValueError):
                continue
        else:
            out.append(part.encode())
    return tuple(out)


def verify_request(config: AuthConfig, *, body: bytes, headers: Mapping[str, str], method: str, url: str, now: float) -> Verified:
    """Verify one request or raise ``AuthFailure``; ``headers`` must look names up case-insensitively."""
    if not config.secrets:
        raise AuthFailure("not_configured")
    if config.scheme == "secret-header":
        return _verify_secret_header(config, body=body, headers=headers)
    provided = _header_bytes(headers, config.signature_header)
    if provided is None:
        raise AuthFailure("missing_signature")
    candidates = _signature_candidates(provided, config)
    if config.scheme == "body-hmac":
        message, timestamp = body, None
    else:
        timestamp_text = ""
        timestamp = None
        if config.signs_timestamp:
            timestamp_raw = _header_bytes(headers, config.timestamp_header)
            if timestamp_raw is None:
                raise AuthFailure("missing_timestamp")
            timestamp = parse_timestamp(timestamp_raw)
            timestamp_text = timestamp_raw.decode("ascii")
        message = _payload(config, body=body, timestamp=timestamp_text, headers=headers, method=method, url=url)
    digest_fn = ALGORITHMS[config.algorithm if config.scheme == "hmac" else "sha256"]
    matched = False
    for secret in config.secrets:
        mac = hmac.new(secret, message, digest_fn).digest()  # type: ignore[arg-type]
        expected = mac.hex().encode() if config.scheme == "body-hmac" or config.encoding == "hex" else base64.b64encode(mac)
        for candidate in candidates:
            # Evaluate every pair: the time taken does not depend on which secret or candidate matched.
            matched |= hmac.compare_digest(expected, candidate)
    if not matched:
        raise AuthFailure("bad_signature")
    # The signature is good; only now does the clock matter (a stale but genuine request is a replay risk).
    if timestamp is not None:
        check_freshness(timestamp, now=now, tolerance=config.tolerance_seconds)
    return Verified(digest=hashlib.sha256(body).hexdigest(), timestamp=timestamp)


def _verify_secret_header(config: AuthConfig, *, body: bytes, headers: Mapping[str, str]) -> Verified:
    provided = _header_bytes(headers, config.signature_header)
    if provided is None:
        bearer = _header_bytes(headers, "authorization")
        if bearer is not None and bearer[:7].lower() == b"bearer ":
            provided = bearer[7:].strip()
    if not provided:
        raise AuthFailure("missing_secret")
    matched = False
    for secret in config.secrets:
        matched |= hmac.compare_digest(secret, provided)
    if not matched:
        raise AuthFailure("bad_secret")
    return Verified(digest=hashlib.sha256(body).hexdigest(), timestamp=None)


def _header_bytes(headers: Mapping[str, str], name: str) -> bytes | None:
    """The header's value as ASCII bytes, or None when absent or empty; anything odd is malformed."""
    if not name:
        return None
    value = headers.get(name)
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_HEADER_CHARS or not value.isascii():
        raise AuthFailure("malformed_header")
    return value.encode("ascii")


def _signature_candidates(provided: bytes, config: AuthConfig) -> list[bytes]:
    # Several space-separated signatures are allowed (Standard Webhooks sends one per secret).
    prefix = config.prefix.encode("ascii", "replace")
    if config.scheme == "body-hmac":
        prefix = b"sha256="
    candidates = []
    for part in provided.split()[:8]:
        if prefix and part.startswith(prefix):
            part = part[len(prefix) :]
        elif config.prefix and config.scheme == "hmac":
            continue  # the configured prefix is part of the format; a signature without it is wrong
        candidates.append(part.lower() if config.scheme == "body-hmac" or config.encoding == "hex" else part)
    if not candidates:
        raise AuthFailure("bad_signature")
    return candidates


def _payload(config: AuthConfig, *, body: bytes, timestamp: str, headers: Mapping[str, str], method: str, url: str) -> bytes:
    values: dict[str, bytes] = {
        "body": body,
        "timestamp": timestamp.encode(),
        "method": method.upper().encode(),
        "url": url.encode(),
    }
    if "{svix-id}" in config.payload_format:
        message_id = _header_bytes(headers, config.message_id_header)
        if message_id is None:
            raise AuthFailure("missing_message_id")
        values["svix-id"] = message_id
    out = bytearray()
    last = 0
    for match in _PLACEHOLDER.finditer(config.payload_format):
        out += config.payload_format[last : match.start()].encode()
        out += values[match.group(1)]
        last = match.end()
    out += config.payload_format[last:].encode()
    return bytes(out)


def parse_timestamp(raw: bytes | str | int | float) -> float:
    """Epoch seconds from seconds or milliseconds (anything above 10^12 is milliseconds)."""
    if isinstance(raw, bool):
        raise AuthFailure("malformed_timestamp")
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = raw.decode("ascii") if isinstance(raw, bytes) else raw
        if not re.fullmatch(r"\d{1,16}(\.\d{1,6})?", text.strip()):
            raise AuthFailure("malformed_timestamp")
        value = float(text)
    if value != value or value <= 0:  # NaN or non-positive
        raise AuthFailure("malformed_timestamp")
    return value / 1000.0 if value > 1e12 else value


def check_freshness(timestamp: float, *, now: float, tolerance: int) -> None:
    if timestamp < now - tolerance:
        raise AuthFailure("stale_timestamp")
    if timestamp > now + tolerance:
        raise AuthFailure("future_timestamp")
