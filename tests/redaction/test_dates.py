from __future__ import annotations

import pytest

from redaction import redact
from redaction.detectors import dates

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


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "her birthday is february the first, eighty one and she's my wife",
            "her birthday is [DOB_REDACTED] and she's my wife",
        ),
        (
            "date of birth june 20th, 52, and the last four of my social are 2 0 6 7",
            "date of birth [DOB_REDACTED], and the last four of my social are [SSN_REDACTED]",
        ),
        ("born on the 3rd of may, 82, thanks", "born on [DOB_REDACTED], thanks"),
        ("my date of birth is march fifteenth of eighty, thanks", "my date of birth is [DOB_REDACTED], thanks"),
    ],
)
def test_it_redacts_a_year_said_in_two_digits_after_a_dob_cue(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_it_redacts_a_year_said_in_two_digits_when_asked() -> None:
    assert redact("june 20th, oh five, thanks", hint="DATE_OF_BIRTH").text == "[DOB_REDACTED], thanks"


@pytest.mark.parametrize(
    "text",
    [
        "your appointment is on march third",
        "your appointment is on march third, twenty minutes early please",
        "the bill from february the first, 2024",
    ],
)
def test_a_two_digit_number_after_a_date_is_no_year_without_a_dob_cue(text: str) -> None:
    assert_keeps(text)


def test_a_number_of_minutes_after_a_birthday_is_no_year() -> None:
    out = redact("my birthday is march third, 52 minutes from now").text
    assert out == "my birthday is [DOB_REDACTED], 52 minutes from now"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the fifteenth, march, nineteen eighty", "[DOB_REDACTED]"),
        ("my date of birth is the fifteenth, march, nineteen eighty, thanks", "my date of birth is [DOB_REDACTED], thanks"),
        ("March, 15th, 1980 is my birthday", "[DOB_REDACTED] is my birthday"),
    ],
)
def test_a_pause_between_the_day_and_the_month_keeps_them_one_date(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize("text", ["I have 2, may I ask something", "it's on the fifth, may I ask something"])
def test_a_pause_after_a_bare_number_or_before_may_i_is_no_date(text: str) -> None:
    assert_keeps(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("born on the 3rd of may, '82, thanks", "born on [DOB_REDACTED], thanks"),
        ("DOB: 3-15-80, thanks", "DOB: [DOB_REDACTED], thanks"),
        ("date of birth oh three, one five, eight oh, thanks", "date of birth [DOB_REDACTED], thanks"),
    ],
)
def test_it_redacts_a_dob_written_short_or_read_in_pairs_after_a_cue(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_every_spoken_year_is_read_once_at_import_as_the_parser_reads_it() -> None:
    assert len(dates._SPOKEN_YEARS) > 400
    for words, year in dates._SPOKEN_YEARS.items():
        assert dates._YEAR_LOW.fullmatch(words), words  # a year the date patterns can match
        assert year == dates._read_year(words)
    assert dates._year_of("born on march third nineteen eighty five") == 1985
    assert dates._year_of("june 5th two thousand and five") == 2005  # the parser reads "five"


@pytest.mark.parametrize("said", ["Nineteen Eighty Five", "nineteen-eighty-five", "two thousand-and-five", "nineteen  oh five"])
def test_a_spoken_year_written_otherwise_is_read_by_the_parser(said: str) -> None:
    year = dates._read_year(said)
    assert year is not None
    assert dates._year_of(f"may 1st {said}") == (year + (2000 if year <= 25 else 1900) if year < 100 else year)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I was born in 1985 on March 14th", "I was born in [DOB_REDACTED] on [DOB_REDACTED]"),
        ("born in nineteen eighty five on the fourteenth of march", "born in [DOB_REDACTED] on [DOB_REDACTED]"),
        ("I've lived here since 1985", "I've lived here since 1985"),
        ("we moved in 1985 on march 14th", "we moved in 1985 on march 14th"),
    ],
)
def test_the_year_said_before_the_day_of_a_birth_goes_too(text: str, expected: str) -> None:
    assert redact(text).text == expected
