from __future__ import annotations

import time

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


@pytest.mark.parametrize(
    "text, hint, expected",
    [
        ("pruitt dot d at sign gmail dot com", "EMAIL_ADDRESS", "[EMAIL_REDACTED]"),
        ("pruitt dot d at sign gmail dot com", None, "[EMAIL_REDACTED]"),
        ("sure, jsmith at symbol protonmail dot com", None, "sure, [EMAIL_REDACTED]"),
    ],
)
def test_it_redacts_an_address_said_with_at_sign(text: str, hint: str | None, expected: str) -> None:
    assert redact(text, hint).text == expected


def test_it_redacts_an_address_said_with_at_the_rate_after_mail_id() -> None:
    text = "my mail id is priya dot sharma at the rate gmail dot com"
    assert redact(text).text == "my mail id is [EMAIL_REDACTED]"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "um, my daughter's email is x liu at sign m s n dot com, she'll handle it",
            "um, my daughter's email is [EMAIL_REDACTED], she'll handle it",
        ),
        ("it's denise underscore carter at a o l dot com, the other one", "it's [EMAIL_REDACTED], the other one"),
        ("sure, s h a h dot r at g mail dot com", "sure, [EMAIL_REDACTED]"),
        ("chen wei eighty eight at one six three dot com", "[EMAIL_REDACTED]"),
    ],
)
def test_it_redacts_an_address_whose_host_is_spelled(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_it_redacts_a_local_part_spelled_in_groups_joined_by_dot_in_full() -> None:
    text = "um, l a n dot n g u y e n at sign cox dot net"
    assert redact(text, "EMAIL_ADDRESS").text == "um, [EMAIL_REDACTED]"
    assert redact(text).text == "um, [EMAIL_REDACTED]"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("can you update it to ahmed three two at gmail.com", "can you update it to [EMAIL_REDACTED]"),
        ("it's kevin double seven at hotmail dot com", "it's [EMAIL_REDACTED]"),
        ("my email is j dot smith eighty two at yahoo dot com", "my email is [EMAIL_REDACTED]"),
        ("lisa nine nine at hot mail dot com", "[EMAIL_REDACTED]"),
    ],
)
def test_it_redacts_number_words_in_the_local_part(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_it_redacts_an_apostrophe_said_in_the_local_part() -> None:
    assert redact("uh it is sam dot o apostrophe brien at gmail dot com").text == "uh it is [EMAIL_REDACTED]"


@pytest.mark.parametrize(
    "text, secret",
    [
        ("dr dot chen at mercy health dot org", "mercy health"),
        ("b o b at uni dash bonn dot de", "uni dash bonn"),
        ("it's mary hyphen jo at comcast dot net", "mary hyphen jo"),
        ("maria period lopez at outlook dot co dot uk", "maria period lopez"),
        ("sure it's R dot Patel at Gmail dot com", "Patel"),
    ],
)
def test_it_redacts_hosts_of_two_words_hyphens_and_country_domains(text: str, secret: str) -> None:
    assert_redacts(text, "EMAIL_ADDRESS", secret)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("it's Ravi Patel at Gmail dot com", "it's [EMAIL_REDACTED]"),
        ("you can reach me at ravi patel at gmail dot com", "you can reach me at [EMAIL_REDACTED]"),
        ("sure, ravi patel at yahoo dot com", "sure, [EMAIL_REDACTED]"),
    ],
)
def test_it_redacts_two_words_that_open_an_address_without_a_cue(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize("text", ["johnsmith all one word at gmail dot com", "john smith all one word at gmail dot com"])
def test_it_redacts_a_local_part_said_all_one_word(text: str) -> None:
    assert redact(text).text == "[EMAIL_REDACTED]"


@pytest.mark.parametrize(
    "text",
    [
        "look at me",
        "he yelled at me",
        "I work at verizon",
        "she works at comcast now",
        "stop laughing at mac",
        "meet me at the office",
        "look at page two",
        "I'm at home dot dot dot",
        "we were at the rate of two a day",
        "the sign at the door said closed",
        "visit us at mercy health dot org",
        "my appointment is at three thirty at mercy health dot org",
    ],
)
def test_it_keeps_everyday_phrases_with_at(text: str) -> None:
    assert_keeps(text)


def test_a_cue_on_the_line_before_does_not_widen_an_address() -> None:
    text = "AI: Can you confirm your email address?\nUser: it should be g u t i e r r e z dot r at charter dot net"
    assert redact(text).text == "AI: Can you confirm your email address?\nUser: it should be [EMAIL_REDACTED]"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("pruitt dot d at sign", "[EMAIL_REDACTED]"),
        ("pruitt dot d at sign gmail", "[EMAIL_REDACTED]"),
        ("sure, jsmith at symbol", "sure, [EMAIL_REDACTED]"),
        ("my email is tom dot b at the rate", "my email is [EMAIL_REDACTED]"),
        ("my email is tom dot b at the", "my email is [EMAIL_REDACTED]"),
        ("x liu at sign m s", "[EMAIL_REDACTED]"),
        ("fatima dot b at me", "[EMAIL_REDACTED]"),
        ("dr dot chen at mercy health", "[EMAIL_REDACTED]"),
    ],
)
def test_a_partial_hides_an_address_cut_after_its_at(text: str, expected: str) -> None:
    assert redact(text, partial=True).text == expected


