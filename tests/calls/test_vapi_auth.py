"""The verifier on its own: the reference's test vectors (§11) and every way a signature can be wrong."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import replace

import pytest

from calls.vapi_auth import AuthConfig, AuthFailure, check_freshness, parse_timestamp, verify_request

BODY = b'{"message":{"type":"transcript","role":"user","transcriptType":"final","transcript":"my social is 123-45-6789"}}'
TS = "1767303024"
NOW = 1767303024.0
DEFAULT_VECTOR = "7aa0136b97fd2b6f2f0d1e4feacebbbe9ab7335f049c7f4cd8fb6301e45a0aab"
BODY_ONLY_VECTOR = "69bc8940f5bf936dd292472504907696d6e8b829ad1fcc9b9dc6d337b6ab71f6"

HMAC = AuthConfig(
    scheme="hmac",
    secrets=(b"vg_test_secret",),
    signature_header="x-signature",
    timestamp_header="x-timestamp",
    message_id_header="",
    prefix="",
    payload_format="{timestamp}.{body}",
    algorithm="sha256",
    encoding="hex",
    tolerance_seconds=300,
)
BODY_HMAC = replace(HMAC, scheme="body-hmac", signature_header="x-vapi-signature")
SECRET_HEADER = replace(HMAC, scheme="secret-header", signature_header="x-vapi-secret")


class Headers(dict[str, str]):
    """Case-insensitive like Django's request.headers."""

    def __init__(self, **values: str) -> None:
        super().__init__({k.lower().replace("_", "-"): v for k, v in values.items()})

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return super().get(key.lower(), default)


def verify(config: AuthConfig, headers: Headers, body: bytes = BODY, now: float = NOW) -> object:
    return verify_request(config, body=body, headers=headers, method="POST", url="https://vg.example/webhook/vapi", now=now)


def kind(config: AuthConfig, headers: Headers, body: bytes = BODY, now: float = NOW) -> str:
    with pytest.raises(AuthFailure) as failure:
        verify(config, headers, body, now)
    return failure.value.kind


def test_it_accepts_the_vapi_hmac_default_vector() -> None:
    verified = verify(HMAC, Headers(x_signature=DEFAULT_VECTOR, x_timestamp=TS))
    # The digest is of the body alone: a retry re-signed with another timestamp has the same one.
    assert verified.digest == hashlib.sha256(BODY).hexdigest()  # type: ignore[attr-defined]
    assert verified.timestamp == NOW  # type: ignore[attr-defined]


def test_it_accepts_the_body_only_vector_with_payload_format_body() -> None:
    config = replace(HMAC, payload_format="{body}")
    verify(config, Headers(x_signature=BODY_ONLY_VECTOR))
    assert config.freshness_from_body


def test_it_accepts_the_body_only_vector_in_the_body_hmac_scheme_with_and_without_prefix() -> None:
    verify(BODY_HMAC, Headers(x_vapi_signature=BODY_ONLY_VECTOR))
    verify(BODY_HMAC, Headers(x_vapi_signature="sha256=" + BODY_ONLY_VECTOR))
    verify(BODY_HMAC, Headers(x_vapi_signature=BODY_ONLY_VECTOR.upper()))


def test_it_accepts_the_standard_webhooks_vector_as_an_hmac_credential() -> None:
    # The reference's Standard Webhooks vector, expressed with Vapi's configurable HMAC fields.
    config = replace(
        HMAC,
        secrets=(base64.b64decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),),
        signature_header="webhook-signature",
        timestamp_header="webhook-timestamp",
        message_id_header="webhook-id",
        payload_format="{svix-id}.{timestamp}.{body}",
        encoding="base64",
        prefix="v1,",
    )
    headers = Headers(
        webhook_id="msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
        webhook_timestamp="1674087231",
        webhook_signature="v1,pnz4Ih7x5PdLVUwU03/WA0734NEaSYHJ6WB5OOTGfwA=",
    )
    body = BODY
    verify(config, headers, body=body, now=1674087231.0)
    assert kind(config, Headers(**{**headers, "webhook-id": "msg_other"}), body=body, now=1674087231.0) == "bad_signature"


def test_it_reads_a_base64_secret_from_settings(settings: object) -> None:
    from calls.vapi_auth import auth_config_from_settings

    settings.VAPI_WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"vg_test_secret").decode()  # type: ignore[attr-defined]
    settings.VAPI_SECRET_IS_BASE64 = True  # type: ignore[attr-defined]
    settings.VAPI_AUTH_SCHEME = "hmac"  # type: ignore[attr-defined]
    assert auth_config_from_settings().secrets == (b"vg_test_secret",)


@pytest.mark.parametrize(("algorithm", "encoding"), [("sha512", "hex"), ("sha1", "base64"), ("sha256", "base64")])
def test_it_supports_every_algorithm_and_encoding(algorithm: str, encoding: str) -> None:
    config = replace(HMAC, algorithm=algorithm, encoding=encoding, prefix="sig=")
    mac = hmac.new(b"vg_test_secret", TS.encode() + b"." + BODY, getattr(hashlib, algorithm)).digest()
    signature = mac.hex() if encoding == "hex" else base64.b64encode(mac).decode()
    verify(config, Headers(x_signature="sig=" + signature, x_timestamp=TS))
    assert kind(config, Headers(x_signature=signature, x_timestamp=TS)) == "bad_signature"  # prefix missing


