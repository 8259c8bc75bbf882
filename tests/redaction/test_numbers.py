"""The number parser's shortcuts read a run exactly as the general parser does, and find it
where the plain checks do."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redaction import numbers
from redaction.cues import CueIndex
from redaction.detectors import Context
from redaction.numbers import RUN_RE, _parse, _parse_cached, _single
from redaction.prefilter import WordIndex
from redaction.types import Entity
from redaction.vocab import TEEN_WORDS, TENS_WORDS, UNIT_WORDS

MANY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SPOKEN = sorted([*UNIT_WORDS, *TEEN_WORDS, *TENS_WORDS])
# a few atoms and gaps the word-run shortcut must leave to the general parser
OTHER = ["double", "hundred", "thousand", "uh", ",", "  ", "4", "53", "Four", "O", "oh,", "o,", ",,", "nine,,", ", ,"]


@MANY
@given(st.lists(st.tuples(st.sampled_from(SPOKEN), st.sampled_from(["", ","])).map("".join), min_size=1, max_size=40))
def test_a_run_of_number_words_is_read_as_the_general_parser_reads_it(words: list[str]) -> None:
    text = " ".join(words).rstrip(",")
    assert _parse_cached(text) == _parse(text, 0, len(text))


@MANY
@given(st.lists(st.sampled_from(SPOKEN + OTHER), min_size=1, max_size=30))
def test_any_matched_run_is_read_as_the_general_parser_reads_it(pieces: list[str]) -> None:
    m = RUN_RE.search(" ".join(pieces))
    if m is not None and len(m.group(0)) <= 200:
        assert _parse_cached(m.group(0)) == _parse(m.group(0), 0, len(m.group(0)))


@given(st.sampled_from([*SPOKEN, "4", "4532", "00", "1234567890123456789012345678901234567", "Twelve", "SIX"]))
def test_one_atom_is_read_as_the_general_parser_reads_it(word: str) -> None:
    single = _single(word)
    if single is not None:  # "oh" alone is left to the parser (it is weak)
        assert single == _parse(word, 0, len(word))


@MANY
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=8),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=20),
)
def test_a_left_to_right_cover_check_answers_as_the_bisecting_one(
    taken: list[tuple[int, int]], asked: list[tuple[int, int]]
) -> None:
    ctx = Context("x" * 80, None, CueIndex("", []), WordIndex(""))
    ctx.found.extend(Entity("US_SSN", a, a + size) for a, size in taken)
    in_order = ctx.covered_left_to_right()
    for start, size in sorted(asked):
        expected = ctx.covered(start, start + size)
        assert (in_order is not None and in_order(start, start + size)) == expected


def test_number_words_are_matched_by_a_trie_of_exactly_those_words() -> None:
    words = [*numbers._WORD_ATOMS, "uh", "um", "umm", "uhm"]
    pattern = re.compile(f"(?:{numbers.word_alternation(words)})")
    assert all(pattern.fullmatch(word) for word in words)
    for other in ["sixt", "seve", "twentyone", "ninet", "u", "umh", "ten ", "", "thousands"]:
        assert pattern.fullmatch(other) is None
