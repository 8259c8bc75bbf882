"""Find numbers the way speech-to-text writes them, and normalise them to digits with offsets.

A caller reads a card as "4532 0151...", "four five three two, oh one five one", "forty five
thirty two, double oh..." or any mixture; STT engines write all of these. Every detector that
validates numbers (Luhn, SSN rules, ABA, NANP) needs the plain digit string, and the redactor needs
to know which characters of the input each digit came from, so that only the number is replaced
and the words around it survive. ``find_runs`` does both in one linear pass: one regex finds
maximal runs of number atoms separated by spaces, commas, pauses, dashes or fillers, and a small
state machine turns the atoms into digits while recording each digit's source span and the
places where the speaker paused (card/expiry/CVV boundaries).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .memo import scoped
from .prefilter import Prefilter, WordIndex
from .vocab import FILLERS, REPEAT_WORDS, SCALE_WORDS, TEEN_WORDS, TENS_WORDS, UNIT_WORDS

_WORD_ATOMS = [w for w in (*UNIT_WORDS, *TEEN_WORDS, *TENS_WORDS, *REPEAT_WORDS, *SCALE_WORDS) if w != "o"]


def word_alternation(words: Iterable[str]) -> str:
    """A pattern matching exactly ``words``, as a trie: "s(?:even(?:t(?:een|y))?|ix...)".

    A flat alternation of words is tried word by word, most of them failing at their first
    letter; branching on the letters instead, the runs of a transcript are matched in a seventh
    less time. Every use is followed by a lookahead for the end of a word, so where one word is
    the start of another ("six", "sixty") only the whole word said can match, whichever branch
    comes first.
    """
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[:1], []).append(word)
    branches = []
    for _, group in sorted(by_first.items()):
        if len(group) == 1:
            branches.append(re.escape(group[0]))
            continue
        prefix = group[0]
        for word in group[1:]:
            while not word.startswith(prefix):
                prefix = prefix[:-1]
        rests = [word[len(prefix) :] for word in group]
        inner = word_alternation([rest for rest in rests if rest])
        branches.append(f"{re.escape(prefix)}(?:{inner}){'?' if '' in rests else ''}")
    return "|".join(branches)


# "o" only counts when it is not the start of "o'clock".
# A digit run inside a longer alphanumeric token ("884057899e7c46", "830712437daf": pieces of hex
# ids and UUIDs) is not a number anyone said; "21st", "4pm", "90s" and "12345AB" still end a number.
_DIGITS = r"[0-9]+(?![0-9]|[a-z]+[0-9]|[a-f]+(?![g-z]))"
_ATOM = r"(?:" + _DIGITS + r"|(?:" + word_alternation(_WORD_ATOMS) + r"|o(?!['\u2019]))(?![\w'\u2019]))"
# A full stop separates digits ("415.555.0142") or pauses ("..."), but ". " ends a sentence and
# with it the number: "room 669. Um, 8147..." is two numbers.
# A lone full stop followed by a long digit run is a decimal fraction ("0.07202807900011976"),
# never a way of writing an identifier.
_SEP_CHARS = r"(?:[\s,;\-\u2013\u2014\u2026()]|\.(?=[0-9]{1,4}(?![0-9]))|\.\.+)"
# Separators said as words ("oh nine slash twenty eight") join a run too, but only fillers and
# dashes are pauses (``_PAUSE_RE``): a slash is inside a field, never between two.
# Atomic: a gap never gives back a separator or a filler, since no atom starts with one (the two
# are disjoint), so the engine does not try every shorter gap before a word that is no atom.
_GAP = rf"(?>{_SEP_CHARS}+(?:(?:{word_alternation([*FILLERS, 'dash', 'hyphen', 'slash'])})(?![\w']){_SEP_CHARS}*)*)"
# Lookbehind keeps "A12345" and "3.5x" pieces out; the atoms and separators are disjoint
# character classes, so the repetition cannot backtrack catastrophically.
# A run never starts right after "3." (the rest of a decimal) or after "a4-" (the next group of a
# hex id or UUID).
RUN_RE = re.compile(rf"(?<![\w'\u2019])(?<![0-9]\.)(?<![0-9a-f]-){_ATOM}(?:{_GAP}{_ATOM})*", re.IGNORECASE)
ATOM_RE = re.compile(_ATOM, re.IGNORECASE)
# The same atoms matched case-sensitively in lowercased text: several times faster than
# ``re.IGNORECASE`` (see prefilter.Prefilter), and the runs ``find_runs`` parses are read from the
# lowercased text anyway.
_ATOM_LOW = re.compile(_ATOM)
_PAUSE_RE = re.compile(r"[,;\u2026]|\.\.|\s[-\u2013\u2014]\s|\b(?:" + "|".join(FILLERS) + r"|dash|hyphen)\b", re.I)

MAX_RUN_DIGITS = 64  # beyond this a run is noise or an attack, not an identifier


@dataclass(slots=True)
class NumberRun:
    """A maximal stretch of number atoms, normalised to digits."""

    start: int  # (start, end) is ``span_of(0, len(digits))``: from its first digit's source to its last's
    end: int
    digits: str = ""
    # source span (start, end) of the atom each digit came from
    spans: list[tuple[int, int]] = field(default_factory=list)
    # digit indices where the speaker paused (comma, "...", filler): likely field boundaries
    pauses: list[int] = field(default_factory=list)
    # digit indices at any atom boundary: candidate split points
    breaks: list[int] = field(default_factory=list)
    # lengths of groups of written digits between separators, e.g. (3, 2, 4) for 123-45-6789
    groups: list[int] = field(default_factory=list)
    seps: str = ""  # the separator characters between written digit groups, in order
    has_words: bool = False
    has_digits: bool = False
    has_scale: bool = False  # "thousand": a quantity, not something read digit by digit
    singles: int = 0  # atoms read as one digit ("4", "four", "oh")
    paired: bool = False  # tens, teens or "hundred": read as quantities or pairs
    weak: bool = False  # only "oh"/"o": an interjection unless a cue or hint says it is a digit
    # added to every ``spans`` entry: a parsed run is shared (memoised) and placed by its offset
    offset: int = 0

    @property
    def form(self) -> str:
        if self.has_words and self.has_digits:
            return "mixed"
        return "spoken" if self.has_words else "digits"

    def without_first(self) -> NumberRun | None:
        """The run without its first digit, when that digit is an atom of its own ("four" of
        "last four eight seven four six"), else None."""
        spans = self.spans
        if len(spans) < 2 or spans[0] == spans[1]:
            return None
        written = self.groups and self.groups[0] == 1 and self.spans[0][1] - self.spans[0][0] == 1
        return NumberRun(
            spans[1][0] + self.offset, self.end, self.digits[1:], spans[1:],
            [p - 1 for p in self.pauses if p > 1], [b - 1 for b in self.breaks if b > 1],
            self.groups[1:] if written else self.groups, self.seps[1:] if written else self.seps,
            self.has_words, self.has_digits, self.has_scale, self.singles - 1, self.paired, self.weak,
            self.offset,
        )  # fmt: skip

    def span_of(self, i: int, j: int) -> tuple[int, int]:
        """Character span of digits[i:j]."""
        offset = self.offset
        return self.spans[i][0] + offset, self.spans[j - 1][1] + offset


# What ``_single`` builds for each number word: its digits, spans, singles and paired, found by
# one lookup. "oh" and "o" are not here: alone, they are weak (an interjection), for the parser.
#
# A one-atom run's lists are shared by every run of the same word or length, as a memoised run's
# are shared by each place it occurs (no run's lists are ever mutated): fewer objects to allocate
# and for the garbage collector to walk, for the most common run of all.
_WORD_RUNS: dict[str, tuple[str, list[tuple[int, int]], int, bool]] = {
    **{w: (d, [(0, len(w))], 1, False) for w, d in UNIT_WORDS.items() if w not in ("oh", "o")},
    **{w: (d, [(0, len(w))] * 2, 0, True) for w, d in TEEN_WORDS.items()},
    **{w: (d + "0", [(0, len(w))] * 2, 0, True) for w, d in TENS_WORDS.items()},
}
_NONE: list[int] = []
# a written digit group of each length up to a card's and more: its spans and its ``groups``
_DIGIT_SPANS = [[(0, n)] * n for n in range(33)]
_DIGIT_GROUPS = [[n] for n in range(33)]


def _single(word: str, offset: int = 0) -> NumberRun | None:
    """The common case, one atom ("4532", "seven", "twelve") at ``offset``, without the general
    parser. Cheaper to build than to look up in a memo and move (``_shifted``)."""
    if not word.isascii():
        return None  # every atom the parser reads as a number is ASCII
    end = len(word)
    # The runs are built with positional arguments: keywords cost a third of the construction.
    if word.isdigit():
        if end < len(_DIGIT_SPANS):
            spans, groups = _DIGIT_SPANS[end], _DIGIT_GROUPS[end]
        else:
            spans, groups = [(0, end)] * end, [end]
        return NumberRun(
            offset, offset + end, word, spans, _NONE, _NONE, groups, "",
            False, True, False, int(end == 1), False, False, offset,
        )  # fmt: skip
    entry = _WORD_RUNS.get(word.lower())
    if entry is None:
        return None
    digits, spans, singles, paired = entry
    return NumberRun(
        offset, offset + end, digits, spans, _NONE, _NONE, _NONE, "", True, False, False, singles, paired, False, offset
    )  # fmt: skip


def _shifted(run: NumberRun, offset: int) -> NumberRun:
    """A copy of a parsed run moved to where it occurs (the lists it shares are never mutated)."""
    return NumberRun(
        run.start + offset,
        run.end + offset,
        run.digits,
        run.spans,
        run.pauses,
        run.breaks,
        run.groups,
        run.seps,
        run.has_words,
        run.has_digits,
        run.has_scale,
        run.singles,
        run.paired,
        run.weak,
        run.offset + offset,
    )


def _parse_text(text: str) -> NumberRun | None:
    """Parse one matched run that ``_single`` does not build (``find_runs`` tries that first),
    with offsets relative to its start.

    Only the matched text matters (atoms are read with ``endpos`` at the match end), so ordinary
    runs are memoised by it for the rest of the call (memo.py): the second pass over a redacted
    text re-reads the same runs.
    """
    return _parse_cached(text) if len(text) <= 200 else _parse(text, 0, len(text))


@scoped
def _parse_cached(text: str) -> NumberRun | None:
    if _HAS_LETTER.search(text) is None:
        return _parse_digits(text)
    if text.isascii():
        low = text.lower()
        tokens = low.split(" ")
        if _SPOKEN_KEYS.issuperset(tokens) or ("," in low and _paused_words(low, tokens)):
            return _parse_words(tokens)
    return _parse(text, 0, len(text))


# Digit, teen and tens words: a run of only these, one space apart, is read by ``_parse_words``.
_SPOKEN_KEYS = frozenset([*UNIT_WORDS, *TEEN_WORDS, *TENS_WORDS])
_NOT_AFTER_TENS = ("oh", "o", "zero", "nought")


def _paused_words(low: str, tokens: list[str]) -> bool:
    """Are the tokens number words, some with a comma right after them ("oh nine, oh eight")?

    Every comma ends a token, and a run never opens with "oh," (``_parse`` drops that
    interjection, so it is left to it).
    """
    return (
        _SPOKEN_KEYS.issuperset(low.replace(",", "").split(" "))
        and low.count(",") == sum(token.endswith(",") for token in tokens)
        and tokens[0] not in ("oh,", "o,")
    )


def _parse_words(tokens: list[str]) -> NumberRun:
    """``_parse`` for a run of digit, teen and tens words one space apart, each maybe with a comma
    after it ("four five three two", "forty five thirty two", "oh nine, seventeen"), the most
    common spoken number, at up to 200 characters.

    Without digits, fillers, repeats or scales, the general state machine reduces to this loop
    (same fields): a break after every atom, a pause after a comma, a tens word that takes the
    digit word after it (and that word's comma), and no run long enough to be cut at
    ``MAX_RUN_DIGITS``.
    """
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    pauses: list[int] = []
    breaks: list[int] = []
    count = singles = 0
    paired = real = paused = False
    pos = 0  # where the next token starts
    i, n = 0, len(tokens)
    while i < n:
        word = tokens[i]
        start = pos
        pos += len(word) + 1
        if count:
            breaks.append(count)
            if paused:
                pauses.append(count)
        paused = word[-1] == ","
        if paused:
            word = word[:-1]
        unit = UNIT_WORDS.get(word)
        if unit is not None:
            singles += 1
            real = real or word not in ("oh", "o")
            pieces.append(unit)
            spans.append((start, start + len(word)))
            count += 1
            i += 1
            continue
        paired = real = True
        end = start + len(word)
        piece = TEEN_WORDS.get(word)
        if piece is None:
            nxt = tokens[i + 1] if i + 1 < n else ""
            paused_after = nxt[-1:] == ","
            nxt_word = nxt[:-1] if paused_after else nxt
            unit = UNIT_WORDS.get(nxt_word)
            if unit is not None and nxt_word not in _NOT_AFTER_TENS:
                piece = TENS_WORDS[word] + unit
                end = pos + len(nxt_word)
                pos += len(nxt) + 1
                paused = paused_after
                i += 1
            else:
                piece = TENS_WORDS[word] + "0"
        pieces.append(piece)
        spans.extend([(start, end)] * 2)  # every teen and tens piece is two digits
        count += 2
        i += 1
    return NumberRun(
        0, spans[-1][1], "".join(pieces), spans, pauses, breaks, [], "",
        True, False, False, singles, paired, not real,
    )  # fmt: skip


_HAS_LETTER = re.compile(r"[^\W\d_]")
_DIGIT_GROUP = re.compile(r"[0-9]+")


def _parse_digits(text: str) -> NumberRun | None:
    """``_parse`` for a run of written digit groups only ("415 555 0142", "123-45-6789").

    Without letters every atom is a digit group and there are no number words, fillers,
    repeats or scales, so the general state machine reduces to this loop (same fields).
    """
    digits: list[str] = []
    spans: list[tuple[int, int]] = []
    pauses: list[int] = []
    breaks: list[int] = []
    groups: list[int] = []
    seps: list[str] = []
    count = singles = 0
    prev_end = -1
    for m in _DIGIT_GROUP.finditer(text):
        a, b = m.span()
        if prev_end >= 0:
            gap = text[prev_end:a]
            breaks.append(count)
            if gap != " " and _PAUSE_RE.search(gap):
                pauses.append(count)
            seps.append(gap if len(gap) == 1 else " ")
        digits.append(m.group(0))
        size = b - a
        count += size
        spans.extend([(a, b)] * size)
        singles += size == 1
        groups.append(size)
        prev_end = b
        if count > MAX_RUN_DIGITS * 4:
            break
    if not count:
        return None
    return NumberRun(
        spans[0][0], spans[-1][1], "".join(digits), spans, pauses, breaks, groups, "".join(seps),
        False, True, False, singles, False, False,
    )  # fmt: skip


def _parse(text: str, start: int, end: int) -> NumberRun | None:
    """The general parser: number words, digits, repeats and scales in any mixture.

    Each atom appends at most one piece of digits, all of them from one source span; the run is
    built once at the end from what the loop collected.
    """
    low = text.lower()
    if len(low) == len(text):
        atoms = [(a.group(0), a.span()) for a in _ATOM_LOW.finditer(low, start, end)]
    else:  # a character that lowercases to two would shift the offsets
        atoms = [(a.group(0).lower(), a.span()) for a in ATOM_RE.finditer(text, start, end)]
    # A leading "oh," is an interjection ("Oh, 4532..."), not a zero.
    if len(atoms) > 1 and atoms[0][0] in ("oh", "o") and _PAUSE_RE.search(text[atoms[0][1][1] : atoms[1][1][0]]):
        atoms.pop(0)
    pieces: list[str] = []
    count = 0  # digits so far
    spans: list[tuple[int, int]] = []
    pauses: list[int] = []
    breaks: list[int] = []
    groups: list[int] = []
    seps: list[str] = []
    has_words = has_digits = has_scale = paired = real = prev_written = False
    singles = repeat = 0
    repeat_start = prev_end = -1
    n = len(atoms)
    i = 0
    while i < n:
        word, span = atoms[i]
        if prev_end >= 0:
            gap = text[prev_end : span[0]]
            if count and (not breaks or breaks[-1] != count):
                breaks.append(count)
                if gap != " " and _PAUSE_RE.search(gap):
                    pauses.append(count)
            if prev_written and word[0].isdigit():
                # only a one-character gap is a written separator ("123-45", "415.555")
                seps.append(gap if len(gap) == 1 else " ")
        before = count
        piece = ""
        piece_span = span
        if word[0] < "a":  # a digit group: every other atom is a lowercase word
            has_digits = real = prev_written = True
            if repeat:
                piece = word[0] * repeat + word[1:]
                repeat = 0
            else:
                piece = word
            singles += len(word) == 1
            groups.append(len(word))
        elif (unit := UNIT_WORDS.get(word)) is not None:  # the common word, with one lookup
            has_words = True
            prev_written = False
            singles += 1
            real = real or word not in ("oh", "o")
            piece = unit * repeat if repeat else unit
            repeat = 0
        else:
            has_words = True
            prev_written = False
            paired = paired or word in TEEN_WORDS or word in TENS_WORDS or word in SCALE_WORDS
            nxt = atoms[i + 1][0] if i + 1 < n else ""
            if word in TEEN_WORDS:
                real = True
                piece = TEEN_WORDS[word]
            elif word in TENS_WORDS:
                real = True
                if nxt in UNIT_WORDS and nxt not in ("oh", "o", "zero", "nought"):
                    piece = TENS_WORDS[word] + UNIT_WORDS[nxt]
                    piece_span = (span[0], atoms[i + 1][1][1])
                    i += 1
                else:
                    piece = TENS_WORDS[word] + "0"
            elif word in REPEAT_WORDS:
                if nxt in UNIT_WORDS or nxt[:1].isdigit():
                    repeat = REPEAT_WORDS[word]
            elif word == "hundred":
                real = True
                prev_word = atoms[i - 1][0] if i else ""
                if not nxt or prev_word in TENS_WORDS or prev_word in TEEN_WORDS:
                    has_scale = True  # "eighty seven hundred", "two hundred": an amount
                if not count:
                    piece = "100"
                elif nxt in UNIT_WORDS and nxt not in ("oh", "o"):
                    piece = "0"
                elif nxt not in TEEN_WORDS and nxt not in TENS_WORDS:
                    piece = "00"
            elif word == "thousand":
                real = has_scale = True
                after = atoms[i + 2][0] if i + 2 < n else ""
                if not count:
                    piece = "1000"
                elif after == "hundred":
                    pass
                elif nxt in UNIT_WORDS and nxt not in ("oh", "o"):
                    piece = "00"
                elif nxt in TEEN_WORDS or nxt in TENS_WORDS:
                    piece = "0"
                else:
                    piece = "000"
        if piece:
            pieces.append(piece)
            size = len(piece)
            count += size
            if size == 1:
                spans.append(piece_span)
            else:
                spans.extend([piece_span] * size)
        if repeat and word in REPEAT_WORDS:
            repeat_start = span[0]
        elif count > before and repeat_start >= 0:
            # "double oh" covers the word "double" too
            spans[before] = (repeat_start, spans[before][1])
            repeat_start = -1
        prev_end = atoms[i][1][1]
        i += 1
        if count > MAX_RUN_DIGITS * 4:
            break
    if not count and atoms and atoms[-1][0] in REPEAT_WORDS:
        # a lone "double" at the end: only a partial cut before the digit it doubles can use it
        pieces.append("00")
        spans.extend([atoms[-1][1]] * 2)
    if not spans:
        return None
    return NumberRun(
        spans[0][0], spans[-1][1], "".join(pieces), spans, pauses, breaks, groups, "".join(seps),
        has_words, has_digits, has_scale, singles, paired, not real,
    )  # fmt: skip


RUN_FILTER = Prefilter(RUN_RE)


_OPEN_END = re.compile(r"[\s.,?!\u2026\-]*\Z")


def find_runs(
    text: str,
    index: WordIndex | None = None,
    *,
    partial: bool = False,
    skip: Callable[[int, int], bool] | None = None,
) -> list[NumberRun]:
    """All number runs in the text, left to right.

    ``skip(start, end)`` says a stretch of text is already taken (by an earlier detector): a
    match inside one is not parsed, since the run it holds lies inside it too, and a run inside
    one is left out. It is asked about stretches in order: a start never goes back.

    A run of only "oh" is an interjection ("oh, I see") and is dropped, except at the end of a
    partial transcript, where it may be the first digit of a number still being read out.
    """
    runs = []
    for m in RUN_FILTER.finditer(index or WordIndex(text)):
        start, end = m.span()
        if skip is not None and skip(start, end):
            continue
        matched = m.group(0)
        # One atom (every separator has a character that is neither a letter nor a digit): a
        # digit group of any length, or a number word, of which "seventeen" is the longest.
        # Checked first, as most runs are one atom; its run spans the whole match.
        if matched.isdigit() or (len(matched) <= 9 and matched.isalpha()):
            single = _single(matched, start)
            if single is not None:
                runs.append(single)
                continue
        parsed = _parse_text(matched)
        if parsed is None:
            continue
        run = _shifted(parsed, start)
        if run.weak and not (partial and _OPEN_END.match(text, run.end)):
            continue
        if skip is not None and (run.start != start or run.end != end) and skip(run.start, run.end):
            continue  # the match was not inside a taken stretch, but what it reads is
        runs.append(run)
    return runs
