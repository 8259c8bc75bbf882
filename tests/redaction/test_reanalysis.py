"""The second pass over a redacted text reads it as a fresh call would, from the first pass's words.

``redact`` analyses its own output again (placeholders masked) so that redacting twice changes
nothing. The masked output's word index is derived from the first pass's instead of being read
again; these tests hold that derivation to what ``WordIndex`` itself builds, and the engine's
results to what it finds with a freshly built index.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import redaction.engine as engine
from redaction import redact
from redaction.prefilter import WordIndex
from redaction.types import MASK, PLACEHOLDER_RE, PLACEHOLDERS, masked

MANY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = ["ab", "Zq", "09", "7", "-", " ", "_", ".", "'", "\u2019", "é", "ầ", "İ", "Σ", "\u03c3", "٣", "中", "\n", MASK]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _edited(text: str, edits: list[tuple[int, int, int]]) -> str:
    out, prev = [], 0
    for start, end, length in edits:
        out += [text[prev:start], MASK * length]
        prev = end
    return "".join([*out, text[prev:]])


@st.composite
def texts_and_edits(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, int]]]:
    text = draw(texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8, unique=True)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    return text, [(a, b, draw(st.integers(1, 22))) for a, b in spans]


def _fields(index: WordIndex) -> tuple[object, ...]:
    return index.text, index.low, index.positions, index.key_list, index.keys, index.by_key


@MANY
@given(texts_and_edits())
def test_a_derived_index_is_the_index_of_the_edited_text_or_none(case: tuple[str, list[tuple[int, int, int]]]) -> None:
    text, edits = case
    edited = _edited(text, edits)
    derived = WordIndex(text).replaced(edits, edited)
    if derived is not None:
        assert _fields(derived) == _fields(WordIndex(edited))


def test_words_around_placeholders_keep_their_keys_at_shifted_offsets() -> None:
    text = "my name is Ximena Ochoa and my cell is 415 555 0142, thanks"
    edits = [(11, 23, 15), (39, 51, 16)]  # the name and the phone, as their placeholders' lengths
    edited = _edited(text, edits)
    derived = WordIndex(text).replaced(edits, edited)
    assert derived is not None
    assert _fields(derived) == _fields(WordIndex(edited))
    assert derived.key_list == ["my", "nam", "is", "and", "my", "cel", "is", "tha"]
    assert [edited[p : p + 4] for p in derived.positions][3:6] == ["and ", "my c", "cell"]


@st.composite
def texts_and_windows(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(texts)
    lo = draw(st.integers(0, len(text)))
    return text, lo, draw(st.integers(lo, len(text)))


@MANY
@given(texts_and_windows())
def test_a_window_cut_from_an_index_is_the_index_of_the_window_or_none(case: tuple[str, int, int]) -> None:
    text, lo, hi = case
    cut = WordIndex(text).window(lo, hi)
    if cut is not None:
        assert _fields(cut) == _fields(WordIndex(text[lo:hi]))


def test_a_window_is_cut_between_words_and_refused_inside_one() -> None:
    index = WordIndex("User: my name is Ana\nAI: thanks Ana")
    cut = index.window(21, 36)
    assert cut is not None and cut.text == "AI: thanks Ana" and cut.key_list == ["ai", "tha", "ana"]
    assert cut.positions == [0, 4, 11]
    assert index.window(19, 36) is None  # "Ana" cut in two


@pytest.mark.parametrize(
    ("text", "edits", "edited"),
    [
        ("order abc123 now", [(9, 12, 5)], "order abc" + MASK * 5 + " now"),  # the edit cuts a word
        ("order 123abc now", [(6, 9, 5)], "order " + MASK * 5 + "abc now"),  # ... at its start
        ("call me at 5", [(11, 12, 3)], "call us at " + MASK * 3),  # the text differs outside the edit
        ("call me at 5", [(11, 12, 3)], "call me at xyz"),  # the edit holds word characters
        ("ΟΔΟΣ'A", [(5, 6, 1)], "ΟΔΟΣ'" + MASK),  # the sigma lowercases by what follows it
        ("İstanbul 5", [(9, 10, 2)], "İstanbul " + MASK * 2),  # a letter that lowercases to two
    ],
)
def test_it_declines_to_derive_what_it_cannot_derive_exactly(text: str, edits: list[tuple[int, int, int]], edited: str) -> None:
    assert WordIndex(text).replaced(edits, edited) is None


LONG = "\n".join(
    [
        "User: hi, my name is Ximena Ochoa and I was born on March 3rd, 1985.",
        "AI: Thanks Ximena. What's the best number to reach you?",
        "User: my cell is four one five, five five five, oh one four two",
        "AI: And your e-mail?",
        "User: it's ximena dot ochoa at gmail dot com, and I live at 42 Elm Street, Boise",
        "AI: Got it. The order number is 55123 and the appointment is at 3:30 pm.",
        "User: my card is 4532 0151 1283 0366 and my member id is XJH 456789",
    ]
    * 40
)


@pytest.mark.parametrize("partial", [False, True])
def test_a_long_transcript_is_redacted_the_same_without_the_derived_index(partial: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    derived = redact(LONG, partial=partial)
    monkeypatch.setattr(WordIndex, "replaced", lambda self, edits, text: None)
    fresh = redact(LONG, partial=partial)
    assert derived == fresh
    assert redact(derived.text, partial=partial).text == derived.text
    assert "Ximena" not in derived.text and "4532" not in derived.text and "Elm" not in derived.text


def test_a_long_transcript_is_read_again_whole_when_its_windows_would_cover_most_of_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = redact(LONG).text
    calls: list[tuple[str, WordIndex | None]] = []
    analyse = engine._analyse

    def spy(
        text: str, hint: str | None, recognizers: object, partial: bool, words: WordIndex | None = None, answers: object = ()
    ) -> object:
        calls.append((text, words))
        return analyse(text, hint, (), partial, words)

    monkeypatch.setattr(engine, "_analyse", spy)
    redact(LONG)
    assert len(LONG) > engine._LONG
    assert [text for text, _ in calls] == [LONG, out]
    derived = calls[1][1]
    assert derived is not None and derived.text == engine._masked(out)


# A long call with its PII on a few lines, as most calls are: questions answered with bare values
# ("4532 0151 ...", "Megan Price") that only the question's hint makes PII, and long stretches of
# talk with numbers that are not PII in between.
_QUIET = [
    "AI: The clinic on 5th avenue opens at 8 and the co-pay is 25 dollars.",
    "User: ok, and I need 2 refills of the 10 milligram tablets, room 4 was fine last time.",
    "AI: Sure, order 55123 ships in 3 to 5 days and the line number is 2.",
]
_ASKED = [
    "AI: Can I have your full name please?",
    "User: yeah it's Megan Price",
    "AI: And the card number?",
    "User: 4532 0151 1283 0366",
    "AI: What's your date of birth?",
    "User: march third nineteen eighty five",
]
CALL = "\n".join([*(_QUIET * 30), *_ASKED, *(_QUIET * 30), *_ASKED, *(_QUIET * 30)])


def _read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_LONG", 10**9)


@pytest.mark.parametrize("partial", [False, True])
def test_a_long_call_is_read_again_only_around_its_placeholders_with_its_answers(
    partial: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows: list[str] = []
    analyse = engine._analyse

    def spy(
        text: str, hint: str | None, recognizers: object, partial: bool, words: WordIndex | None = None, answers: object = ()
    ) -> object:
        windows.append(text)
        return analyse(text, hint, (), partial, words, answers)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_analyse", spy)
    by_windows = redact(CALL, partial=partial)
    assert len(windows) > 2 and sum(map(len, windows[1:])) < len(CALL) / 2  # windows, not the whole call
    assert all(w.startswith("AI:") or w.startswith("User:") for w in windows[1:])  # whole lines
    monkeypatch.setattr(engine, "_analyse", analyse)
    _read_whole(monkeypatch)
    assert by_windows == redact(CALL, partial=partial)
    assert "Megan" not in by_windows.text and "4532" not in by_windows.text and "nineteen" not in by_windows.text
    assert "55123" in by_windows.text and "25 dollars" in by_windows.text


def test_a_long_call_read_again_by_windows_stays_redacted_once() -> None:
    once = redact(CALL).text
    assert redact(once).text == once


def test_a_long_call_is_read_again_around_a_spoken_e_mail_whose_words_its_placeholder_hides() -> None:
    # Masked, "john dot smith at gmail dot com" no longer keeps "my account" four words from the
    # number before it, so a second call would take the number: the first must already.
    talk = "User: we talked about the weather and the game last night and it was fine.\n" * 60
    text = f"{talk}User: send 58213094 to john dot smith at gmail dot com is my account\n{talk}"
    once = redact(text)
    assert len(text) > engine._LONG
    assert [e.type for e in once.entities] == ["BANK_ACCOUNT", "EMAIL_ADDRESS"]
    assert redact(once.text).text == once.text


@pytest.mark.parametrize(
    ("text", "inert"),
    [
        ("my social is 123-45-6789 thanks", True),
        ("it's four five three two one two", True),
        ("the server is 192.168.0.12 today", True),  # written in digits by another detector
        ("born 03/14/1985 in Ohio", True),
        ("expires oh nine slash twenty eight", False),  # "slash" is a content word
        ("it's john dot smith at gmail dot com", False),
        ("my name is Megan Price", False),
    ],
)
def test_only_a_span_with_no_word_that_counts_in_a_cue_distance_is_inert(text: str, inert: bool) -> None:
    found = redact(text).entities
    assert found
    assert engine._inert(text, found[-1]) is inert


# Lines whose placeholders change what is read next to them: a spoken e-mail or a name between a
# number and the cue after it, a number read with pauses that end a sentence, an ID with letters.
_TRICKY = [
    "User: send 58213094 to john dot smith at gmail dot com is my account",
    "User: the 4417 Megan Price has is her account number",
    "User: four four one seven... two two... nine nine one is the account",
    "User: it's XJH 456789, and 8823 is the member number",
    "User: 0928 oh nine slash twenty eight is the expiry on the card",
    "AI: What's the card number?",
    "User: 4532 0151 1283 0366",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 90), st.sampled_from(_TRICKY)), min_size=1, max_size=4))
def test_a_long_call_read_again_by_windows_is_stable_and_as_read_whole(inserts: list[tuple[int, str]]) -> None:
    lines = _QUIET * 30
    for at, line in sorted(inserts, reverse=True):
        lines.insert(at, line)
    text = "\n".join(lines)
    once = redact(text)
    assert redact(once.text).text == once.text
    with pytest.MonkeyPatch.context() as patch:
        _read_whole(patch)
        assert redact(text) == once


_PLACEHOLDER_PIECES = [*PLACEHOLDERS.values(), "[", "]", "_REDACTED]", "[FOO_REDACTED]", "[A", "SSN", "x", " ", "_"]


@MANY
@given(st.lists(st.sampled_from(_PLACEHOLDER_PIECES), max_size=12).map("".join))
def test_every_placeholder_is_masked_as_the_pattern_finds_it(text: str) -> None:
    # ours are replaced as plain strings, the rest by the pattern: the same as the pattern alone
    expected = PLACEHOLDER_RE.sub(lambda m: MASK * len(m.group(0)), text)
    assert masked(text) == expected
    assert len(masked(text)) == len(text)
