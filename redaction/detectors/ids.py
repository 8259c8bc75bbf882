"""Identifiers that mix letters and digits, read out piece by piece: member IDs, Medicare numbers, IBANs.

"m as in mary one one six, oh nine one", "x h 4 0 1 7 5 n", "five H R one N G eight Q Q double
eight", "G B two five, N W B K, seven seven eight nine...": the number detector sees only the
digits of these, and the name detector would read their letters as a spelled name, so a letter or
two leaked or the value was typed as a card. Here the whole stretch is read (spelled.py) and
decided in this order:

1. A negative cue ("tracking number", "order", "flight", "room") keeps it.
2. An IBAN whose check digits hold (python-stdnum) is redacted, cue or not.
3. An ID cue on either side ("member id", "policy number", "medicaid number", "account",
   "IBAN"...) or the hint (medical ID, account, IBAN) types it. A cue of a type that holds no
   letters (card, phone) is passed over: "the member number on my card is EYH 883 716 144".
4. Without one, the Medicare Beneficiary Identifier's shape (numeric.MBI) makes it a medical ID.
5. At the end of a partial, an IBAN's opening (two letters, two digits) is an IBAN.

Anything else stays ("ABC 123", "AA 1234", "t b a 462020078391"). A redacted identifier supersedes
what the number detector made of the digits inside it: a value with letters is no card or phone.

Only a number run or a mixed token with a letter next to it, a NATO word or "as in" can start a
stretch, each found with a few character tests, so a text without any costs almost nothing.
"""

from __future__ import annotations

import bisect
import itertools
import re
import string

from .. import types as t
from ..cues import NEGATIVE, NEGATIVE_ADJACENT
from ..spelled import LETTER, NATO_KEYS, NOT_AN_ID, NOT_IN_IDS, WEAK, Piece, is_nato, nato_end, read_around
from ..validators import is_iban
from ..vocab import NUMBER_WORDS
from . import Context
from .numeric import MBI

_ID_CUES = frozenset([t.MEDICAL_ID, t.BANK_ACCOUNT])
_ID_HINTS = frozenset([t.MEDICAL_ID, t.BANK_ACCOUNT, t.IBAN])
_LETTERLESS = t.NUMERIC_TYPES  # what the number detector types holds no letters
_SEPARATORS = " \t,-"
_LOOK_BACK = 48  # how far before its first run a stretch is read from: "x h ", "G B ", "X. J. H. "
_MBI_LENGTH = 11
_IBAN_LENGTHS = range(15, 35)
_MIN_CUED, _MIN_HINTED = 4, 5
_ARTICLES = frozenset("aAiI")  # one-letter words: in a spelling only next to another piece
_AS = frozenset(["as"])
_LOWER = frozenset(string.ascii_lowercase)
_STOPS = frozenset(':;.?!\n"()[]$%&+=<>/' + t.MASK)  # where a stretch cannot go on: "AI: 4532"
_WORD_TAIL = _LOWER | frozenset("'\u2019")  # a lowercase word's letter, or "it's", "o'clock"
_QUOTES = "'\u2019"  # "it's", "I'm", "o'clock": a letter next to one is no piece


def _word_before(text: str, pos: int, floor: int = 0) -> tuple[int, int]:
    """The ASCII word that ends at ``pos`` across at most three separators, or ``(pos, pos)``
    when there is none, it is longer than twelve characters or follows an apostrophe ("it's")."""
    k = pos
    while k > floor and pos - k < 3 and text[k - 1] in _SEPARATORS:
        k -= 1
    j = k
    while j > floor and k - j <= 12 and text[j - 1].isascii() and text[j - 1].isalnum():
        j -= 1
    if j == k or (j > 0 and (text[j - 1].isalnum() or text[j - 1] in _QUOTES)):
        return pos, pos
    return j, k


def _word_after(text: str, pos: int) -> tuple[int, int]:
    """``_word_before`` on the other side: the word that starts at ``pos`` across separators."""
    n = len(text)
    k = pos
    while k < n and k - pos < 3 and text[k] in _SEPARATORS:
        k += 1
    j = k
    while j < n and j - k <= 12 and text[j].isascii() and text[j].isalnum():
        j += 1
    if j == k or (j < n and (text[j].isalnum() or text[j] in _QUOTES)):
        return pos, pos
    return k, j


