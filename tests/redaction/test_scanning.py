"""The engine's fast scans find exactly what the plain regular expression they replace would."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from stdnum import iban

from redaction.cues import CUE_FILTER, CueIndex, find_cues
from redaction.detectors import Context, addresses, dates, names, network, spelled_names
from redaction.detectors.numeric import _ALNUM_ID, _AT_END, _alnum_ids, _trailing_start
from redaction.numbers import RUN_FILTER
from redaction.prefilter import Prefilter, WordIndex, matches_at
from redaction.validators import is_iban

MANY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Pieces that meet at every kind of boundary: ASCII and non-ASCII letters and digits, a combining
# mark, curly apostrophes, dashes, underscores, a letter that lowercases to two ("İ"), a NUL.
PIECES = ["ab", "Zq", "09", "7", "-", "--", " ", "_", ".", "'", "\u2019", "é", "ầ", "İ", "٣", "²", "\u0301", "中", "\n", "\x00"]
texts = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(PIECES), max_size=40).map("".join))


def _context(text: str, *, hint: str | None = None, partial: bool = False) -> Context:
    """What the engine hands every detector: the text, its words and its cues."""
    words = WordIndex(text)
    return Context(text, hint, CueIndex(text, find_cues(words), words.low), words, partial=partial)


# What a word and its key are: a run of letters and digits, keyed "#" when it starts with a digit.
_KEYED = re.compile(r"\d[^\W_]*|([^\W_]{1,3})[^\W_]*")


@MANY
@given(texts)
def test_the_word_index_holds_every_word_with_its_key(text: str) -> None:
    index = WordIndex(text)
    expected = [(m.start(), m[1] or "#") for m in _KEYED.finditer(index.low)]
    assert list(zip(index.positions, index.key_list, strict=True)) == expected
    assert index.keys == {key for _, key in expected}


@MANY
@given(texts)
def test_a_long_text_is_cut_into_the_same_words(text: str) -> None:
    # a long text is cut with str.translate instead of the regex split: try that on short ones
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("redaction.prefilter._TRANSLATE_FROM", 0)
        index = WordIndex(text)
    expected = [(m.start(), m[1] or "#") for m in _KEYED.finditer(index.low)]
    assert list(zip(index.positions, index.key_list, strict=True)) == expected


def test_a_key_is_the_first_three_characters_or_a_digit_mark() -> None:
    index = WordIndex("My card, 4532-0151! ÉLODIE\u2019s x")
    assert index.key_list == ["my", "car", "#", "#", "élo", "s", "x"]
    assert index.positions == [0, 3, 9, 14, 20, 27, 29]


def test_a_non_ascii_character_in_a_key_is_read_from_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # a long text is cut on an ASCII stand-in; its non-ASCII keys come from the text itself
    monkeypatch.setattr("redaction.prefilter._TRANSLATE_FROM", 0)
    index = WordIndex("\u0663\u0664 a\u00e9\u0663x \u1ea7b 9\u00e9 \u00b2a\u2026q\u2019")
    assert index.key_list == ["#", "a\u00e9\u0663", "\u1ea7b", "#", "\u00b2a", "q"]
    assert index.positions == [0, 3, 8, 11, 14, 17]


@MANY
@given(texts)
def test_mixed_letter_and_digit_ids_are_the_ones_a_full_scan_finds(text: str) -> None:
    assert [m.span() for m in _alnum_ids(text)] == [m.span() for m in _ALNUM_ID.finditer(text)]


def test_a_member_id_is_found_whole_and_a_token_too_long_for_an_id_is_not() -> None:
    text = "member id XJH-456789, ref 1Z999AA1012345678499999999, and 4pm"
    assert [text[m.start() : m.end()] for m in _alnum_ids(text)] == ["XJH-456789"]


STREET_PIECES = ["12", "4821", "one two three four five six", "twenty-one", "B", "Main", "Old Mill Creek", "St",
                 "st.", "Street", "Ave", "Drive", "apt 4B", "Boise", "ID", "83702", "the", "north", "#", "O'Neil",
                 " ", "  ", ", ", "\n", "\u212a"]  # fmt: skip
streets = st.lists(st.sampled_from(STREET_PIECES), max_size=40).map(" ".join)


@MANY
@given(streets)
def test_streets_are_the_ones_the_full_pattern_finds_at_every_house_number(text: str) -> None:
    ctx = _context(text)
    words = ctx.words
    expected, end = [], 0
    for start in words.starts(addresses._STREET_FILTER.keys):
        m = addresses._STREET_RE.match(text, start) if start >= end else None
        if m is not None:
            end = m.end()
            expected.append((m.start(), m.end(), m.group("words")))
    assert addresses._street_matches(ctx) == expected


ADDRESS_CUE_PIECES = ["I live at", "i'm at", "im at", "live on", "my address is", "The billing address was",
                      "home address:", "street address is", "delivery address is", "shipping address is",
                      "mailing address is", "address:",
                      "ship it to", "send the box to", "mail them to", "delivered it to", "located at", "moved to",
                      "i", "live", "at", "I\u2019m", "im", "on", "my", "ship", "send", "mail", "deliver", "located",
                      "it", "to", "uh", ",", ":", "toe", "at5", "liver", " ", "\n"]  # fmt: skip
address_cues = st.lists(st.sampled_from(ADDRESS_CUE_PIECES), max_size=12).map(" ".join)


@MANY
@given(address_cues)
@example("i i'm at my the address is i live at the i m at")  # "i", "my", "the" before their next words
@example("my, address the\naddress i'm\tat i\u2019m at i  live at")
def test_address_cues_are_the_ones_the_full_pattern_finds(text: str) -> None:
    ctx = _context(text)
    assert frozenset().union(*addresses._CUE_FIRST_WORDS.values()) == addresses._CUED_FILTER.keys
    expected = [m.end() for m in addresses._CUED_RE.finditer(text)]
    assert addresses._cue_ends(ctx) == expected
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(addresses, "_FEW_WORDS", 0)  # "i", "my" and "the" found by the words after them
        assert addresses._cue_ends(ctx) == expected


DATE_PIECES = ["3", "14", "1985", "1985-03-14", "2024-4-7", "12/25", "2024", "04", "0", "/", " / ", "-", ".", "..",
               " ", "a", "x1", "\u0663", "\n", ","]  # fmt: skip
written_dates = st.lists(st.sampled_from(DATE_PIECES), max_size=30).map("".join)


@MANY
@given(written_dates)
def test_written_dates_are_the_ones_the_pattern_finds_at_every_number(text: str) -> None:
    ctx = _context(text)
    words = ctx.words
    for shape, prefilter in dates._FILTERS:
        if shape in dates._SEAMS:
            expected = [m.span() for m in prefilter.finditer(words)]
            assert [m.span() for m in dates._seamed(ctx, shape, prefilter.pattern)] == expected


NETWORK_PIECES = ["192.168.1.10", "10.0.0.1", "192", "1", "256", "2.3.1", ".", "..", "-", " ", "_", "a", "x1", "GB", "82", "WEST",
                  "1234", "5698", "DE89", "gb82", "\u0663", "\u212a", "\n"]  # fmt: skip
network_texts = st.lists(st.sampled_from(NETWORK_PIECES), max_size=30).map("".join)


@MANY
@given(network_texts)
def test_ips_and_ibans_tried_at_their_words_are_the_ones_a_full_scan_finds(text: str) -> None:
    ctx = _context(text)
    assert [m.span() for m in network._written_ipv4(ctx)] == [m.span() for m in network._IPV4.finditer(text)]
    assert [m.span() for m in network._iban_shaped(ctx)] == [m.span() for m in network._IBAN_SHAPE.finditer(text)]


SPEECH_PIECES = ["it's", "it\u2019s", "I'm", "'s", "s", "ssn", "my social is", "my name is", "this is", "Maria",
                 "four five", "oh", "double", "4532", "don't", "the", "card", "t", "m", " ", ", ", "-", "\n"]  # fmt: skip
speech = st.lists(st.sampled_from(SPEECH_PIECES), max_size=30).map(" ".join)


@MANY
@given(speech)
def test_word_prefiltered_patterns_match_what_a_full_scan_matches(text: str) -> None:
    index = WordIndex(text)
    for prefilter in (CUE_FILTER, RUN_FILTER, names._CUE_FILTER):
        assert [m.span() for m in prefilter.finditer(index)] == [m.span() for m in prefilter.pattern.finditer(text)]


@MANY
@given(st.text(alphabet="ab1 .,?!-\n\t\u2026\u2003_:", max_size=20))
def test_a_number_is_at_the_end_where_only_spaces_and_punctuation_follow(text: str) -> None:
    tail = _trailing_start(text)
    assert [pos >= tail for pos in range(len(text) + 1)] == [_AT_END.match(text, pos) is not None for pos in range(len(text) + 1)]


@MANY
@given(streets)
def test_an_open_street_is_the_one_a_search_of_the_last_120_characters_finds(text: str) -> None:
    ctx = _context(text, partial=True)
    found = addresses._open_street(ctx)
    m = addresses._OPEN_STREET.search(text, max(0, len(text) - 120))
    assert found == ((m.start(), m["house"], m["words"] or "") if m else None)


DATE_TALK = ["my date of birth is", "March 3 1985", "the fifth of June 1990", "the twelfth of", "um the ninth of",
             "3/14/1985", "04/27", "1985-03-14", "born on", "it expires", "exp", "the", "twelfth", "of", "March", "may",
             "nineteen", "eighty", "five", "3", "14", "/", "-", "85", "sure", "ok", ",", ".", "I need", "forty",
             "minutes", "this", "second", "Third", "OF", "of_", "offer", "twenty-first", "\u017feptember",
             "\u017fecond", "\u212a"]  # fmt: skip
date_talk = st.lists(st.sampled_from(DATE_TALK), max_size=14).map(" ".join)


@MANY
@given(date_talk, st.booleans(), st.sampled_from([None, "DATE_OF_BIRTH", "CARD_EXPIRY", "US_SSN"]))
def test_a_text_the_date_detector_skips_holds_no_date(text: str, partial: bool, hint: str | None) -> None:
    ctx = _context(text, hint=hint, partial=partial)
    if not dates._may_hold_a_date(ctx):
        assert dates._detect(ctx) == []


@MANY
@given(date_talk)
def test_an_ordinal_not_before_of_gives_no_month_word(text: str) -> None:
    # "this" has the key of "third": the word keys alone let the open tail of a partial be tried
    ctx = _context(text, partial=True)
    words = ctx.words
    if not dates._MONTH_KEYS.isdisjoint(words.keys) and not dates._may_name_a_month(ctx):
        assert dates._MONTH_WORD.search(text) is None


ascii_date_talk = st.lists(st.sampled_from([p for p in DATE_TALK if p.isascii()]), max_size=14).map(" ".join)


@MANY
@given(ascii_date_talk)
def test_a_lowercase_copy_matches_lowercased_ascii_as_its_pattern_matches_the_text(text: str) -> None:
    low = text.lower()
    for pattern, copy in ((dates._DATEISH_TAIL, dates._DATEISH_TAIL_LOW), (dates._MONTH_WORD, dates._MONTH_WORD_LOW)):
        for pos in range(len(text) + 1):
            expected, found = pattern.match(text, pos), copy.match(low, pos)
            assert (found.regs if found else None) == (expected.regs if expected else None)
    expected, found = dates._YEAR_RE.search(text), dates._YEAR_LOW.search(low)
    assert (found.span() if found else None) == (expected.span() if expected else None)


VALID_IBANS = ["GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "FR14 2004 1010 0505 0001 3M02 606", "NL91ABNA0417164300"]
# a valid IBAN with one character changed, dropped or added, or an IBAN-ish string
iban_like = st.one_of(
    st.builds(
        lambda valid, pos, new: valid[:pos] + new + valid[pos + 1 :],
        st.sampled_from(VALID_IBANS),
        st.integers(0, 34),
        st.sampled_from(["", "0", "9", "A", "Z", " ", "  ", "x", "-", "\u2013"]),
    ),
    st.text(alphabet="GBDENLFR0123456789AWZ -", max_size=40),
)


@MANY
@given(iban_like)
def test_the_iban_pre_check_agrees_with_stdnum(text: str) -> None:
    assert is_iban(text) == iban.is_valid(text)


def test_valid_ibans_pass_the_pre_check() -> None:
    assert all(is_iban(valid) for valid in VALID_IBANS)


# --- Names: cue, spelling and open-letter scans ---------------------------------------------------

NAME_PIECES = ["my name is", "My Name's", "the patient:", "their", "The", "that's spelled", "thanks,", "thank you",
               "hi", "Hello", "Mr.", "dr", "mrs", "Miss", "this is", "I'm", "im", "i am", "sure", "surname",
               "full name", "calling for", "card holder", "goodbye", "Maria", "it's", "'", "\u2019", ",", ":", "-",
               "\n", "on behalf of", "myname is", "mybrother's"]  # fmt: skip
name_talk = st.tuples(st.lists(st.sampled_from(NAME_PIECES), max_size=20).map(" ".join), st.integers(1, 30))


@MANY
@given(name_talk)
def test_name_cues_tried_word_by_word_are_the_ones_a_full_scan_finds(talk: tuple[str, int]) -> None:
    text = " ".join([talk[0]] * talk[1])  # long enough, often, for the key index path
    found = [(m.span(), m.lastgroup) for m in names._CUE_FILTER.finditer(WordIndex(text))]
    assert found == [(m.span(), m.lastgroup) for m in names._CUE_RE.finditer(text)]


def test_every_word_is_tried_with_only_the_name_cues_its_key_can_start() -> None:
    narrowed = names._CUE_FILTER.narrowed
    assert narrowed is not None and narrowed.keys() == names._CUE_FILTER.keys
    assert narrowed["mr"]("mr. smith", 0) is not None
    assert narrowed["mr"]("my name is", 0) is None
    assert narrowed["my"]("my name is", 0) is not None
    text = "hi, this is Dr. Okafor; my name is Ada"
    found = [(m.lastgroup, m.group(0)) for m in names._CUE_FILTER.finditer(WordIndex(text))]
    assert found == [("weak", "hi,"), ("weak", "this is"), ("title", "dr."), ("strong", "my name is")]


def test_a_repeat_shorter_than_a_key_is_followed_by_more_of_it_or_what_comes_after() -> None:
    # "(?:my\s*)+name" matches "myname", keyed "myn", not only words keyed "my"
    for source, text in [("(?:a)+bc", "abc aabc aaa"), ("(?:ab)*c", "c abc ababc"), (r"(?:my\s*)+name", "myname mymyname")]:
        pattern = re.compile(rf"(?<![\w']){source}(?![\w'])")
        found = [m.span() for m in Prefilter(pattern).finditer(WordIndex(text))]
        assert found == [m.span() for m in pattern.finditer(text)] != []
    text = "hi, myname is Priya"
    found = [m.group(0) for m in names._CUE_FILTER.finditer(WordIndex(text))]
    assert found == [m.group(0) for m in names._CUE_RE.finditer(text)] == ["hi,", "myname is"]


FRAME_PIECES = ["is", "my", "is my", "sister", "emergency contact", "i", "I'm", "i'm", "i\u2019m", "im", "am", "i am",
                "calling", "Calling", "here", "her", "date of birth", "Maria", " ", "  ", ", ", "\n", "'", "x"]  # fmt: skip
frames = st.lists(st.sampled_from(FRAME_PIECES), max_size=30).map(" ".join)


@MANY
@given(frames)
@example("Maria Lopez is my sister, Ana Ruiz, i'm calling, I am calling, i  am\ncalling")
def test_frames_tried_at_their_starts_are_the_ones_a_full_scan_finds(text: str) -> None:
    words = WordIndex(text)
    found = matches_at(names._FRAME_FILTER.folded.match, words.low, names._frame_starts(words))
    assert [(m.span(), m.lastgroup) for m in found] == [(m.span(), m.lastgroup) for m in names._FRAME.finditer(text)]


SPELLING_PIECES = ["a", "B", "SS", "ll", "Ss", "double", "Triple", "s", "it's", "as in", "Apple", "é", "ÉÉ", "İ",
                   "2", "²", "ab", " ", ", ", ".", "-", "'", "\u2019", "\u00a0", "_", "\n"]  # fmt: skip
spelling = st.one_of(st.text(max_size=30), st.lists(st.sampled_from(SPELLING_PIECES), max_size=30).map(" ".join))


@MANY
@given(spelling)
def test_spellings_tried_at_their_keys_are_the_ones_a_full_scan_finds(text: str) -> None:
    words = WordIndex(text)
    found = spelled_names._spelled(text, words, spelled_names._spelling_keys(words))
    assert [m.span() for m in found] == [m.span() for m in spelled_names._SPELLED_RE.finditer(text)]


@MANY
@given(spelling, st.booleans())
def test_spelling_keys_are_the_one_letter_doubled_and_double_triple_keys(text: str, long: bool) -> None:
    # a long text's words are cut another way (see prefilter._translated_words)
    words = WordIndex(text + " x" * 600 if long else text)
    expected = {k for k in words.keys if (len(k) == 1 and k != "#") or (len(k) == 2 and k[0] == k[1]) or k in ("dou", "tri")}
    assert spelled_names._spelling_keys(words) == expected


@MANY
@given(spelling)
def test_letters_open_at_the_end_are_searched_for_only_when_the_last_two_words_are_letters(text: str) -> None:
    if names._OPEN_LETTERS.search(text, max(0, len(text) - 40)) is not None:
        assert names._ends_with_two_letters(WordIndex(text))
