"""``redact``: run the detectors over one text, merge their spans and render placeholders.

Order matters and is fixed: e-mails, IPs/IBANs, dates, addresses, then numbers (which skip any
run already inside one of those, so the year of a birth date is not also read as a number), IDs
mixing letters and digits (which read the numbers' runs) and names last. Overlapping spans are
merged into one, typed by the most specific member, so output spans never overlap and no part of
a detection can survive a disagreement between detectors.

The result is re-analysed until nothing new is found (at most three extra passes, and only when
something other than a number was redacted, see ``_inert``), with placeholders masked to an
opaque character.
That makes ``redact(redact(x).text).text == redact(x).text`` hold by construction instead of by
luck: a placeholder can shorten the distance between a cue and a number, and the second pass is
what a second call would see. Every detector looks at most a few hundred characters around what
it decides, so a long text (an end-of-call transcript) is re-analysed only in windows around those
placeholders, which keeps the cost linear.

``partial=True`` (a partial transcript) tells the detectors that the end of the text is where the
caller is still speaking: a number, e-mail, address, name or date open at the end is redacted as
the final would be (see docs/redaction.md).

``turns=True`` (a stored conversation with speaker labels) reads each caller line that answers a
question as the live fragment was read: with that question's hint (turns.py, ``Context.hint_at``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence

from . import memo
from . import types as t
from .cues import CUE_FILTER, REACH, CueIndex, find_cues, words_between
from .detectors import Context, addresses, dates, emails, ids, names, network, numeric
from .numbers import RUN_FILTER
from .prefilter import WordIndex
from .turns import answered_lines
from .vocab import NUMBER_WORDS

_DETECTORS: tuple[Callable[[Context], list[t.Entity]], ...] = (
    emails.detect,
    network.detect,
    dates.detect,
    addresses.detect,
    numeric.detect,
    ids.detect,
    names.detect,
)
_PRIORITY = {
    t.EMAIL_ADDRESS: 9, t.IBAN: 9, t.IP_ADDRESS: 9, t.CREDIT_CARD: 8, t.US_SSN: 8,
    t.PHONE_NUMBER: 7, t.BANK_ROUTING: 7, t.BANK_ACCOUNT: 6, t.MEDICAL_ID: 6,
    t.DATE_OF_BIRTH: 6, t.CARD_EXPIRY: 5, t.CARD_CVV: 5, t.STREET_ADDRESS: 4, t.PERSON: 3,
}  # fmt: skip
_NUMERIC_FORMS = t.NUMERIC_FORMS
_DIGIT = re.compile(r"[0-9]")
_LETTER = re.compile(r"[^\W\d_]")
# In a partial, also e-mail joiners and single letters (a local part or a name being spelled)
_PARTIAL_TRIGGERS = frozenset(["dot", "und", "das", "hyp", "per", "plu"]) | frozenset("abcdefghijklmnopqrstuvwxyz")
# A text none of whose words can start a match of any detector has nothing to redact (fast path
# for the p50). Digits ("#"), one-letter words (spelled names) and the first letters of every
# cue, name, date, address, e-mail and number-word pattern.
_TRIGGERS = frozenset(
    {"#"}
    | CUE_FILTER.keys
    | RUN_FILTER.keys
    | names.TRIGGER_KEYS
    | dates.TRIGGER_KEYS
    | addresses.TRIGGER_KEYS
    | emails.TRIGGER_KEYS
)


_masked = t.masked


_EDGE_WORDS = re.compile(r"\A(\w+)|(\w+)\Z")
_SENTENCE_END = re.compile(r"[.?!](?:\s|\Z)")


# Types another detector finds written in digits and separators alone ("192.168.0.12",
# "03/14/1985", "04/27"): masked, they are as inert as a number (``_inert``).
_WRITTEN_NUMBERS = frozenset({t.IP_ADDRESS, t.DATE_OF_BIRTH, t.CARD_EXPIRY})


def _number_like(e: t.Entity) -> bool:
    """Could ``e`` be ``_inert``, by its form or type alone?"""
    return e.form in _NUMERIC_FORMS or e.type in _WRITTEN_NUMBERS


def _inert(text: str, e: t.Entity) -> bool:
    """Does masking ``e`` leave what a second reading finds unchanged? It does when ``e`` is a
    number and only that: number words, fillers and pauses are free in cue distances, and a
    placeholder between a cue and a number stops the cue, so masking such a span cannot bring a
    cue closer to anything. Not so for a span holding a content word (a spoken e-mail's "john",
    the "slash" of "oh nine slash twenty eight"): masked, it shortens every distance across it.
    Nor for an ID that took the letters around its digits ("x eight"): masking a letter can change
    how a number next to it reads ("1234 x": a quantity). Nor for a number read across a pause that ends a
    sentence ("one one.. 0"): masked, it no longer stops a cue. Nor for one glued to the letters
    of a word ("0Ag"): masked, it leaves them a word of their own, which reads differently from a
    token that mixed them with digits."""
    if not _number_like(e):
        return False
    if text[e.end : e.end + 1].isalnum() or (e.start and text[e.start - 1].isalnum()):
        return False
    piece = text[e.start : e.end]
    if _SENTENCE_END.search(piece):
        return False
    if "_" not in piece and _LETTER.search(piece) is None:
        return True  # digits and separators (most numbers): no word to check
    for m in _EDGE_WORDS.finditer(piece):
        word = m.group(0)
        if not word.isdigit() and word.lower() not in NUMBER_WORDS:
            return False
    return words_between(piece, 0, len(piece)) == 0


def _analyse(
    text: str,
    hint: str | None,
    recognizers: Sequence[t.Recognizer],
    partial: bool,
    words: WordIndex | None = None,
    answers: Sequence[tuple[int, int, str]] = (),
) -> list[t.Entity]:
    """Every detection in ``text``; ``words``, when given, is the index of ``_masked(text)``;
    ``answers``, the caller lines of a conversation read with their questions' hints."""
    if words is None:
        words = WordIndex(_masked(text))
    masked = words.text
    found: list[t.Entity] = []
    if (
        hint is not None
        or answers
        or (partial and not _PARTIAL_TRIGGERS.isdisjoint(words.keys))
        or not _TRIGGERS.isdisjoint(words.keys)
        or "@" in masked
        or _DIGIT.search(masked)
        or words.count_short(letters_only=True) >= 3  # spelled letters
    ):
        ctx = Context(masked, hint, CueIndex(masked, find_cues(words), words.low), words, partial, answers=list(answers))
        for detector in _DETECTORS:
            new = detector(ctx)
            ctx.found.extend(new)
        found = ctx.found
    found.extend(t.recognized(recognizers, text, hint))
    for lo, hi, asked in answers if recognizers else ():
        found.extend(
            t.Entity(e.type, e.start + lo, e.end + lo, e.form, e.score, e.validated)
            for e in t.recognized(recognizers, text[lo:hi], asked)
        )
    # A span entirely inside a placeholder is a detection of our own output: ignore it.
    return [e for e in found if masked[e.start : e.end].strip(t.MASK + " ") and e.start < e.end]