def _piece_like(word: str) -> bool:
    """Would the reader take this word for a piece with a letter: one letter, up to four capitals
    ("EYH", not "SSN" or "ID"), or letters and digits mixed ("de89", not "18th")?"""
    if len(word) == 1:
        return word.isalpha()
    if word.isalpha():
        return len(word) <= 4 and word.isupper() and word.lower() not in NOT_IN_IDS
    return not word.isdigit() and NOT_AN_ID.fullmatch(word.lower()) is None


def _touches_letters(text: str, start: int, end: int) -> bool:
    """Does a piece with a letter touch the run ``text[start:end]``? "a" and "I" only when
    another piece is on their far side: "94.39 a month" is no spelling, "26 a i b k" is.

    Nearly every run has a lowercase word or punctuation on each side ("is 4532 and"); the first
    character past the separators rules that out, before any word is read."""
    k = start - 1
    while k >= 0 and text[k] in _SEPARATORS:
        k -= 1
    c = text[k] if 0 <= k < start - 1 else "."
    if c.isupper() or c.isdigit() or (c.isalpha() and (k == 0 or not (text[k - 1].isalnum() or text[k - 1] in _QUOTES))):
        a, b = _word_before(text, start)
        if a < b and _piece_like(text[a:b]) and (text[a:b] not in _ARTICLES or _piece_before(text, a)):
            return True
    n = len(text)
    k = end
    while k < n and text[k] in _SEPARATORS:
        k += 1
    c = text[k] if end < k < n else "."
    if c.isupper() or c.isdigit() or (c.isalpha() and (k + 1 == n or not (text[k + 1].isalnum() or text[k + 1] in _QUOTES))):
        a, b = _word_after(text, end)
        if a < b and _piece_like(text[a:b]) and (text[a:b] not in _ARTICLES or _piece_after(text, b)):
            return True
    return False


def _piece_before(text: str, pos: int) -> bool:
    a, b = _word_before(text, pos)
    return a < b and _piece_like(text[a:b])


def _piece_after(text: str, pos: int) -> bool:
    a, b = _word_after(text, pos)
    return a < b and _piece_like(text[a:b])


# After a token mixing letters and digits, another piece, maybe past a bank code ("nl70 rabo 1370")
_NEXT_PIECE = re.compile(r"[ \t,\-]{1,3}(?:[a-z]{2,4}[ \t,\-]{1,3})?(?:[0-9]|[A-Za-z](?![\w'\u2019])|[A-Z]{2,4}(?![\w'\u2019]))")


def _spelling_word(text: str, a: int, b: int) -> bool:
    """Can the word ``text[a:b]`` stand next to a spelling-alphabet word in an identifier?"""
    word = text[a:b]
    return a < b and (word.isdigit() or _piece_like(word) or is_nato(word) or word.lower() in NUMBER_WORDS)


def _stretch_start(text: str, pos: int, floor: int) -> int:
    """Where the letters right before ``pos`` begin ("x h " of "x h 4 0 1 7 5 n"), not before
    ``floor``. Pieces said with a word ("m as in mary", "bravo") start stretches of their own."""
    while True:
        a, b = _word_before(text, pos, floor)
        if a == b or not _piece_like(text[a:b]):
            return pos
        pos = a


