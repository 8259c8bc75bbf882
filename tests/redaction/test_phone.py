from __future__ import annotations

import pytest

from redaction import redact

from ._util import assert_keeps, assert_redacts


@pytest.mark.parametrize(
    "text, secret",
    [
        ("call me at 415-555-0142", "555-0142"),
        ("my cell is (415) 555 0142", "555 0142"),
        ("reach me on 415.555.0142", "555.0142"),
        ("my number is +44 20 7946 0958", "7946 0958"),
        ("+14155550142", "4155550142"),
    ],
)
def test_it_redacts_a_written_phone(text: str, secret: str) -> None:
    assert_redacts(text, "PHONE_NUMBER", secret)


def test_it_redacts_a_spoken_phone_in_groups() -> None:
    out = redact("I'll text a receipt to four one five, five five five, zero one four two.").text
    assert out == "I'll text a receipt to [PHONE_REDACTED]."


def test_it_redacts_an_uncued_valid_phone() -> None:
    assert_redacts("it's four one five five five five zero one four two", "PHONE_NUMBER", "zero")


def test_it_redacts_a_bare_phone_when_it_was_asked() -> None:
    assert_redacts("uh five five five, oh one four two", "PHONE_NUMBER", "four two", hint="PHONE_NUMBER")


def test_it_redacts_a_partial_phone_with_a_cue() -> None:
    assert_redacts("my phone number is four one five five", "PHONE_NUMBER", "five five")


def test_it_keeps_press_one() -> None:
    assert_keeps("for billing press 1, for support press 2")


def test_a_phone_after_her_numbers_is_redacted() -> None:
    assert redact("her number's five one zero, nine three zero, two nine four five").text == "her number's [PHONE_REDACTED]"


@pytest.mark.parametrize(
    "text",
    [
        "it's area code three one two, then five one three... nine four three nine",
        "area code six four six, and then four nine seven oh one ninety eight",
    ],
)
def test_the_number_after_an_area_code_is_the_rest_of_the_phone(text: str) -> None:
    assert [e.type for e in redact(text).entities] == ["PHONE_NUMBER", "PHONE_NUMBER"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the best number is plus one 305 260 4418", "the best number is [PHONE_REDACTED]"),
        ("call me on plus 44 20 7946 0958", "call me on [PHONE_REDACTED]"),
    ],
)
def test_a_plus_said_before_a_phone_goes_with_it(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_plus_in_arithmetic_is_kept() -> None:
    assert_keeps("it was 3 plus 4 equals 7")


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "My employer's HR line is 512-555-9034, you can verify income there",
            "My employer's HR line is [PHONE_REDACTED], you can verify income there",
        ),
        ("my private line is 415 555 2671", "my private line is [PHONE_REDACTED]"),
    ],
)
def test_a_persons_line_is_a_phone_cue(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_a_business_support_line_is_not_a_cue() -> None:
    assert_keeps("the support line is 1 800 555 0199")
