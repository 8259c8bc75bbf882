from __future__ import annotations

import pytest

from redaction import redact

from ._util import assert_keeps, assert_redacts


def test_it_redacts_a_written_email() -> None:
    out = redact("My email is maria.gonzalez@example.com.").text
    assert out == "My email is [EMAIL_REDACTED]."


@pytest.mark.parametrize(
    "text, secret",
    [
        ("my email is john dot doe at gmail dot com", "john dot doe"),
        ("it's j o h n underscore doe at yahoo dot co dot uk", "j o h n"),
        ("my email is john doe at gmail dot com", "john doe"),
        ("sure, maria85 at hotmail", "maria85"),
        ("bob dash smith at acme dot org", "bob dash smith"),
    ],
)
def test_it_redacts_a_spoken_email(text: str, secret: str) -> None:
    assert_redacts(text, "EMAIL_ADDRESS", secret)


def test_it_keeps_at_home() -> None:
    assert_keeps("I'm at home right now")


def test_a_spoken_address_stops_at_the_end_of_a_transcript_line() -> None:
    text = "AI: sure, send it to dwayne underscore washington 28 at yahoo dot com.\nAI: What's the address?"
    assert redact(text).text == "AI: sure, send it to [EMAIL_REDACTED].\nAI: What's the address?"