def _seeds(ctx: Context) -> list[tuple[int, int]]:
    """Spans every stretch worth reading holds one of, in order."""
    text = ctx.text
    n = len(text)
    seeds = []
    for run in ctx.runs.values():
        # Nearly every run has nothing, punctuation or a lowercase word (maybe after a comma) on
        # each side ("right, it's 4532, and", "AI: 4532."): a few character tests rule that out.
        s, e = run.start, run.end
        if (
            s == 0
            or text[s - 1] not in _SEPARATORS
            or (s > 2 and text[s - 2] in _LOWER and text[s - 3] in _WORD_TAIL)
            or (s > 3 and text[s - 2] == "," and text[s - 3] in _LOWER and text[s - 4] in _WORD_TAIL)
            or (s > 1 and text[s - 2] in _STOPS)
        ) and (
            e == n
            or text[e] not in _SEPARATORS
            or (e + 2 < n and text[e + 1] in _LOWER and text[e + 2] in _WORD_TAIL)
            or (e + 3 < n and text[e] == "," and text[e + 1] == " " and text[e + 2] in _LOWER and text[e + 3] in _WORD_TAIL)
            or (e + 4 < n and text[e + 1] in "aI" and text[e + 2] == " " and text[e + 3] in _LOWER and text[e + 4] in _WORD_TAIL)
        ):
            continue
        if _touches_letters(text, s, e):
            seeds.append((s, e))
    if ctx.alnum:  # a token mixing letters and digits alone is the number detector's (numeric._alnum_ids)
        seeds += [
            (a, b) for a, b in ctx.alnum if _piece_like(text[a:b]) and (_NEXT_PIECE.match(text, b) or _piece_before(text, a))
        ]
    keys = ctx.words.keys
    if not NATO_KEYS.isdisjoint(keys):
        low = ctx.words.low
        for p in ctx.words.starts(NATO_KEYS):
            q = nato_end(low, p)
            # "bravo" next to another piece or a number; "November 12th" is a date
            if q > 0 and (_spelling_word(text, *_word_after(text, q)) or _spelling_word(text, *_word_before(text, p))):
                seeds.append((p, q))
    if "as" in keys and "in" in keys:
        seeds += [(p, p + 1) for p in ctx.words.starts(_AS) if text.startswith(" in ", p + 2)]
    seeds.sort()
    return seeds


def _cores(pieces: list[Piece], text: str) -> list[list[Piece]]:
    """The runs of pieces between weak ones that hold a letter and a digit. A trailing "a" or "I"
    followed by a word is the next sentence's ("... 4 4 9 1 2 I think")."""
    cores = []
    for weak, group in itertools.groupby(pieces, key=lambda p: p.kind == WEAK):
        core = list(group)
        if weak:
            continue
        last = core[-1]
        if last.kind == LETTER and last.end - last.start == 1 and last.chars in "AI":
            after = text[last.end : last.end + 2].lstrip()
            if after[:1].isalpha():
                core.pop()
        if any(p.has_letter for p in core) and any(p.has_digit for p in core):
            cores.append(core)
    return cores


def _offsets(pieces: list[Piece]) -> list[int]:
    return list(itertools.accumulate((len(p.chars) for p in pieces), initial=0))


def _valid_iban(pieces: list[Piece]) -> t.Entity | None:
    """The IBAN in the stretch whose check digits hold, from a piece opening two letters and two
    digits to any later piece end, longest first."""
    chars = "".join(p.chars for p in pieces)
    offsets = _offsets(pieces)
    for i, piece in enumerate(pieces):
        o = offsets[i]
        if piece.kind == WEAK or not (chars[o : o + 2].isalpha() and chars[o + 2 : o + 4].isdigit()):
            continue
        for j in range(len(pieces), i, -1):
            length = offsets[j] - o
            if length < _IBAN_LENGTHS.start:
                break
            if length in _IBAN_LENGTHS and is_iban(chars[o : offsets[j]]):
                return t.Entity(t.IBAN, piece.start, pieces[j - 1].end, "spelled", 1.0, True)
    return None


def _mbi(core: list[Piece]) -> tuple[int, int] | None:
    """The span of a Medicare number's eleven characters in the core, if it holds one."""
    chars = "".join(p.chars for p in core)
    offsets = _offsets(core)
    ends = {o: j for j, o in enumerate(offsets)}
    for i, o in enumerate(offsets[:-1]):
        j = ends.get(o + _MBI_LENGTH)
        if j is not None and MBI.fullmatch(chars, o, o + _MBI_LENGTH):
            return core[i].start, core[j - 1].end
    return None


