"""Read an identifier said character by character into the string it stands for, with offsets.

A member ID, a Medicare number or an IBAN read over the phone reaches us as speech-to-text writes
it: single letters ("x h"), a letter with a word for it ("m as in mary", "bravo"), short capital
groups ("EYH", "NWBK"), tokens mixing both ("nl70"), digit groups and number words ("oh nine one",
"double eight", "seventy eight"), with commas and fillers between. Checking it (IBAN check digits,
the Medicare number's shape) needs the plain string ("XH40175N"); redacting it needs the part of
the input each character came from. ``read_around`` gives both, as numbers.py does for digits:
the pieces of the stretch around a position, each with its characters and its source span.

Numbers are not parsed again here: the caller passes the runs numbers.py found, so a spoken digit
means what it means everywhere else, and each atom of a run ("seventy eight", "double eight") is
one piece, so a value can be cut only where the speaker moved on.

Guarantees: a stretch never crosses a line break, a placeholder (masked), a sentence end or a word
that cannot be part of an identifier; it holds at most ``MAX_CHARS`` characters and spans at most
``MAX_SPAN`` characters of text; reading costs time linear in what is read.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .numbers import NumberRun

MAX_CHARS = 40  # an IBAN has at most 34 characters, a member ID far fewer
MAX_SPAN = 320  # an IBAN read as pairs of number words, with pauses, is about 150

# Kinds of piece. A WEAK piece is a lowercase word of two to four letters: a bank code written by
# speech-to-text ("rabo") as often as a word ("is", "the"), so only a checksum may use it.
LETTER, GROUP, MIXED, DIGITS, WEAK = "letter", "group", "mixed", "digits", "weak"


@dataclass(frozen=True, slots=True)
class Piece:
    """One token of a spelled identifier: its source span, its characters (capitals and digits)."""

    start: int
    end: int
    chars: str
    kind: str

    @property
    def has_letter(self) -> bool:
        return self.kind in (LETTER, GROUP) or (self.kind == MIXED and not self.chars.isdigit())

    @property
    def has_digit(self) -> bool:
        return self.kind in (DIGITS, MIXED)


_NATO = frozenset(
    ["alpha", "alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
     "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
     "uniform", "victor", "whiskey", "whisky", "xray", "yankee", "zulu"]
)  # fmt: skip
# Their first three letters, as ``WordIndex`` keys them ("x-ray" is the words "x" and "ray").
NATO_KEYS = frozenset(w[:3] for w in _NATO)
# Capitals and short words that are said around an identifier, not in it ("member ID XJH ...",
# "... 4 PM", "it's OK").
NOT_IN_IDS = frozenset(
    ["id", "ids", "ok", "am", "pm", "us", "usa", "tv", "ssn", "dob", "mrn", "cvv", "cvc", "atm", "aba", "iban",
     "ira", "llc", "inc", "po", "no", "the", "and", "is", "it", "its", "my", "me", "so", "or", "an", "at", "to",
     "in", "on", "of", "by", "for", "hi", "oh", "uh", "um", "er", "ah", "yes", "yeah", "yep", "yup", "okay",
     "that", "this", "was", "are", "be", "do", "go", "we", "he", "she", "you", "her", "his", "our", "as", "if",
     "up", "not", "but", "all", "can", "one", "two", "six", "ten", "nine", "five", "four", "zero"]
)  # fmt: skip
# A token mixing digits and letters that is an ordinal, a time, a decade or a size: "21st", "4pm".
NOT_AN_ID = re.compile(r"[0-9]+(?:st|nd|rd|th|s|am|pm|k|m|mg|ml|kg|lb|lbs|x|h|hr|hrs|min|ft|in|cm|mm)")
# A letter with a word for it: "m as in mary", "B for boy" (the word's first letter is checked in
# code, and "I like it" is no spelling). Doubled letters: "double s".
_TOKEN = re.compile(
    r"(?<![\w'\u2019])(?:"
    r"(?P<ph>[A-Za-z])[ \t,]+(?:[Aa]s[ \t]+[Ii]n|[Ff]or)[ \t]+(?P<phw>[A-Za-z]+)"
    r"|(?P<dbl>(?:[Dd]ouble|[Tt]riple)[ \t]+)(?P<dl>[A-Za-z])"
    r"|(?P<xray>[Xx]-?[Rr]ay)"
    r"|(?P<word>[A-Za-z0-9]++)"
    r")(?![\w'\u2019])"
)
# Between two pieces: spaces, commas, dashes, a pause, a filler or "dash" said as a word. A full
# stop only in a pause ("...") or after a single letter ("X. J. H."): ". " after a number ends it.
_SEP = re.compile(r"(?:[ \t,\-\u2013\u2014\u2026]|\.\.+|(?<![\w'\u2019])(?i:uh|um|umm|er|erm|dash|hyphen)(?![\w'\u2019]))*")
_WORD = re.compile(r"[\w'\u2019]+")


def nato_end(low: str, pos: int) -> int:
    """Where the spelling-alphabet word ("bravo") at ``pos`` of the lowercased text ends, or -1."""
    word = _WORD.match(low, pos)
    return word.end() if word is not None and word.group(0) in _NATO else -1


def is_nato(word: str) -> bool:
    return word.lower() in _NATO


def run_pieces(run: NumberRun) -> list[Piece]:
    """A number run as one piece per atom ("seventy eight" -> "78", "double eight" -> "88")."""
    cuts = [0, *run.breaks, len(run.digits)]
    return [Piece(*run.span_of(i, j), run.digits[i:j], DIGITS) for i, j in itertools.pairwise(cuts) if i < j]


def _word_piece(word: str, start: int) -> Piece | None:
    """What a single word is in an identifier, or None when it cannot be in one."""
    end = start + len(word)
    if word.isdigit():
        return Piece(start, end, word, DIGITS) if len(word) <= MAX_CHARS else None
    low = word.lower()
    if not word.isalpha():
        if len(word) > MAX_CHARS or NOT_AN_ID.fullmatch(low):
            return None
        return Piece(start, end, word.upper(), MIXED)
    if len(word) == 1:
        return Piece(start, end, word.upper(), LETTER)
    if low in _NATO:
        return Piece(start, end, low[0].upper(), LETTER)
    if len(word) > 4 or low in NOT_IN_IDS:
        return None
    return Piece(start, end, word, GROUP) if word.isupper() else Piece(start, end, word.upper(), WEAK)


def _pieces_at(text: str, pos: int, runs: Mapping[int, NumberRun]) -> tuple[list[Piece], int] | None:
    """The piece or pieces that start at ``pos`` and where reading goes on, or None."""
    m = _TOKEN.match(text, pos)
    if m is not None:
        letter = m.group("ph")
        if letter is not None:
            word = m.group("phw")
            if len(word) >= 3 and word[0].lower() == letter.lower():
                return [Piece(pos, m.end(), letter.upper(), LETTER)], m.end()
            return [Piece(pos, pos + 1, letter.upper(), LETTER)], pos + 1  # "a for the rest"
        letter = m.group("dl")
        if letter is not None:
            return [Piece(pos, m.end(), letter.upper() * (3 if m.group("dbl")[0] in "Tt" else 2), LETTER)], m.end()
        if m.group("xray") is not None:
            return [Piece(pos, m.end(), "X", LETTER)], m.end()
    run = runs.get(pos)
    if run is not None:
        if run.has_scale or len(run.digits) > MAX_CHARS:
            return None  # "five hundred": an amount
        pieces = run_pieces(run)
        line_end = text.find("\n", run.start, run.end)
        if line_end >= 0:  # numbers.py reads across a line break, an identifier never goes on
            pieces = [p for p in pieces if p.end <= line_end]
            return (pieces, pieces[-1].end) if pieces else None
        return pieces, run.end
    if m is None:
        return None
    piece = _word_piece(m.group("word"), pos)
    if piece is None:
        return None
    end = m.end()
    if piece.kind == LETTER and text[end : end + 1] == "." and text[end + 1 : end + 2] in ("", " ", ","):
        end += 1  # an initial: "X. J. H."
    return [piece], end


def read_from(text: str, pos: int, runs: Mapping[int, NumberRun]) -> tuple[list[Piece], int]:
    """The stretch that starts at the first piece at or after ``pos`` (maybe empty), and where the
    next stretch can start: after the word that ended this one, or where a limit cut it."""
    pieces: list[Piece] = []
    count = 0
    while True:
        sep = _SEP.match(text, pos)
        pos = sep.end() if sep else pos
        found = _pieces_at(text, pos, runs)
        if found is None:
            word = _WORD.match(text, pos)
            return pieces, word.end() if word else pos + 1
        new, after = found
        if pieces and pieces[-1].kind == WEAK and new[0].kind == WEAK:
            return pieces[:-1], new[0].start  # two words in a row: not an identifier
        count += sum(len(p.chars) for p in new)
        if pieces and (count > MAX_CHARS or new[-1].end - pieces[0].start > MAX_SPAN):
            return pieces, new[0].start
        pieces.extend(new)
        pos = after


def read_around(text: str, start: int, end: int, runs: Mapping[int, NumberRun], lo: int) -> list[Piece]:
    """The stretch holding ``text[start:end]`` (which must be pieces), read from ``lo`` on; [] when
    none does. ``runs`` maps the start of each number run to the run."""
    pos = lo
    while pos <= start:
        pieces, resume = read_from(text, pos, runs)
        if pieces and pieces[0].start <= start and pieces[-1].end >= end:
            return pieces
        if resume <= pos or (pieces and pieces[-1].end >= end):
            return []
        pos = resume
    return []