def _merge(entities: Iterable[t.Entity]) -> list[t.Entity]:
    merged: list[t.Entity] = []
    for e in sorted(entities, key=lambda e: (e.start, -e.end)):
        if merged and e.start < merged[-1].end:
            last = merged[-1]
            best = max((last, e), key=lambda x: (_PRIORITY.get(x.type, 0), x.score, x.end - x.start))
            merged[-1] = t.Entity(
                best.type, last.start, max(last.end, e.end), best.form, best.score,
                best.validated,
            )  # fmt: skip
        else:
            merged.append(e)
    return merged


def _render(text: str, entities: list[t.Entity]) -> tuple[str, list[tuple[int, int, int, int]]]:
    """Output text and its segments (out_start, out_end, in_start, in_end) for placeholders."""
    parts: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    pos = out = 0
    for e in entities:
        parts.append(text[pos : e.start])
        out += e.start - pos
        placeholder = t.PLACEHOLDERS[e.type]
        parts.append(placeholder)
        segments.append((out, out + len(placeholder), e.start, e.end))
        out += len(placeholder)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts), segments


def _map_back(e: t.Entity, segments: list[tuple[int, int, int, int]]) -> t.Entity:
    starts = [s[0] for s in segments]

    def to_input(p: int, is_end: bool) -> int:
        i = bisect.bisect_right(starts, p) - 1
        if i < 0:
            return p
        _o_start, o_end, i_start, i_end = segments[i]
        if p < o_end or (is_end and p == o_end):
            return i_end if is_end else i_start
        return i_end + (p - o_end)

    return t.Entity(e.type, to_input(e.start, False), to_input(e.end, True), e.form, e.score, e.validated)


