"""Partial transcripts (``partial=True``): what is still being said at the end is hidden."""

from __future__ import annotations

import pytest

from redaction import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my card is four five three two one two", "my card is [CREDITCARD_REDACTED]"),
        ("sure, 6", "sure, [CREDITCARD_REDACTED]"),
        ("so fifty three", "so [CREDITCARD_REDACTED]"),
        ("my phone number is six seven oh, three two oh, double", "my phone number is [PHONE_REDACTED]"),
        ("CVV is double", "CVV is [CVV_REDACTED]"),
        ("the expiration is, uh, good through oh", "the expiration is, uh, good through [EXPIRY_REDACTED]"),
    ],
)
def test_it_redacts_a_number_still_being_read_out(text: str, expected: str) -> None:
    assert redact(text, partial=True).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("uh my email is k h a l i d at", "uh my email is [EMAIL_REDACTED]"),
        ("yeah john dot doe at", "yeah [EMAIL_REDACTED]"),
        ("send it to priya dot reddy", "send it to [EMAIL_REDACTED]"),
        ("I live at 42 Elm", "I live at [ADDRESS_REDACTED]"),
        ("ship it to seventy one", "ship it to [ADDRESS_REDACTED]"),
        ("right, 3948 Sunset", "right, [ADDRESS_REDACTED]"),
        ("I live at 1640 Willow Creek Boulevard, apartment", "I live at [ADDRESS_REDACTED]"),
        ("yeah this is wei", "yeah this is [NAME_REDACTED]"),
        ("my name is Anke Weiss, W E", "my name is [NAME_REDACTED]"),
        ("sure, December 21st,", "sure, [DOB_REDACTED],"),
        ("sure, the fourteenth of", "sure, [DOB_REDACTED]"),
    ],
)
def test_it_redacts_an_email_address_name_or_date_from_its_cue_on(text: str, expected: str) -> None:
    assert redact(text, partial=True).text == expected


def test_an_email_being_spelled_is_redacted_with_the_hint_alone() -> None:
    assert redact("yeah it's maría underscore", "EMAIL_ADDRESS", partial=True).text == "yeah it's [EMAIL_REDACTED]"


@pytest.mark.parametrize(
    "text",
    ["I need fifty", "it takes about 40", "press 9", "I'm in room 4", "we arrived at", "the appointment is at 3:30 pm",
     "I called like 3 times, I'm 45"],
)  # fmt: skip
def test_it_keeps_quantities_and_ordinary_words_at_the_end_of_a_partial(text: str) -> None:
    assert redact(text, partial=True).text == text


def test_without_the_partial_flag_a_bare_trailing_digit_is_kept() -> None:
    assert redact("sure, 6").text == "sure, 6"


def test_a_final_that_ends_mid_number_after_a_cue_is_redacted_too() -> None:
    assert redact("my social is 219 09").text == "my social is [SSN_REDACTED]"


def test_a_partial_is_redacted_idempotently() -> None:
    once = redact("my phone number is six seven oh, three two oh, double", partial=True).text
    assert redact(once, partial=True).text == once
