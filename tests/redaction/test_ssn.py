from __future__ import annotations

import pytest

from redaction import redact

from ._util import assert_keeps, assert_redacts


def test_it_redacts_the_issue_example_with_the_span_in_the_input() -> None:
    text = "my social is one two three, four five, six seven eight nine"
    result = redact(text)
    assert result.text == "my social is [SSN_REDACTED]"
    (entity,) = result.entities
    assert (entity.type, entity.start, entity.end) == ("US_SSN", 13, len(text))


@pytest.mark.parametrize(
    "text, secret",
    [
        ("my ssn is 219-09-9998 thanks", "219-09-9998"),
        ("social security number 219 09 9998", "219 09 9998"),
        ("it's 219099998", "219099998"),
        ("my social is 2 1 9 0 9 9 9 9 8", "2 1 9 0 9 9 9 9 8"),
    ],
)
def test_it_redacts_a_written_ssn(text: str, secret: str) -> None:
    assert_redacts(text, "US_SSN", secret)


def test_it_redacts_a_spoken_ssn_with_pauses() -> None:
    text = "my social is two one nine... oh nine... nine nine nine eight"
    assert redact(text).text == "my social is [SSN_REDACTED]"


def test_it_redacts_a_spoken_ssn_with_double_and_triple() -> None:
    assert_redacts("social is two one nine oh nine triple nine eight", "US_SSN", "triple nine")


def test_it_redacts_a_mixed_ssn() -> None:
    assert_redacts("my ssn is 219 oh nine 99 nine 8", "US_SSN", "99 nine 8")


def test_it_redacts_an_ssn_with_the_cue_after_it() -> None:
    assert_redacts("two one nine oh nine nine nine nine eight, that's my social", "US_SSN", "eight")


def test_it_redacts_an_invalid_ssn_when_the_cue_is_strong() -> None:
    assert_redacts("my social is 000-12-3456", "US_SSN", "3456")


def test_it_redacts_the_last_four_when_that_was_asked() -> None:
    assert redact("six seven eight nine", hint="US_SSN").text == "[SSN_REDACTED]"


def test_it_redacts_the_last_four_of_a_social_with_a_cue() -> None:
    assert_redacts("the last four of my social are 6789", "US_SSN", "6789")


def test_it_redacts_a_partial_ssn_cut_mid_number() -> None:
    assert_redacts("my social security number is two one", "US_SSN", "two one")


def test_it_validates_an_uncued_ssn() -> None:
    result = redact("I think it is 219-09-9998")
    assert result.entities[0].validated


def test_it_keeps_an_invalid_uncued_nine_digit_number() -> None:
    assert_keeps("the code printed there is 000000000 on the box")


@pytest.mark.parametrize(
    "text",
    ["User: 725-89-1052 is my social", "User: seven two five, eight nine, one oh five two is my social", "SSN: 725 89 1052"],
)
def test_a_speaker_label_or_field_name_before_the_number_is_not_a_time(text: str) -> None:
    assert "[SSN_REDACTED]" in redact(text).text


@pytest.mark.parametrize(
    "text, hint, expected",
    [
        ("last four eight seven four six", "US_SSN", "last four [SSN_REDACTED]"),
        ("my social's last four, eight seven four six", None, "my social's last four, [SSN_REDACTED]"),
        ("last 4 8746 is my social", None, "last 4 [SSN_REDACTED] is my social"),
    ],
)
def test_the_count_after_last_is_kept_and_the_digits_it_counts_redacted(text: str, hint: str | None, expected: str) -> None:
    assert redact(text, hint=hint).text == expected


@pytest.mark.parametrize(
    "text, hint, expected",
    [
        (
            "my social, three five three four two like seven five eight oh, that's it",
            None,
            "my social, [SSN_REDACTED], that's it",
        ),
        ("routing 2 9 1 3 0 9 like 9 1 8", None, "routing [ROUTING_REDACTED]"),
    ],
)
def test_like_said_inside_a_number_does_not_split_it(text: str, hint: str | None, expected: str) -> None:
    assert redact(text, hint=hint).text == expected