# Texts longer than this (end-of-call transcripts) are re-analysed only around what changed.
_LONG = 4000
_MARGIN = REACH + 100  # more than the reach of any cue (see cues.words_between)


def _derived(first: WordIndex, out: str, segments: list[tuple[int, int, int, int]]) -> WordIndex | None:
    """The index of ``_masked(out)`` derived from the first pass's, or None where it cannot be."""
    edits = [(i_start, i_end, o_end - o_start) for o_start, o_end, i_start, i_end in segments]
    return first.replaced(edits, _masked(out))


def _windows(out: str, segments: list[tuple[int, int, int, int]]) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """The windows of ``_reanalyse`` around these placeholders: (start, end, their cores)."""
    cores = [(max(0, o_start - _MARGIN), min(len(out), o_end + _MARGIN)) for o_start, o_end, _, _ in segments]
    groups: list[tuple[int, int, list[tuple[int, int]]]] = []
    k = 0
    while k < len(cores):
        group = [cores[k]]
        k += 1
        while k < len(cores) and cores[k][0] - _MARGIN <= group[-1][1] + _MARGIN:
            group.append(cores[k])
            k += 1
        groups.append((max(0, group[0][0] - _MARGIN), min(len(out), group[-1][1] + _MARGIN), group))
    return groups


def _reanalyse(
    out: str,
    segments: list[tuple[int, int, int, int]],
    text: str,
    entities: list[t.Entity],
    hint: str | None,
    recognizers: Sequence[t.Recognizer],
    partial: bool,
    first: WordIndex,
    answers: list[tuple[int, int, str]] | None = None,
    index: WordIndex | None = None,
) -> list[t.Entity]:
    """Entities a second call would find in ``out`` that the first one did not.

    The words of ``out`` away from its placeholders are those of the input, so their index is
    derived from the first pass's (``first``) rather than read again, where that is exact.
    Every detector looks at most a few hundred characters around a match, and a placeholder is
    the only difference between the input and ``out``; so in a long text only the windows around
    the placeholders of entities that are not ``_inert`` can change. Each window is analysed with
    a margin of its own, and only what overlaps the core (the placeholder plus ``_MARGIN``) is
    kept, so the window's artificial edges never decide anything; its word index is cut from the
    whole text's (``WordIndex.window``). When the windows cover nearly all of the text (a transcript
    with PII on most lines), the whole text is analysed once instead, as a second call would.
    The hint (first number of the fragment) and recognizers are whole-text notions: with either,
    the whole text is re-analysed. A conversation's ``answers`` are the same notion per answer
    line, so in a conversation each window is widened to whole lines and takes the answers
    inside it: an answer is never cut, and keeps the hint its question gave it.
    ``index``, when given, is the index of ``_masked(out)`` already made.
    """
    if len(out) < _LONG or hint is not None or recognizers:
        index = index or _derived(first, out, segments) or WordIndex(_masked(out))
        return _merge(_analyse(out, hint, recognizers, partial, index, answers or ()))
    whole = index or _derived(first, out, segments)
    # Windows around the placeholders that are not numbers by their type first: those are most
    # of a dense transcript's, which is then read whole without checking the others' words.
    for moving in (lambda e: not _number_like(e), lambda e: not _inert(text, e)):
        groups = _windows(out, [seg for seg, e in zip(segments, entities, strict=True) if moving(e)])
        if whole is not None and 10 * sum(hi - lo for lo, hi, _ in groups) >= 9 * len(out):
            return _merge(_analyse(out, None, (), partial, whole, answers or ()))
    found = []
    for lo, hi, group in groups:
        inside: list[tuple[int, int, str]] = []
        if answers:
            line_end = out.find("\n", hi)
            lo, hi = out.rfind("\n", 0, lo) + 1, line_end if line_end >= 0 else len(out)
            inside = [(a - lo, b - lo, asked) for a, b, asked in answers if lo <= a and b <= hi]
        words = whole.window(lo, hi) if whole is not None else None
        for e in _analyse(out[lo:hi], None, (), partial and hi == len(out), words, inside):
            start, end = e.start + lo, e.end + lo
            if any(a < end and start < b for a, b in group):
                found.append(t.Entity(e.type, start, end, e.form, e.score, e.validated))
    return _merge(found)


