from __future__ import annotations

import pytest

from redaction import redact

from ._util import assert_keeps, assert_redacts

SPOKEN_VISA = "four five three two zero one five one one two eight three zero three six six"


@pytest.mark.parametrize(
    "text, secret",
    [
        ("card number 4532-0151-1283-0366", "4532-0151-1283-0366"),
        ("card number 4532 0151 1283 0366", "1283 0366"),
        ("4532015112830366", "4532015112830366"),
        ("it's 4 5 3 2 0 1 5 1 1 2 8 3 0 3 6 6", "0 3 6 6"),
        ("amex 3782 822463 10005", "822463"),
    ],
)
def test_it_redacts_a_written_card(text: str, secret: str) -> None:
    assert_redacts(text, "CREDIT_CARD", secret)


def test_it_redacts_a_spoken_card() -> None:
    assert redact(f"my card is {SPOKEN_VISA}").text == "my card is [CREDITCARD_REDACTED]"


def test_it_redacts_an_uncued_luhn_valid_card() -> None:
    result = redact(f"ok {SPOKEN_VISA} and that's it")
    assert result.entities[0].type == "CREDIT_CARD" and result.entities[0].validated


def test_it_redacts_a_card_read_in_pairs_and_groups() -> None:
    assert_redacts(
        "visa forty five thirty two, oh one fifty one, twelve eighty three, oh three sixty six",
        "CREDIT_CARD",
        "sixty six",
    )


def test_it_redacts_a_partial_card_that_ends_mid_number() -> None:
    assert redact("my card is four five three two one two").text == "my card is [CREDITCARD_REDACTED]"


def test_it_redacts_a_card_split_across_a_correction() -> None:
    text = "my card is 4 5 3 2, no sorry, 4 5 3 9 1 4 8 8 0 3 4 3 6 4 6 7"
    out = redact(text).text
    assert "4 5 3 2" not in out and "4 6 7" not in out and "no sorry" in out


def test_it_splits_card_expiry_and_cvv_read_in_one_breath() -> None:
    result = redact(f"{SPOKEN_VISA}, oh four twenty seven, one two three")
    types = [e.type for e in result.entities]
    assert types == ["CREDIT_CARD", "CARD_EXPIRY", "CARD_CVV"]


def test_a_slash_said_in_an_expiry_keeps_it_one_field_between_card_and_cvv() -> None:
    result = redact(f"{SPOKEN_VISA}, oh nine slash twenty eight, four four one")
    assert [e.type for e in result.entities] == ["CREDIT_CARD", "CARD_EXPIRY", "CARD_CVV"]
    assert "slash" not in result.text


@pytest.mark.parametrize("text", ["expires oh nine slash twenty eight", "it's oh nine slash twenty eight"])
def test_it_redacts_an_expiry_said_with_a_slash(text: str) -> None:
    result = redact(text, hint="CARD_EXPIRY")
    assert [e.type for e in result.entities] == ["CARD_EXPIRY"]
    assert result.text.endswith("[EXPIRY_REDACTED]")


def test_a_slash_between_numbers_without_a_cue_is_kept() -> None:
    assert_keeps("we're open twenty four slash seven")


def test_it_redacts_an_expiry_with_tens() -> None:
    assert_redacts("expiration oh four twenty seven", "CARD_EXPIRY", "twenty seven")


def test_it_redacts_a_written_expiry() -> None:
    assert_redacts("it expires 04/27", "CARD_EXPIRY", "04/27")


@pytest.mark.parametrize("text, value", [("exp 09/26", "09/26"), ("exp 0926", "0926"), ("exp oh nine twenty six", "twenty six")])
def test_it_redacts_an_expiry_after_the_abbreviation(text: str, value: str) -> None:
    assert_redacts(text, "CARD_EXPIRY", value)


def test_it_redacts_an_expiry_with_a_month_name() -> None:
    assert_redacts("expiration date is april twenty twenty seven", "CARD_EXPIRY", "april")


