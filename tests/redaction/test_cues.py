"""Cues are found once per text, each word tried with only the cue phrases it can start.

``find_cues`` must find exactly what a plain scan of the whole cue pattern finds, with the same
kind: the kind decides what a number next to it is.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redaction import memo, prefilter
from redaction.cues import _NEUTRAL, _WORD_RE, CUE_FILTER, CUE_RE, CueIndex, find_cues, words_between
from redaction.prefilter import WordIndex, _alternatives

MANY = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CUE_PIECES = ["my social security number", "ssn", "s.s.n.", "card number", "card's", "4 digit code", "three digit security code",
              "four", "3", "4", "34", "digits", "code", "code on the back", "expiration", "exp date", "good thru", "routing",
              "account", "member id", "policy number", "group #", "phone", "cell", "call me at", "text it to", "date of birth",
              "dob", "d.o.b.", "born on", "last four", "ending in", "zip code", "order number", "room", "press", "extension",
              "flight", "flight number", "ua", "social insurance number", "health insurance card", "insurance", "medical record",
              "number", "no.", "#", "id", "last", "ending with", "visa", "credit card number",
              "it's", "it\u2019s", "'s", "the", "is", "Maria", "one two", "IBAN", "sort code", "MRN",
              " ", ", ", "-", ".", "\n"]  # fmt: skip
speech = st.lists(st.sampled_from(CUE_PIECES), max_size=25).map(" ".join)


def _cues(text: str) -> list[tuple[str, int, int]]:
    return [(c.kind, c.start, c.end) for c in find_cues(WordIndex(text))]


def _narrowed(text: str) -> list[tuple[str | None, int, int]]:
    """What the narrowed cue scan (each word tried with its key's narrowed pattern) finds, at any length."""
    index = WordIndex(text)
    return [(m.lastgroup, m.start(), m.end()) for m in CUE_FILTER._narrowed_matches(index, index.low)]


def _scanned(text: str) -> list[tuple[str | None, int, int]]:
    return [(m.lastgroup, m.start(), m.end()) for m in CUE_RE.finditer(text)]


@MANY
@given(speech)
def test_cues_in_speech_are_the_ones_a_full_scan_finds_with_their_kind(text: str) -> None:
    assert _cues(text) == _scanned(text) == _narrowed(text)


@MANY
@given(st.text(max_size=60))
def test_cues_in_any_text_are_the_ones_a_full_scan_finds(text: str) -> None:
    assert _cues(text) == _scanned(text) == _narrowed(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.sampled_from(CUE_PIECES), min_size=400, max_size=500).map(" ".join))
def test_cues_in_a_long_transcript_are_the_ones_a_full_scan_finds(text: str) -> None:
    assert len(WordIndex(text).key_list) > prefilter._NARROW_FROM
    assert _cues(text) == _scanned(text)


FILLER = "we went to the kitchen after lunch yesterday and the weather was fine"


@MANY
@given(st.lists(st.sampled_from(CUE_PIECES), max_size=5).map(" ".join), st.integers(20, 40))
def test_cues_among_many_other_words_are_the_ones_a_full_scan_finds(talk: str, times: int) -> None:
    # few of the words can start a cue, so they are tried key by key from the key index
    text = "\n".join([f"{talk} {FILLER} {FILLER}"] * times)
    index = WordIndex(text)
    candidates = sum(len(starts) for _, starts in index.grouped_starts(CUE_FILTER.keys))
    assert len(index.key_list) > prefilter._NARROW_FROM and 2 * candidates <= len(index.key_list)
    assert _cues(text) == _scanned(text)


def test_each_word_is_tried_with_a_pattern_narrowed_to_the_cues_it_can_start() -> None:
    narrowed = CUE_FILTER.narrowed
    assert narrowed is not None
    assert narrowed.keys() == CUE_FILTER.keys
    assert narrowed["fou"]("four digit code", 0) is not None
    assert narrowed["fou"]("four five six", 0) is None
    assert narrowed["soc"] is not narrowed["fou"]
    text = "the four digit code on the back, my social is 4 and the 3 digit code"
    assert [(kind, text[start:end]) for kind, start, end in _cues(text)] == [
        ("CARD_CVV", "four digit code"),
        ("US_SSN", "social"),
        ("CARD_CVV", "3 digit code"),
    ]


def test_alternatives_are_split_only_at_the_top_level() -> None:
    assert _alternatives(r"a|b(?:c|d)|[|]|\||[]|]|x") == ["a", "b(?:c|d)", "[|]", r"\|", "[]|]", "x"]
    assert _alternatives("single") == ["single"]


ANY_PIECES = ["my", "social", "is", "IS", "Um", "one", "um", "a", "and", "Maria", "it's", "it\u2019s", "4th", "_x", "x_1", "'s",
              "é", "José",
              "\u00c9", "\u0130", "\u03a3", "\u0663", "\u00bd", "\u00b2", "\u4e2d", "\x01", "\x02", "\u2026", "\u00a0", " ", ", ",
              "\n", "."]  # fmt: skip


@MANY
@given(st.lists(st.sampled_from(ANY_PIECES), max_size=30).map("".join), st.data())
def test_a_cue_distance_counts_the_content_words_of_the_lowercased_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    window = data.draw(st.integers(0, 8))
    index = WordIndex(text)
    distance = CueIndex(text, [], index.low)._distance(start, end, window)
    words = _WORD_RE.findall(index.low, start, end)  # read with Unicode classes
    counted = len(words) - sum(word in _NEUTRAL for word in words) if end - start <= 400 else 99
    assert words_between(index.low, start, end, lowered=True) == counted
    said = _WORD_RE.findall(text, start, end)
    assert words_between(text, start, end) == (len(said) - sum(w.lower() in _NEUTRAL for w in said) if end - start <= 400 else 99)
    assert distance == counted if counted <= window else distance > window


@MANY
@given(st.lists(st.sampled_from(ANY_PIECES), max_size=30).map("".join), st.data())
def test_a_long_text_measured_again_within_a_call_gets_the_same_distances(talk: str, data: st.DataObject) -> None:
    text = talk + " and so on" * 120  # long enough for distances to be remembered for the call
    start = data.draw(st.integers(0, len(talk)))
    end = data.draw(st.integers(start, len(text)))
    window = data.draw(st.integers(0, 8))
    low = WordIndex(text).low
    alone = CueIndex(text, [], low)._distance(start, end, window)
    scope = memo.open_scope()
    try:
        first = CueIndex(text, [], low)._distance(start, end, window)
        again = CueIndex(text, [], low)._distance(start, end, window)  # as the second pass does
    finally:
        memo.close_scope(scope)
    counted = words_between(low, start, end, lowered=True)
    assert first == again == alone
    assert alone == counted if counted <= window else alone > window