@pytest.mark.parametrize("text", ["we arrived at the", "things at the rate", "I'm at home dot dot dot", "look at me"])
def test_a_partial_keeps_everyday_phrases_with_at(text: str) -> None:
    assert redact(text, partial=True).text == text


@pytest.mark.parametrize(
    "text",
    ["x at a o l " * 20_000, "at dot a " * 100_000, "at a b c d e f g " * 10_000, "a at sign b dot co dot " * 20_000],
    ids=lambda t: repr(t[:12]),
)
def test_many_spoken_addresses_are_read_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    redact(text)
    redact(text, partial=True)
    # generous: quadratic would take minutes
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize(
    "text, expected",
    [
        ("yeah it's brennan dot a, all lowercase, at outlook dot com", "yeah it's [EMAIL_REDACTED]"),
        ("send it to dvolkov, all one word, at a o l dot com", "send it to [EMAIL_REDACTED]"),
    ],
)
def test_a_note_set_off_by_commas_before_at_keeps_the_local_part(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the username is l a y l a dot h a d d a d at mail dot r u", "the username is [EMAIL_REDACTED]"),
        ("it is olga at yandex dot ru", "it is [EMAIL_REDACTED]"),
        ("reach me at jane at company dot co dot u k", "reach me at [EMAIL_REDACTED]"),
    ],
)
def test_a_countrys_domain_may_be_said_letter_by_letter(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_two_letters_after_dot_are_no_domain_without_an_address_before_them() -> None:
    assert_keeps("meet me at home dot u k")


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "I use l, o, r as in robert, n as in nancy, a as in apple 1988 at icloud dot com for everything",
            "I use [EMAIL_REDACTED] for everything",
        ),
        (
            "you can email me at z, h as in henry, a as in apple, n as in nancy, g as in george dot w at verizon dot net",
            "you can email me at [EMAIL_REDACTED]",
        ),
        ("my email is s as in sam, m i t h at gmail dot com", "my email is [EMAIL_REDACTED]"),
        ("it's j, o, h, n at gmail dot com", "it's [EMAIL_REDACTED]"),
    ],
)
def test_a_local_part_spelled_letter_by_letter_with_words_for_its_letters_is_read_whole(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_a_word_said_before_letters_spelled_apart_is_not_part_of_the_address() -> None:
    # "as in" gives a letter only when the word starts with it
    assert redact("I said b as in bravo, o at gmail dot com").text == "I said [EMAIL_REDACTED]"
    assert redact("it was like x as in yes at home").text == "it was like x as in yes at home"


def test_a_partial_ending_in_an_address_spelled_with_words_for_its_letters_hides_it_as_the_final() -> None:
    text = "write to ann at gmail dot com or to z, h as in henry, a as in apple dot w at verizon dot net"
    assert redact(text, partial=True).text == redact(text).text == "write to [EMAIL_REDACTED] or to [EMAIL_REDACTED]"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("send the receipt to b r o w n j the number 7 at gmail dot com please", "send the receipt to [EMAIL_REDACTED] please"),
        ("um my email is like, r o s i e, the number 2, at aol dot com", "um my email is like, [EMAIL_REDACTED]"),
    ],
)
def test_a_digit_said_as_the_number_is_part_of_a_spelled_local_part(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_the_number_before_a_time_is_kept() -> None:
    assert_keeps("call the number 7 at noon")


@pytest.mark.parametrize(
    "text, hint, expected",
    [
        ("it's hleung at ucsd dot e d u", "EMAIL_ADDRESS", "it's [EMAIL_REDACTED]"),
        (
            "my email for the portal is aigerim underscore bekova at mail dot k z",
            None,
            "my email for the portal is [EMAIL_REDACTED]",
        ),
        ("john at gmail dot c o m", None, "[EMAIL_REDACTED]"),
    ],
)
def test_a_top_level_domain_spelled_letter_by_letter_is_read(text: str, hint: str | None, expected: str) -> None:
    assert redact(text, hint).text == expected