class _Spans:
    """The spans of detections, sorted, to ask what lies where."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        self.reach = list(itertools.accumulate(self.ends, max))

    def holds(self, start: int, end: int) -> bool:
        """Is ``[start, end)`` inside one of the spans?"""
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end

    def any_within(self, lo: int, hi: int) -> bool:
        """Does a whole span lie in ``[lo, hi)``?"""
        i = bisect.bisect_left(self.starts, lo)
        while i < len(self.starts) and self.starts[i] < hi:
            if self.ends[i] <= hi:
                return True
            i += 1
        return False


class _Earlier:
    """What the detectors before this one found, sorted only when a cue asks whether it introduced
    one of them already: most texts never ask."""

    def __init__(self, found: list[t.Entity]) -> None:
        self.found = found
        self.spans: _Spans | None = None

    def any_within(self, lo: int, hi: int) -> bool:
        if self.spans is None:
            self.spans = _Spans([(e.start, e.end) for e in self.found])
        return self.spans.any_within(lo, hi)


def _cue(ctx: Context, start: int, end: int, found: _Earlier) -> tuple[str | None, bool]:
    """The ID type a cue gives ``text[start:end]``, and whether a negative cue keeps it."""
    text = ctx.text
    left = ctx.cues.left_of_kind(start, _ID_CUES)
    if left is not None:
        cue = left[0]
        if cue.kind in (NEGATIVE, NEGATIVE_ADJACENT):
            return None, True
        # a cue is for the first value after it ("my member id is ..., and I need 30")
        used = text.find(t.MASK, cue.end, start) >= 0 or found.any_within(cue.end, start)
        # in a conversation a cue before the answer's line is in the question: it is the hint
        if not used and not (ctx.answers and cue.end <= ctx.fragment_at(start)[0]):
            return (t.IBAN if text[cue.start : cue.start + 4].lower() == "iban" else cue.kind), False
    right = ctx.cues.right(end)
    if right is not None and right[0].kind in _ID_CUES:
        cue = right[0]
        return (t.IBAN if text[cue.start : cue.start + 4].lower() == "iban" else cue.kind), False
    return None, False


def _decide(ctx: Context, core: list[Piece], found: _Earlier) -> t.Entity | None:
    start, end = core[0].start, core[-1].end
    size = sum(len(p.chars) for p in core)
    kind, negative = _cue(ctx, start, end, found)
    if negative:
        return None
    if kind is not None and size >= _MIN_CUED:
        return t.Entity(kind, start, end, "spelled", 0.8)
    hint = ctx.hint_at(start)
    if hint in _ID_HINTS and size >= _MIN_HINTED:
        return t.Entity(hint, start, end, "spelled", 0.7)
    span = _mbi(core)
    if span is not None:
        return t.Entity(t.MEDICAL_ID, *span, "spelled", 0.8)
    chars = "".join(p.chars for p in core[:4])
    if ctx.partial and not ctx.text[end:].strip(" .,?!") and chars[:2].isalpha() and chars[2:4].isdigit():
        return t.Entity(t.IBAN, start, end, "spelled", 0.4)  # an IBAN still being read out
    return None


def detect(ctx: Context) -> list[t.Entity]:
    seeds = _seeds(ctx) if ctx.runs or ctx.alnum else None
    if not seeds:
        return []
    text = ctx.text
    runs = ctx.runs
    earlier = _Earlier(ctx.found)
    found: list[t.Entity] = []
    done = 0
    for start, end in seeds:
        if start < done:
            continue
        lo = _stretch_start(text, start, max(done, start - _LOOK_BACK))
        negative = ctx.cues.left(start)
        if negative is not None and negative[0].kind in (NEGATIVE, NEGATIVE_ADJACENT):
            continue  # "flight AA 1107", "the serial number is TX-5215": kept, and not even read
        pieces = read_around(text, start, end, runs, lo)
        if not pieces:
            continue
        done = pieces[-1].end
        iban = _valid_iban(pieces)
        if iban is not None:
            found.append(iban)
            continue
        for core in _cores(pieces, text):
            decided = _decide(ctx, core, earlier)
            if decided is not None:
                found.append(decided)
    if found:
        # what the number detector made of the digits inside: a value with letters is no card
        ids = _Spans([(f.start, f.end) for f in found])
        ctx.drop(lambda e: e.type in _LETTERLESS and ids.holds(e.start, e.end))
    return found
