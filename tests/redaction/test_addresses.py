from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from redaction import redact
from redaction.cues import CueIndex, find_cues
from redaction.detectors import Context, addresses
from redaction.prefilter import WordIndex, matches_at

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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("PO box eight three eight", "[ADDRESS_REDACTED]"),
        ("P.O. Box one six three", "[ADDRESS_REDACTED]"),
        (
            "Mailing address is P.O. box two three two five, the mail doesn't come to the house",
            "Mailing address is [ADDRESS_REDACTED], the mail doesn't come to the house",
        ),
        ("send it to post office box 77 please", "send it to [ADDRESS_REDACTED] please"),
        ("it's P.O. Box 123, Springfield IL 62704, thanks", "it's [ADDRESS_REDACTED], thanks"),
    ],
)
def test_it_redacts_a_po_box_said_in_words(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Billing address, twenty nine eight nineteen forty second Ave Paterson New Jersey 07501",
            "Billing address, [ADDRESS_REDACTED]",
        ),
        ("it's 2980 forty second Ave, Paterson, thanks", "it's [ADDRESS_REDACTED], thanks"),
        ("I live at 221 second street", "I live at [ADDRESS_REDACTED]"),
        ("it's 31 twenty-third street", "it's [ADDRESS_REDACTED]"),
        ("1200 W 42nd St", "[ADDRESS_REDACTED]"),
        ("it's 4120 forty second drive", "it's [ADDRESS_REDACTED]"),
    ],
)
def test_it_redacts_a_street_named_by_an_ordinal(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize("text", ["it's a thirty second drive from here", "it is a 10 second walk", "I live on the second floor"])
def test_a_duration_or_a_floor_is_not_an_ordinal_street(text: str) -> None:
    assert_keeps(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "deliver it to eighteen oh thirty three county road 237, Little Rock Arkansas, leave it with the front desk",
            "deliver it to [ADDRESS_REDACTED], leave it with the front desk",
        ),
        ("it's 4120 highway 101", "it's [ADDRESS_REDACTED]"),
        ("2200 FM 1960, Houston TX 77069", "[ADDRESS_REDACTED]"),
        ("we're at 77 state route nine now", "we're at [ADDRESS_REDACTED] now"),
    ],
)
def test_it_redacts_a_route_after_a_house_number(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "take route 66 to get there",
        "highway 101 was closed",
        "in 2019 highway 101 was closed for a month",
        "in 2019 Main Street was closed",
        "take exit 12 route 9 north",
    ],
)
def test_a_route_without_a_house_number_is_kept(text: str) -> None:
    assert_keeps(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my address is twenty one two sixty one harbor view rd sw, lowell mass", "my address is [ADDRESS_REDACTED]"),
        ("my address is 12 elm st, austin tx 78701", "my address is [ADDRESS_REDACTED]"),
        ("it's 12 Elm St, Erie, Penn. thanks", "it's [ADDRESS_REDACTED] thanks"),
    ],
)
def test_a_city_with_its_state_as_said_is_part_of_the_address(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I live at 12 elm street and then wash the car", "I live at [ADDRESS_REDACTED] and then wash the car"),
        ("I live at 42 elm st, say hi", "I live at [ADDRESS_REDACTED], say hi"),
        ("I live at 42 elm st, come in ok", "I live at [ADDRESS_REDACTED], come in ok"),
    ],
)
def test_words_after_an_address_are_not_read_as_a_city_and_state(text: str, expected: str) -> None:
    assert redact(text).text == expected


def _context(text: str) -> Context:
    words = WordIndex(text)
    return Context(text, None, CueIndex(text, find_cues(words), words.low), words)


ROUTE_PIECES = ["12", "4120", "one two", "eighteen oh thirty three", "twenty-one", "B", "county", "state", "old",
                "farm to market", "u.s.", "road", "rd.", "highway", "Hwy", "route", "FM", "cr", "237", "nine", "#",
                "Main", "St", "the", " ", "  ", ", ", "\n", "-"]  # fmt: skip
routes = st.lists(st.sampled_from(ROUTE_PIECES), max_size=30).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(routes)
def test_routes_are_the_ones_a_try_at_every_house_number_finds(text: str) -> None:
    ctx = _context(text)
    houses = ctx.words.starts(addresses._HOUSE_KEYS)
    expected = [m.span() for m in matches_at(addresses._ROUTE_LOW.match, ctx.words.low, houses)]
    assert addresses._route_matches(ctx) == expected


ORDINAL_STREET_PIECES = ["12", "one two three four five six", "B", "forty second", "twenty-third", "42nd", "Main",
                         "Old Mill Creek", "Ave", "Street", "the", " ", "  ", ", ", "\n"]  # fmt: skip
