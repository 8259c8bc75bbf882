"""The webhook over HTTP: authentication for each scheme, size limits, bad input, unknown types."""

from __future__ import annotations

import io
import json
import time
from typing import Any

import pytest
from django.test import RequestFactory

from audit.models import AuditEvent
from calls.api import VapiWebhookApi
from calls.models import Call, WebhookEvent
from calls.selectors import webhook_auth_failures_by_day
from tests.calls.webhook_helpers import SECRET, URL, Vapi, body_hmac_headers, encode, hmac_headers, payload, with_call

pytestmark = pytest.mark.django_db


def final(call_id: str) -> bytes:
    return encode(with_call(payload("transcript.final"), call_id))


def test_it_accepts_a_signed_fixture_with_or_without_trailing_slash(vapi: Vapi, call_id: str) -> None:
    assert vapi.post(final(call_id)).status_code == 200
    other = final(call_id + "x")
    assert vapi.post(other, path=URL + "/").status_code == 200
    assert WebhookEvent.objects.count() == 2


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        ({}, "missing_signature"),
        ({"x-signature": ""}, "missing_signature"),
        ({"x-signature": "abc"}, "bad_signature"),
        ({"x-signature": "f" * 2000}, "malformed_header"),
        ({"x-signature": "ünïcödé"}, "malformed_header"),
        ({"x-signature": "sha256=" + "0" * 64}, "bad_signature"),
    ],
    ids=["missing", "empty", "short", "long", "non-ascii", "wrong-prefix"],
)
def test_it_answers_401_naming_the_failure_without_echoing_it(
    vapi: Vapi, call_id: str, headers: dict[str, str], kind: str
) -> None:
    headers = {"x-timestamp": str(int(time.time())), **headers}
    response = vapi.post(final(call_id), headers=headers)
    assert response.status_code == 401
    assert response.json() == {"error": f"authentication failed: {kind}"}
    assert b"6789" not in response.content
    assert not Call.objects.exists() and not WebhookEvent.objects.exists()


def test_it_refuses_a_wrong_secret_and_accepts_both_secrets_while_rotating(vapi: Vapi, call_id: str, settings: Any) -> None:
    body = final(call_id)
    assert vapi.post(body, headers=hmac_headers(body, secret="someone_else")).status_code == 401
    settings.VAPI_WEBHOOK_SECRET = f"new_secret_2026, {SECRET}"
    assert vapi.post(body, headers=hmac_headers(body)).status_code == 200
    other = final(call_id + "b")
    assert vapi.post(other, headers=hmac_headers(other, secret="new_secret_2026")).status_code == 200


@pytest.mark.parametrize(("offset", "kind"), [(-301, "stale_timestamp"), (301, "future_timestamp")])
def test_it_refuses_a_stale_or_future_timestamp(vapi: Vapi, call_id: str, offset: int, kind: str) -> None:
    body = final(call_id)
    response = vapi.post(body, headers=hmac_headers(body, timestamp=str(int(time.time()) + offset)))
    assert response.status_code == 401 and response.json()["error"].endswith(kind)


def test_it_refuses_a_body_changed_after_signing(vapi: Vapi, call_id: str) -> None:
    body = final(call_id)
    headers = hmac_headers(body)
    assert vapi.post(body.replace(b"6789", b"6780"), headers=headers).status_code == 401
    respaced = json.dumps(json.loads(body), indent=1).encode()
    assert vapi.post(respaced, headers=headers).status_code == 401
    assert vapi.post(body, headers=headers).status_code == 200


def test_the_body_hmac_scheme_takes_freshness_from_the_signed_message_timestamp(vapi: Vapi, call_id: str, settings: Any) -> None:
    settings.VAPI_AUTH_SCHEME = "body-hmac"
    body = final(call_id)
    assert vapi.post(body, headers=body_hmac_headers(body, prefix="sha256=")).status_code == 200
    stale = encode(with_call(payload("transcript.final"), call_id + "s", timestamp=int((time.time() - 600) * 1000)))
    response = vapi.post(stale, headers=body_hmac_headers(stale))
    assert response.status_code == 401 and response.json()["error"].endswith("stale_timestamp")
    doc = with_call(payload("transcript.final"), call_id + "n")
    del doc["message"]["timestamp"]
    undated = encode(doc)
    assert vapi.post(undated, headers=body_hmac_headers(undated)).json()["error"].endswith("missing_timestamp")
    assert vapi.post(body, headers=hmac_headers(body)).status_code == 401  # the other scheme's header


def test_the_secret_header_scheme_accepts_x_vapi_secret_or_bearer(vapi: Vapi, call_id: str, settings: Any) -> None:
    settings.VAPI_AUTH_SCHEME = "secret-header"
    assert vapi.post(final(call_id), headers={"x-vapi-secret": SECRET}).status_code == 200
    assert vapi.post(final(call_id + "b"), headers={"Authorization": f"Bearer {SECRET}"}).status_code == 200
    assert vapi.post(final(call_id + "c"), headers={"x-vapi-secret": "nope"}).status_code == 401


