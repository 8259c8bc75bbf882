"""The number parser's shortcuts read a run exactly as the general parser does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from redaction.numbers import _parse, _single
from redaction.vocab import TEEN_WORDS, TENS_WORDS, UNIT_WORDS

SPOKEN = sorted([*UNIT_WORDS, *TEEN_WORDS, *TENS_WORDS])


@given(st.sampled_from([*SPOKEN, "4", "4532", "00", "1234567890123456789012345678901234567", "Twelve", "SIX"]))
def test_one_atom_is_read_as_the_general_parser_reads_it(word: str) -> None:
    single = _single(word)
    if single is not None:  # "oh" alone is left to the parser (it is weak)
        assert single == _parse(word, 0, len(word))
