"""Read a stored conversation's answers as the live fragments were read: with their questions.

``turns.py`` says which caller lines answer which question. Each such line is analysed on its
own with the question's hint (``redact(..., turns=True)``), and what that finds is added to what
the whole text gave. Only what the hint can change is run again: the detectors that read the
hint for that type (a name question: the name reader; a CVV question: the number detector), with
what the whole text already found in the line marked as taken, as the earlier detectors would
have marked it. An answer to a number question whose numbers the whole text all redacted already
is not read again.

A conversation's later passes (engine.py) read its answers again, as a second call would; an
answer whose text, question and hint are unchanged, or that changed only by numbers' placeholders
(which change nothing, as for the whole text), is not.

Guarantee: what this adds is only ever more redaction; a detection of the whole text is never
removed.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from . import types as t
from .cues import CueIndex, find_cues
from .detectors import Context, addresses, dates, emails, names, network, numeric
from .prefilter import WordIndex
from .turns import NUMBER_HINTS, answered_lines, may_answer, numbers

_Detector = Callable[[Context], list[t.Entity]]
# The detectors that read each hint, in the engine's order. An IP address question changes nothing.
_READ_BY: dict[str, tuple[_Detector, ...]] = {
    t.PERSON: (names.detect,),
    t.EMAIL_ADDRESS: (emails.detect,),
    t.STREET_ADDRESS: (addresses.detect,),
    t.IBAN: (network.detect,),
    t.DATE_OF_BIRTH: (dates.detect, numeric.detect),
    t.CARD_EXPIRY: (dates.detect, numeric.detect),
    **{kind: (numeric.detect,) for kind in t.NUMERIC_TYPES - {t.CARD_EXPIRY}},
}


class Answers:
    """What the answers of one conversation were found to hold, for the rest of one call."""

    def __init__(self) -> None:
        self.lines: dict[tuple[str, str, bool, tuple[tuple[int, int], ...]], list[t.Entity]] = {}
        self.asked: dict[str, str | None] = {}
        self.first: list[str] | None = None  # the hint of each answer as first read, in order


def _read_line(line: str, hint: str, recognizers: Sequence[t.Recognizer], partial: bool, taken: list[t.Entity]) -> list[t.Entity]:
    """What ``hint`` lets the detectors that read it find in ``line`` beyond ``taken``."""
    found: list[t.Entity] = []
    detectors = _READ_BY.get(hint, ())
    if detectors:
        words = WordIndex(t.masked(line))
        text = words.text
        ctx = Context(text, hint, CueIndex(text, find_cues(words), words.low), words, partial)
        ctx.found.extend(taken)
        for detector in detectors:
            ctx.found.extend(detector(ctx))
        found = [e for e in ctx.found[len(taken) :] if text[e.start : e.end].strip(t.MASK + " ") and e.start < e.end]
    return found + t.recognized(recognizers, line, hint)


def read(
    text: str,
    recognizers: Sequence[t.Recognizer],
    partial: bool,
    seen: Answers,
    known: Sequence[t.Entity] = (),
    changed: list[int] | None = None,
) -> list[t.Entity]:
    """What the answers of the conversation ``text`` hold when read with their questions' hints.

    ``known``: what the whole text gave (sorted, not overlapping), in ``text``'s offsets.
    ``changed``: in a later pass over the redacted ``text``, where its non-numeric placeholders
    start; an answer holding none that keeps its first hint is not read again.
    """
    answers = list(answered_lines(text, seen.asked))
    hints = [hint for _, _, hint in answers]
    aligned = seen.first is not None and len(seen.first) == len(hints)
    if seen.first is None:
        seen.first = hints
    starts = [e.start for e in known]
    found: list[t.Entity] = []
    for k, (start, end, hint) in enumerate(answers):
        if changed is not None and aligned and seen.first is not None and seen.first[k] == hint:
            i = bisect.bisect_left(changed, start)
            if i == len(changed) or changed[i] >= end:
                continue
        line = text[start:end]
        if not may_answer(hint, line):
            continue
        lo, hi = bisect.bisect_right(starts, start) - 1, bisect.bisect_left(starts, end)
        inside = [e for e in known[max(0, lo) : hi] if e.end > start]
        if hint in NUMBER_HINTS and all(any(e.start <= start + n < e.end for e in inside) for n in numbers(line)):
            continue  # every number of the answer is redacted already: the hint has nothing to add
        taken = [
            t.Entity(e.type, max(0, e.start - start), min(end, e.end) - start, e.form, e.score, e.validated)
            for e in inside
            if e.form not in t.NUMERIC_FORMS  # the number detector decides its own runs again
        ]
        # the same words elsewhere may have had other findings around them: those are part of the key
        key = (line, hint, partial and end == len(text), tuple((e.start, e.end) for e in taken))
        got = seen.lines.get(key)
        if got is None:
            got = seen.lines[key] = _read_line(line, hint, recognizers, key[2], taken)
        found.extend(t.Entity(e.type, e.start + start, e.end + start, e.form, e.score, e.validated) for e in got)
    return found
