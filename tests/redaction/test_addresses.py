from __future__ import annotations

import pytest

from redaction import redact

from ._util import assert_keeps, assert_redacts


@pytest.mark.parametrize(
    "text, secret",
    [
        ("I live at 1600 Pennsylvania Avenue NW, Washington, DC 20500", "Washington, DC"),
        ("ship it to 221B Baker Street please", "Baker"),
        ("one twenty three Main St, apartment 4, Springfield, Illinois 62704.", "Springfield"),
        ("I live at 42 Wallaby and it's nice", "Wallaby"),
        ("P.O. Box 123", "Box 123"),
    ],
)
def test_it_redacts_a_street_address(text: str, secret: str) -> None:
    assert_redacts(text, "STREET_ADDRESS", secret)


@pytest.mark.parametrize("text", ["it is 2 blocks down the road", "about 10 minutes drive"])
def test_it_keeps_distances(text: str) -> None:
    assert_keeps(text)


def test_an_address_stops_at_the_end_of_a_transcript_line() -> None:
    text = "User: 1555 Maple Boulevard, Boise Idaho 16009, thanks\nAI: Page 40 of the letter"
    assert redact(text).text == "User: [ADDRESS_REDACTED], thanks\nAI: Page 40 of the letter"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I live at 1420 north maple avenue apartment 3 B", "I live at [ADDRESS_REDACTED]"),
        ("I live at twelve oh four elm street unit four oh two", "I live at [ADDRESS_REDACTED]"),
        (
            "I live at 12 elm street apartment 3 a few doors down",
            "I live at [ADDRESS_REDACTED] a few doors down",
        ),
    ],
)
def test_a_unit_said_in_words_or_with_its_letter_apart_is_part_of_the_address(text: str, expected: str) -> None:
    assert redact(text).text == expected