def test_it_refuses_addresses_outside_the_allowed_ranges(vapi: Vapi, call_id: str, settings: Any) -> None:
    settings.VAPI_ALLOWED_CIDRS = ["167.150.224.0/23"]
    body = final(call_id)
    response = vapi.post(body)  # the test client is 127.0.0.1
    assert response.status_code == 401 and response.json()["error"].endswith("address_not_allowed")
    response = vapi.client.post(
        URL, data=body, content_type="application/json", headers=hmac_headers(body), REMOTE_ADDR="167.150.225.9"
    )
    assert response.status_code == 200
    spoofed = vapi.client.post(
        URL, data=body, content_type="application/json", headers={**hmac_headers(body), "X-Forwarded-For": "167.150.225.9"}
    )
    assert spoofed.status_code == 401  # X-Forwarded-For counts only from a trusted proxy


def test_auth_failures_are_counted_and_audited_once_per_source_and_interval(vapi: Vapi, call_id: str) -> None:
    for _ in range(3):
        vapi.post(final(call_id), headers={"x-signature": "0" * 64, "x-timestamp": str(int(time.time()))})
    vapi.post(final(call_id), headers={})
    events = AuditEvent.objects.filter(action=AuditEvent.Action.WEBHOOK_AUTH_FAILED).order_by("seq")
    assert [e.extra for e in events] == [
        {"reason": "bad_signature", "source": "127.0.0.1"},
        {"reason": "missing_signature", "source": "127.0.0.1"},
    ]
    today = next(iter(webhook_auth_failures_by_day(days=1).values()))
    assert today == {"bad_signature": 3, "missing_signature": 1}


def test_it_answers_413_from_content_length_before_reading(vapi: Vapi, settings: Any) -> None:
    settings.VAPI_MAX_BODY_BYTES = 1000
    stream = io.BytesIO(b"x" * 10)  # far shorter than announced: it must not be read at all
    request = RequestFactory().generic("POST", URL, data=b"", content_type="application/json")
    request.META["CONTENT_LENGTH"] = "5000000"
    request.META["wsgi.input"] = stream
    response = VapiWebhookApi.as_view()(request)
    assert response.status_code == 413
    assert stream.tell() == 0


def test_it_answers_413_to_a_chunked_body_reading_at_most_the_limit_plus_one(vapi: Vapi, settings: Any, call_id: str) -> None:
    settings.VAPI_MAX_BODY_BYTES = 1000
    stream = io.BytesIO(b"x" * 100_000)
    request = RequestFactory().generic("POST", URL, data=b"", content_type="application/json")
    request.META.pop("CONTENT_LENGTH", None)
    request.META.update({"wsgi.input": stream, "wsgi.input_terminated": True})
    assert VapiWebhookApi.as_view()(request).status_code == 413
    assert stream.tell() == 1001


def test_it_accepts_a_chunked_body_within_the_limit(vapi: Vapi, call_id: str) -> None:
    body = final(call_id)
    request = RequestFactory().generic("POST", URL, data=b"", content_type="application/json", headers=hmac_headers(body))
    request.META.pop("CONTENT_LENGTH", None)
    request.META.update({"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True})
    response = VapiWebhookApi.as_view()(request)
    assert response.status_code == 200 and response.data["redacted"] is True


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"\xff\xfe{}", "body is not valid UTF-8"),
        (b"not json at all", "body is not JSON"),
        (b"[1, 2, 3]", "body is not a JSON object"),
        (b'{"message": {"call": {"id": "x"}}}', "message.type is missing"),
        (b'{"message": {"type": 7}}', "message.type is missing"),
        (b'{"message": {"type": "transcript", "x": ' + b"[" * 80 + b"]" * 80 + b"}}", "JSON is nested deeper than 64 levels"),
        (
            b'{"message": {"type": "transcript", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}",
            "JSON is nested deeper than 64 levels",
        ),
    ],
    ids=["utf8", "not-json", "not-object", "no-type", "type-not-string", "deep", "very-deep"],
)
def test_it_answers_400_to_bad_input_without_echoing_it(vapi: Vapi, body: bytes, error: str, caplog: Any) -> None:
    response = vapi.post(body)
    assert response.status_code == 400
    assert response.json() == {"error": error}
    assert not WebhookEvent.objects.exists()
    assert "not json at all" not in caplog.text


def test_it_acknowledges_and_records_an_unknown_type_as_ignored(vapi: Vapi, call_id: str) -> None:
    response = vapi.post(with_call(payload("speech-update"), call_id, type="call.brand-new-event"))
    assert response.status_code == 200 and response.json() == {"received": True}
    event = WebhookEvent.objects.get()
    assert (event.message_type, event.outcome, event.call_id) == ("(unknown)", WebhookEvent.Outcome.IGNORED, None)
    documented = vapi.post(with_call(payload("speech-update"), call_id, type="knowledge-base-request"))
    assert documented.status_code == 200
    assert WebhookEvent.objects.filter(message_type="knowledge-base-request", outcome="ignored").count() == 1