def test_it_signs_method_and_url_when_the_format_asks() -> None:
    config = replace(HMAC, payload_format="{method} {url}\n{timestamp}.{body}")
    message = b"POST https://vg.example/webhook/vapi\n" + TS.encode() + b"." + BODY
    verify(config, Headers(x_signature=hmac.new(b"vg_test_secret", message, hashlib.sha256).hexdigest(), x_timestamp=TS))


@pytest.mark.parametrize(
    ("signature", "expected"),
    [
        (None, "missing_signature"),
        ("", "missing_signature"),
        ("   ", "missing_signature"),
        ("7aa0", "bad_signature"),
        (DEFAULT_VECTOR + "00", "bad_signature"),
        ("a" * 5000, "malformed_header"),
        ("7aa0136b97fd2b6f2f0d1e4feacébbbe9ab7335f049c7f4cd8fb6301e45a0aab", "malformed_header"),
        ("sha256=" + DEFAULT_VECTOR, "bad_signature"),
        (BODY_ONLY_VECTOR, "bad_signature"),
    ],
    ids=["missing", "empty", "blank", "short", "long", "huge", "non-ascii", "wrong-prefix", "other-payload"],
)
def test_it_refuses_a_bad_signature_header_without_raising_anything_else(signature: str | None, expected: str) -> None:
    headers = Headers(x_timestamp=TS) if signature is None else Headers(x_signature=signature, x_timestamp=TS)
    assert kind(HMAC, headers) == expected


def test_it_refuses_a_wrong_secret() -> None:
    assert (
        kind(replace(HMAC, secrets=(b"another_secret",)), Headers(x_signature=DEFAULT_VECTOR, x_timestamp=TS)) == "bad_signature"
    )


def test_it_refuses_when_no_secret_is_configured() -> None:
    assert kind(replace(HMAC, secrets=()), Headers(x_signature=DEFAULT_VECTOR, x_timestamp=TS)) == "not_configured"


def test_it_accepts_either_of_two_secrets_during_rotation() -> None:
    rotating = replace(HMAC, secrets=(b"new_secret", b"vg_test_secret"))
    verify(rotating, Headers(x_signature=DEFAULT_VECTOR, x_timestamp=TS))
    new_signature = hmac.new(b"new_secret", TS.encode() + b"." + BODY, hashlib.sha256).hexdigest()
    verify(rotating, Headers(x_signature=new_signature, x_timestamp=TS))
    assert kind(replace(HMAC, secrets=(b"new_secret",)), Headers(x_signature=DEFAULT_VECTOR, x_timestamp=TS)) == "bad_signature"


def test_it_refuses_a_body_changed_by_one_byte_or_respaced() -> None:
    headers = Headers(x_signature=DEFAULT_VECTOR, x_timestamp=TS)
    assert kind(HMAC, headers, body=BODY.replace(b"6789", b"6788")) == "bad_signature"
    assert kind(HMAC, headers, body=BODY.replace(b'":', b'": ')) == "bad_signature"
    assert kind(HMAC, headers, body=BODY + b"\n") == "bad_signature"


@pytest.mark.parametrize(
    ("now", "expected"), [(NOW + 301, "stale_timestamp"), (NOW - 301, "future_timestamp")], ids=["stale", "future"]
)
def test_it_refuses_a_genuine_signature_outside_the_tolerance(now: float, expected: str) -> None:
    assert kind(HMAC, Headers(x_signature=DEFAULT_VECTOR, x_timestamp=TS), now=now) == expected


def test_it_refuses_a_missing_or_malformed_timestamp() -> None:
    assert kind(HMAC, Headers(x_signature=DEFAULT_VECTOR)) == "missing_timestamp"
    assert kind(HMAC, Headers(x_signature=DEFAULT_VECTOR, x_timestamp="yesterday")) == "malformed_timestamp"
    assert kind(HMAC, Headers(x_signature=DEFAULT_VECTOR, x_timestamp="-5")) == "malformed_timestamp"


def test_it_reads_timestamps_in_seconds_or_milliseconds() -> None:
    assert parse_timestamp("1767303024") == 1767303024.0
    assert parse_timestamp("1767303024300") == pytest.approx(1767303024.3)
    assert parse_timestamp(1767303024300) == pytest.approx(1767303024.3)
    with pytest.raises(AuthFailure):
        parse_timestamp(True)
    check_freshness(NOW, now=NOW + 299, tolerance=300)


def test_it_accepts_a_millisecond_timestamp_header() -> None:
    ts_ms = "1767303024000"
    signature = hmac.new(b"vg_test_secret", ts_ms.encode() + b"." + BODY, hashlib.sha256).hexdigest()
    verify(HMAC, Headers(x_signature=signature, x_timestamp=ts_ms))


def test_it_compares_the_legacy_secret_header_and_bearer_token() -> None:
    verify(SECRET_HEADER, Headers(x_vapi_secret="vg_test_secret"))
    verify(SECRET_HEADER, Headers(authorization="Bearer vg_test_secret"))
    assert kind(SECRET_HEADER, Headers(x_vapi_secret="vg_test_secre")) == "bad_secret"
    assert kind(SECRET_HEADER, Headers(authorization="Basic dmc=")) == "missing_secret"
    assert kind(SECRET_HEADER, Headers()) == "missing_secret"
    assert kind(SECRET_HEADER, Headers(x_vapi_secret="sécret")) == "malformed_header"
