"""Number-heavy sentences that are not PII must come back unchanged."""

from __future__ import annotations

import pytest

from redaction import redact

from ._util import assert_keeps


@pytest.mark.parametrize(
    "text",
    [
        "let's meet at 3:30 pm",
        "that takes about 40 minutes",
        "take 10 milligrams twice a day",
        "it was $48.50 last month",
        "that will be 25 dollars",
        "take two tablets with food",
        "press 1 for billing",
        "I'm in room 204",
        "it's suite 300",
        "your order number is 58213",
        "the order number is five five three eight two one nine oh four",
        "the confirmation code is 8 8 4 2 1 3",
        "my zip code is 94110",
        "I've been a customer since 2019",
        "it's about seventy two degrees",
        "your balance is $1,234.56",
        "we have 3 kids and 2 dogs",
        "it's five o'clock",
        "call back in twenty minutes",
        "User: 3:30 works for me",
        "Time: 10:45",
        "the bill was $ 48.50",
    ],
)
def test_it_keeps_a_non_pii_number(text: str) -> None:
    assert_keeps(text)


def test_it_keeps_a_dose() -> None:
    assert_keeps("the dose is 500 mg")


@pytest.mark.parametrize(
    "text",
    [
        "request 884057899e7c46d29a4b15a706408396 failed",
        "the recording is at /rec/552013784a9f0e12.wav",
        "build 2024a7f31c0",
        "task 45b6fbe1-5933-4071-8622-830712437daf succeeded",
        "call dc0520a4-1234-5678-9fed-d465c21f33ca ended",
    ],
)
def test_it_keeps_digits_inside_a_hex_identifier(text: str) -> None:
    assert_keeps(text)


@pytest.mark.parametrize("text", ["the task took 0.07202807900011976 seconds", "pi is 3.14159265358979"])
def test_it_keeps_a_long_decimal_fraction(text: str) -> None:
    assert_keeps(text)


@pytest.mark.parametrize(
    "text",
    [
        "it's the card on file, just use that one",
        "which card? the first one",
        "it's the 1 800 number on the back of the card, right?",
        "call the 1-800 number on your card",
    ],
)
def test_one_as_a_pronoun_and_a_toll_free_prefix_are_not_card_digits(text: str) -> None:
    assert_keeps(text)


def test_a_return_authorization_number_is_not_pii() -> None:
    assert_keeps("the rma number is six eight six, eight four nine")


@pytest.mark.parametrize(
    "text, hint",
    [
        ("the reference number ends in 6250 if that helps", None),
        ("can you tell me which card that was, like the last four digits, because i have two", None),
        ("the account's been open since 2016, I think, maybe 2017", None),
        ("it might be twenty something", "CARD_EXPIRY"),
        ("tracking says nine four double oh, four oh five oh, eight five nine nine and then some more", None),
        ("i paid with the card ending in, um, i honestly don't remember the last four", None),
    ],
)
def test_numbers_a_cue_does_not_make_pii(text: str, hint: str | None) -> None:
    assert_keeps(text, hint=hint)


@pytest.mark.parametrize("text", ["the rma number is four four nine, one two seven", "your RMA # is 449 127 853"])
def test_it_keeps_a_return_authorisation_number(text: str) -> None:
    assert_keeps(text)


@pytest.mark.parametrize(
    "text",
    [
        "i don't have the card on me, can i use a different one",
        "use the blue one on my account",
        "the account was opened in march of 2021",
        "the account was opened in like 2015 maybe 2016",
        "what's my social security benefit going to be if i retire at 67",
        "the NDC on the box is 0 0 0 9 3 - 7 1 8 0 - 5 6",
        "the item number is 8 8 3 0 1 5 7 2 4 on the website",
        "my cable box says error code 3 0 1 6",
        "my meter reading was 4 5 8 2 1 last month and now it says 4 9 0 0 3",
        "the benefits office told me the hearing is on the 14th at 10 30",
        "we moved in march of 21",
    ],
)
def test_pronouns_years_ages_and_codes_near_a_cue_are_kept(text: str) -> None:
    assert_keeps(text)


@pytest.mark.parametrize("text", ["the router is a netgear r7000, firmware 1.0.11.123", "it's on version 10.4.2.1 now"])
def test_a_dotted_version_is_neither_an_ip_nor_a_date(text: str) -> None:
    assert_keeps(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my public ip is 2 0 3 point 0 point 1 1 3 point 4 2", "my public ip is [IP_REDACTED]"),
        ("the modem says the address is 68 . 45 . 112 . 6", "the modem says the address is [IP_REDACTED]"),
    ],
)
def test_an_ip_read_digit_by_digit_or_with_spaced_dots_is_redacted(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize("text", ["version 2 . 4 . 1 . 9 is out", "firmware two dot four dot one dot nine"])
def test_a_version_said_like_an_ip_is_kept(text: str) -> None:
    assert_keeps(text)


@pytest.mark.parametrize(
    "text",
    [
        "the vin ends in 4 4 7 1 9 if that helps you find it",
        "the microchip number is 985 112 004 573 821 if you need it",
        "the printer is HP LaserJet M607, asset tag 00-71-42-9",
        "the mailbox is 3B, the key number stamped on it is 0 4 4 1",
        "the modem lights are green and the wan ip shows 0.0.0.0",
        "oh dot oh dot oh dot oh",
    ],
)
def test_vehicle_pet_asset_and_key_numbers_and_no_address_at_all_are_kept(text: str) -> None:
    assert_keeps(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "the connection came from two oh three dot oh dot one one three dot seventy seven",
            "the connection came from [IP_REDACTED]",
        ),
        ("ipconfig shows fe80::1c4b:9a2e:3d71:8802 for the link local", "ipconfig shows [IP_REDACTED] for the link local"),
    ],
)
def test_an_ip_with_a_spoken_zero_or_an_ipv6_with_a_gap_inside_is_redacted(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize("text", ["the meeting is at 10:30:45 today", "the ratio is 1:2:3"])
def test_times_and_ratios_are_no_ipv6(text: str) -> None:
    assert_keeps(text)