def redact(
    text: str,
    hint: str | None = None,
    *,
    recognizers: Sequence[t.Recognizer] = (),
    partial: bool = False,
    turns: bool | None = None,
) -> t.RedactionResult:
    """Replace every PII span in ``text`` with its placeholder.

    ``hint`` is the entity type the assistant just asked for (see ``infer_hint``); it lets a bare
    answer with no cue word be recognised. ``recognizers`` adds pluggable detectors (e.g. NER).
    ``partial`` says the text is a partial transcript (Vapi ``transcriptType == "partial"``): the
    caller is still speaking, so whatever is open at its end (a number, an e-mail being spelled,
    an address after "I live at") is redacted as the final would be. ``turns`` says the text is a
    whole conversation with speaker labels ("AI: ...\nUser: ..."): each caller line that answers
    a question is read with that question's hint, as it was live (turns.py). Left at None, a text
    is read so when it holds such lines, whoever passes it; False reads every line alike.
    """
    if not isinstance(text, str):
        raise TypeError(f"redact() expects str, got {type(text).__name__}")
    if hint is not None and hint not in t.ENTITY_TYPES:
        hint = None
    scope = memo.open_scope()
    try:
        return _redact(text, hint, recognizers, partial, turns)
    finally:
        memo.close_scope(scope)


def _redact(
    text: str, hint: str | None, recognizers: Sequence[t.Recognizer], partial: bool, turns: bool | None
) -> t.RedactionResult:
    first = WordIndex(_masked(text))
    asked: dict[str, str | None] = {}  # what each assistant line asked for, for the later passes
    # a conversation has two lines at least: a text without a line break is one fragment
    answers = list(answered_lines(text, asked, first)) if turns or (turns is None and "\n" in text) else []
    if turns is None:
        turns = bool(answers)
    entities = _merge(_analyse(text, hint, recognizers, partial, first, answers))
    if not entities:
        return t.RedactionResult(text, ())
    for _ in range(3):
        if not turns and all(_inert(text, e) for e in entities):
            # masking a number cannot bring a cue closer to anything: no second pass needed
            return t.RedactionResult(_render(text, entities)[0], tuple(entities))
        out, segments = _render(text, entities)
        index = again = None
        if turns:
            # a second call reads each question without its placeholders (turns.py)
            index = _derived(first, out, segments) or WordIndex(_masked(out))
            again = list(answered_lines(out, asked, index))
        extra = _reanalyse(out, segments, text, entities, hint, recognizers, partial, first, again, index)
        if not extra:
            return t.RedactionResult(out, tuple(entities))
        entities = _merge([*entities, *(_map_back(e, segments) for e in extra)])
    out, _ = _render(text, entities)
    return t.RedactionResult(out, tuple(entities))
