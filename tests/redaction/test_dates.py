from __future__ import annotations

import pytest

from redaction import redact

from ._util import assert_keeps, assert_redacts


@pytest.mark.parametrize(
    "text, secret",
    [
        ("my date of birth is March 3rd 1985", "March 3rd 1985"),
        ("DOB 03/14/1985", "03/14/1985"),
        ("born on 3/14/85", "3/14/85"),
        ("1985-03-14", "1985-03-14"),
        ("I was born on the fourteenth of march nineteen eighty five", "march"),
        ("birthday is march fourteenth, two thousand three", "fourteenth"),
    ],
)
def test_it_redacts_a_date_of_birth(text: str, secret: str) -> None:
    assert_redacts(text, "DATE_OF_BIRTH", secret)


def test_it_redacts_a_dob_read_as_digits_when_asked() -> None:
    assert redact("oh three fourteen eighty five", hint="DATE_OF_BIRTH").text == "[DOB_REDACTED]"


def test_it_redacts_an_uncued_date_with_a_birth_year() -> None:
    assert_redacts("it's March 14th, 1985", "DATE_OF_BIRTH", "1985")


def test_it_keeps_an_appointment_date() -> None:
    assert_keeps("your appointment is March 3rd at 3 pm")


def test_it_keeps_a_recent_date() -> None:
    assert_keeps("the bill from 01/05/2024 was paid")


def test_a_dob_cue_already_answered_does_not_reach_a_later_appointment() -> None:
    text = "User: DOB 12/05/1985. Is that right?\nAI: I'm 90 and she's 47\nUser: the appointment is July 23rd at 7:45 pm"
    out = redact(text).text
    assert out == (
        "User: DOB [DOB_REDACTED]. Is that right?\nAI: I'm 90 and she's 47\nUser: the appointment is July 23rd at 7:45 pm"
    )
    assert redact(out).text == out


def test_an_expiry_cue_is_used_by_the_first_date_after_it_only() -> None:
    out = redact("good through April 2027 and the appointment is May 5th").text
    assert out == "good through [EXPIRY_REDACTED] and the appointment is May 5th"