ordinal_streets = st.lists(st.sampled_from(ORDINAL_STREET_PIECES), max_size=40).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(ordinal_streets)
@example("one two three four five six B forty second forty second forty second forty second Street")  # most tokens
@example("12 forty second forty second forty second forty second Street")  # most tokens from digits
@example("12 Main forty second forty second forty second forty second Street")  # one token too many
def test_streets_named_by_spoken_ordinals_are_the_ones_the_full_pattern_finds(text: str) -> None:
    ctx = _context(text)
    expected, end = [], 0
    for start in ctx.words.starts(addresses._STREET_FILTER.keys):
        m = addresses._STREET_RE.match(text, start) if start >= end else None
        if m is not None:
            end = m.end()
            expected.append((m.start(), m.end(), m.group("words")))
    assert addresses._street_matches(ctx) == expected


# The street pattern as written before its street words were made possessive
_GREEDY_STREET_RE = re.compile(addresses._STREET_RE.pattern.replace(addresses._STREET_WORD, addresses._WORD), re.IGNORECASE)


@settings(max_examples=400, deadline=None)
@given(ordinal_streets)
@example("12 Main Streetwise Street")
@example("12 " + "a" * 40 + " Street")  # a word longer than a street word
def test_possessive_street_words_find_what_greedy_ones_do(text: str) -> None:
    assert addresses._STREET_WORD != addresses._WORD
    greedy = [(m.span(), m.groupdict()) for m in _GREEDY_STREET_RE.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in addresses._STREET_RE.finditer(text)] == greedy


def test_a_partial_ending_in_a_number_and_second_is_not_an_address() -> None:
    assert redact("it is a 10 second", partial=True).text == "it is a 10 second"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ship it to PO", "ship it to [ADDRESS_REDACTED]"),
        ("okay so my address is P.O. Box", "okay so my address is [ADDRESS_REDACTED]"),
        ("do you have a PO box", "do you have a PO box"),
    ],
)
def test_a_partial_redacts_a_po_box_opened_after_an_address_cue(text: str, expected: str) -> None:
    assert redact(text, partial=True).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I live at ninety nine eighty seven Riverside Ave, austin", "I live at [ADDRESS_REDACTED]"),
        ("P.O. box one eight nine eight, peoria", "[ADDRESS_REDACTED]"),
        ("I live at 12 elm street, thanks", "I live at [ADDRESS_REDACTED], thanks"),
    ],
)
def test_a_partial_redacts_a_lowercase_city_whose_state_is_still_coming(text: str, expected: str) -> None:
    assert redact(text, partial=True).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("uh fifty fifty four quail run blvd, columbus, oh 43201", "uh [ADDRESS_REDACTED]"),
        ("I live at 12 elm street, boston, oh and the zip is", "I live at [ADDRESS_REDACTED], oh and the zip is"),
    ],
)
def test_a_state_code_that_is_a_word_is_a_state_only_before_a_zip(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I'm staying at my sister's, 597 W Chestnut Drive in Sacramento", "I'm staying at my sister's, [ADDRESS_REDACTED]"),
        ("send it to 44 Elm Road in New York City now", "send it to [ADDRESS_REDACTED] now"),
        # a month, a day or the sentence going on is no city
        ("ship it to 12 Oak Street in April please", "ship it to [ADDRESS_REDACTED] in April please"),
        ("I live at 12 Oak Street in the back", "I live at [ADDRESS_REDACTED] in the back"),
        ("we met at 12 Oak Street in The Morning", "we met at [ADDRESS_REDACTED] in The Morning"),
    ],
)
def test_a_capitalised_city_after_in_goes_with_its_street(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I live at 4 5 6 Maple Avenue", "I live at [ADDRESS_REDACTED]"),
        ("it's 1 2 3 4 Oak Street, Springfield IL 62704", "it's [ADDRESS_REDACTED]"),
        ("I live at 4 5 6 maple", "I live at [ADDRESS_REDACTED]"),
        ("press 1 2 for main street info", "press 1 2 for main street info"),
    ],
)
def test_a_house_number_read_digit_by_digit_goes_with_its_street(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_digits_read_one_by_one_at_the_end_of_a_partial_are_not_taken_for_a_house_number() -> None:
    # an ID being read out, not "4 0 1 7 5 n[orth ...]"
    assert redact("my medicaid number is x h 4 0 1 7 5 n", partial=True).text == "my medicaid number is [MEDICAL_ID_REDACTED]"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("i moved, new address is nine oh one east pike street, seattle", "i moved, new address is [ADDRESS_REDACTED]"),
        ("address is 9 9 2 1 mesa verde way, phoenix", "address is [ADDRESS_REDACTED]"),
        ("i'm at 620 calle del sol, santa fe, new mexico", "i'm at [ADDRESS_REDACTED]"),
        ("we're at 1150 route 9 in wappingers falls", "we're at [ADDRESS_REDACTED]"),
        ("my address is 12 oak street, apartment 4, boise.", "my address is [ADDRESS_REDACTED]."),
    ],
)
def test_a_lowercase_city_closing_the_clause_goes_with_its_street(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I live at 12 Oak Street, thanks", "I live at [ADDRESS_REDACTED], thanks"),
        ("ship it to 40 elm street, and call me", "ship it to [ADDRESS_REDACTED], and call me"),
        ("12 oak street in town.", "[ADDRESS_REDACTED] in town."),
        ("12 oak street, correct?", "[ADDRESS_REDACTED], correct?"),
        ("12 oak street, tomorrow works", "[ADDRESS_REDACTED], tomorrow works"),
    ],
)
def test_a_common_word_after_an_address_is_no_city(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("she lives at twenty two hundred n lakeshore, number 6, milwaukee", "she lives at [ADDRESS_REDACTED]"),
        ("they live at 40 elm street", "they live at [ADDRESS_REDACTED]"),
        ("i still live at 12 oak lane", "i still live at [ADDRESS_REDACTED]"),
        ("yes I'm still at 2 0 2 birch hollow and my phone is", "yes I'm still at [ADDRESS_REDACTED] and my phone is"),
        ("the old address was 1902 elm, but", "the old address was [ADDRESS_REDACTED], but"),
    ],
)
def test_more_ways_of_saying_where_someone_lives_are_address_cues(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text", ["she lives at home with us", "I'm at work right now", "we're at the hospital", "the address is fine"]
)
def test_a_lives_at_without_a_house_number_is_kept(text: str) -> None:
    assert_keeps(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("i'm at two thirty nine harbor view terrace, second floor, portland maine", "i'm at [ADDRESS_REDACTED]"),
        ("the physical address, 73 old mill road, sudbury massachusetts", "the physical address, [ADDRESS_REDACTED]"),
        ("fifty five hundred old national highway suite 200, atlanta", "[ADDRESS_REDACTED]"),
    ],
)
def test_a_floor_and_an_old_street_name_are_part_of_the_address(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_old_alone_is_no_street_name() -> None:
    assert_keeps("i have 3 old road bikes")


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "apartment 5, 33 delancey street, that's where the bill should go",
            "[ADDRESS_REDACTED], that's where the bill should go",
        ),
        (
            "send the nurse to my dad's place, 2 7 oh 4 magnolia boulevard, he can't drive",
            "send the nurse to my dad's place, [ADDRESS_REDACTED], he can't drive",
        ),
        (
            "send the title to two thousand four hundred twelve sunset boulevard los angeles",
            "send the title to [ADDRESS_REDACTED]",
        ),
        ("I live at 12 oak street now.", "I live at [ADDRESS_REDACTED] now."),
    ],
)
def test_a_unit_before_a_house_number_with_oh_and_a_city_ending_the_sentence_are_part_of_the_address(
    text: str, expected: str
) -> None:
    assert redact(text).text == expected


