"""Reading an identifier said piece by piece (redaction/spelled.py), and the engine on such text."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redaction import redact
from redaction.numbers import find_runs
from redaction.spelled import MAX_CHARS, Piece, read_around, read_from
from redaction.types import MASK


def _read(text: str) -> list[Piece]:
    """The first stretch of ``text``, with the runs numbers.py finds in it."""
    runs = {run.start: run for run in find_runs(text)}
    pos = 0
    while pos < len(text):
        pieces, pos = read_from(text, pos, runs)
        if pieces:
            return pieces
    return []


def _chars(text: str) -> str:
    return "".join(p.chars for p in _read(text))


@pytest.mark.parametrize(
    "text, chars",
    [
        ("m as in mary one one six, oh nine one, nine three", "M11609193"),
        ("x h 4 0 1 7 5 n", "XH40175N"),
        ("five H R one N G eight Q Q double eight", "5HR1NG8QQ88"),
        ("G B two five, N W B K, seven seven eight nine", "GB25NWBK7789"),
        ("i e 26 a i b k 0448 8804", "IE26AIBK04488804"),
        ("nl70 rabo 1370 3697 87", "NL70RABO1370369787"),
        ("D E seventy eight, eighty two sixty six", "DE788266"),
        ("alpha bravo x-ray four two", "ABX42"),
        ("w e i double s 4 5", "WEISS45"),
        ("X. J. H. 4 5 6", "XJH456"),
        ("EYH 883 716 144", "EYH883716144"),
        ("B for boy, 4 4", "B44"),
    ],
)
def test_it_reads_letters_digits_and_number_words_into_one_string(text: str, chars: str) -> None:
    assert _chars(text) == chars


def test_each_piece_knows_the_text_it_came_from() -> None:
    text = "it's m as in mary, seventy eight, double oh 4"
    pieces = _read(text)
    assert [text[p.start : p.end] for p in pieces] == ["m as in mary", "seventy eight", "double oh", "4"]
    assert [p.chars for p in pieces] == ["M", "78", "00", "4"]


@pytest.mark.parametrize(
    "text, chars",
    [
        ("x h 4 0\nAI: thanks", "XH40"),
        ("x h 4 0. My name", "XH40"),
        ("x h 4 0? yes", "XH40"),
        (f"x h 4 0 {MASK * 5} 7", "XH40"),
        ("x h 4 0 because", "XH40"),
        ("x h 4 0 I think so", "XH40I"),
        ("x h 4 0 five hundred", "XH"),
        ("4 0 is the one", "40"),
    ],
)
def test_a_stretch_stops_where_an_identifier_cannot_go_on(text: str, chars: str) -> None:
    assert _chars(text) == chars


def test_a_stretch_holds_at_most_max_chars() -> None:
    text = " ".join("x 4" for _ in range(100))
    assert len(_chars(text)) <= MAX_CHARS


def test_read_around_finds_the_stretch_holding_a_position_from_an_earlier_start() -> None:
    text = "okay so my policy is m as in mary 4 4 9 and that is all"
    runs = {run.start: run for run in find_runs(text)}
    start = text.index("4 4 9")
    pieces = read_around(text, start, start + 5, runs, 0)
    assert "".join(p.chars for p in pieces) == "M449"
    assert read_around(text, text.index("all"), text.index("all") + 3, runs, 0) == []


PIECES = ["x", "H", "4", "0", "one", "oh", "double", "as in", "mary", "GB82", "WEST", "rabo", "alpha", ",", ".",
          "...", "-", "\n", "uh", "is", "the", "hundred", "21st", MASK, "'", "I", "a"]  # fmt: skip
spelled = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spelled)
def test_pieces_are_in_order_inside_the_text_and_hold_capitals_and_digits(text: str) -> None:
    runs = {run.start: run for run in find_runs(text)}
    pos = 0
    while pos < len(text):
        pieces, resume = read_from(text, pos, runs)
        assert resume > pos
        last = pos
        for piece in pieces:
            assert last <= piece.start < piece.end <= len(text)
            assert "\n" not in text[piece.start : piece.end]
            assert piece.chars and piece.chars.isascii() and piece.chars.isalnum() and piece.chars == piece.chars.upper()
            last = piece.end
        assert sum(len(p.chars) for p in pieces) <= MAX_CHARS
        pos = resume


IDS = ["member id", "my iban is", "tracking number", "is", "x", "h", "q", "4", "0", "one", "oh", "double", "eight",
       "as in", "mary", "GB82", "WEST", "1234", "5698", "7654", "32", "alpha", ",", "...", "\n", "I", "think"]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(IDS), max_size=30).map(" ".join), st.sampled_from([None, "MEDICAL_ID", "IBAN"]), st.booleans())
def test_redacting_ids_is_idempotent_and_keeps_spans_apart(text: str, hint: str | None, partial: bool) -> None:
    result = redact(text, hint, partial=partial)
    assert redact(result.text, hint, partial=partial).text == result.text
    last = 0
    for e in result.entities:
        assert last <= e.start < e.end <= len(text)
        last = e.end


@pytest.mark.parametrize(
    "text",
    ["x 4 " * 25_000, "m as in mary 1 " * 10_000, "G B 1 2 " * 20_000, "alpha 1 " * 20_000, "member id x 4 " * 10_000],
    ids=lambda t: repr(t[:12]),
)
def test_it_reads_long_spelled_input_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    redact(text)
    assert time.perf_counter() - started < 10