def test_it_redacts_a_cvv_with_its_cue() -> None:
    assert_redacts("the security code is seven three one", "CARD_CVV", "seven three one")


def test_it_redacts_a_bare_cvv_when_it_was_asked() -> None:
    assert redact("731", hint="CARD_CVV").text == "[CVV_REDACTED]"


def test_it_redacts_the_card_in_the_partial_payload_sample() -> None:
    assert redact("Visa, four five three two one two three four").text == ("Visa, [CREDITCARD_REDACTED]")


def test_a_number_in_the_next_speakers_line_is_not_the_cvv_after_an_expiry() -> None:
    text = "User: exp date is 01 31, thanks\nAI: Let's do three thirty on Monday"
    assert redact(text).text == "User: exp date is [EXPIRY_REDACTED], thanks\nAI: Let's do three thirty on Monday"


def test_a_card_said_in_two_parts_is_redacted_whole() -> None:
    text = "AI: What's the card number?\nUser: okay it's four three eight eight, nine four one five, and then 5 7 1 4 9 0 1 9"
    result = redact(text)
    assert [e.type for e in result.entities] == ["CREDIT_CARD", "CREDIT_CARD"]
    assert "5 7 1 4" not in result.text


def test_a_whole_card_is_not_continued_by_the_number_after_it() -> None:
    assert redact("my card is 4532015112830366 and then 2 tablets").text == "my card is [CREDITCARD_REDACTED] and then 2 tablets"


def test_an_expiry_asked_as_month_and_year_is_redacted() -> None:
    assert redact("month and year? seven twenty nine").text == "month and year? [EXPIRY_REDACTED]"


def test_an_expiry_said_with_a_month_after_a_card_and_the_cvv_after_it() -> None:
    text = "so it's six four five one, seven two four one, three nine eight four, three one seven seven, Feb '27, 441"
    result = redact(text, hint="CREDIT_CARD")
    assert [e.type for e in result.entities] == ["CREDIT_CARD", "CARD_EXPIRY", "CARD_CVV"]


def test_a_month_and_year_when_something_happened_is_not_an_expiry() -> None:
    assert_keeps("the visa card, I got it in march 2021")


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "the code on the back, um, it's worn off, looks like two seven... five, yeah 275",
            "the code on the back, um, it's worn off, looks like [CVV_REDACTED], yeah [CVV_REDACTED]",
        ),
        (
            "my number is 415 555 2671\nAI: so that's 415 555 2671?",
            "my number is [PHONE_REDACTED]\nAI: so that's [PHONE_REDACTED]?",
        ),
    ],
)
def test_a_number_said_again_is_redacted_as_it_was_the_first_time(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my cvv is 275 and it cost $275", "my cvv is [CVV_REDACTED] and it cost $275"),
        ("the cvv is 412, I'm in room 412", "the cvv is [CVV_REDACTED], I'm in room 412"),
        ("cvv 123 and press 123", "cvv [CVV_REDACTED] and press 123"),
    ],
)
def test_the_same_digits_as_a_quantity_or_after_a_negative_cue_are_kept(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize("text", ["the verification number is 1 9 3", "the verification value on the back is 4412"])
def test_a_verification_number_is_a_cvv(text: str) -> None:
    assert "[CVV_REDACTED]" in redact(text).text


def test_an_expiry_said_with_of_before_a_two_digit_year_is_redacted() -> None:
    assert redact("the expiration date is november of twenty six").text == "the expiration date is [EXPIRY_REDACTED]"


def test_the_three_digits_after_an_expiry_are_the_cvv() -> None:
    text = "exp date is oh five twenty nine and the three digits are eight oh two"
    assert redact(text).text == "exp date is [EXPIRY_REDACTED] and the three digits are [CVV_REDACTED]"


def test_the_same_digits_far_away_in_a_long_call_are_not_said_again() -> None:
    # in a long call a time shares its digits with some CVV sooner or later
    text = "the cvv is 530. " + "we talked about the weather and the roads for a while. " * 5 + "let's do five thirty"
    assert redact(text).text.endswith("let's do five thirty")