def test_a_unit_before_something_else_stays() -> None:
    assert (
        redact("i live in unit 4 and 12 oak street is my sister's").text
        == "i live in unit 4 and [ADDRESS_REDACTED] is my sister's"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("77 sunset ridge road, flagstaff", "[ADDRESS_REDACTED]"),
        ("I live at 12 Oak Street, Flagstaff, AZ", "I live at [ADDRESS_REDACTED]"),
    ],
)
def test_a_city_that_starts_like_a_unit_word_is_redacted_whole(text: str, expected: str) -> None:
    # "fl" of "flagstaff" is not the floor abbreviation: read so, the city's last letter survived
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "we're at eleven hundred and five harbor view drive, number 302, san diego, ninety two one oh one",
            "we're at [ADDRESS_REDACTED]",
        ),
        (
            "AI: What is the service address?\nUser: 1 4 oh 9 garfield street southeast, grand rapids",
            "AI: What is the service address?\nUser: [ADDRESS_REDACTED]",
        ),
        (
            "the job is at 6 0 2 kestrel way, that's in boise, the yard is big",
            "the job is at [ADDRESS_REDACTED], the yard is big",
        ),
    ],
)
def test_hundred_and_a_compound_direction_and_thats_in_a_city_are_part_of_the_address(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "it's 1 2 3 0 mulberry lane, lot 44, ocala florida, the mobile home park",
            "it's [ADDRESS_REDACTED], the mobile home park",
        ),
        (
            "my dad's in the states now, 88 prospect street apartment 3 f, jersey city",
            "my dad's in the states now, [ADDRESS_REDACTED]",
        ),
    ],
)
def test_a_lot_and_a_city_named_city_are_part_of_the_address(text: str, expected: str) -> None:
    assert redact(text).text == expected
