"""Dates of birth, and card expiry dates written with a month.

A date is only PII here when it is a date of birth (or a card expiry). The rule that separates
"my date of birth is March 3rd 1985" from "your appointment is March 3rd" is: a DOB cue or hint
makes any date a DOB; without one, only a full date whose year is a plausible birth year
(1900-2015) is taken, because appointment and payment dates are recent or have no year.
Written ("03/14/1985", "1985-03-14", "March 14th, 1985") and spoken ("the fourteenth of march
nineteen eighty five", "the fifteenth, march, nineteen eighty") forms share one compiled pattern
per shape. After a DOB cue or hint a year may be said in two digits ("june 20th, 52", "february
the first, eighty one").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from .. import types as t
from ..cues import LEFT_WINDOW
from ..memo import scoped
from ..numbers import find_runs
from ..prefilter import Prefilter, matches_at
from ..vocab import MONTHS, QUANTITY_AFTER
from . import Context

_UNIT = "one|two|three|four|five|six|seven|eight|nine"
_TEEN = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORD_UNIT = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORD = (
    rf"(?:twenty|thirty)[\s-]+(?:{_ORD_UNIT})|{_ORD_UNIT}|tenth|eleventh|twelfth|thirteenth"
    r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth"
)
_CARD_DAY = rf"(?:twenty|thirty)(?:[\s-]+(?:{_UNIT}))?|{_TEEN}|{_UNIT}"
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_NUM = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?"
_SPOKEN_YEAR = (
    rf"(?:nineteen|twenty)[\s-]+(?:(?:{_TENS})(?:[\s-]+(?:{_UNIT}))?|{_TEEN}|(?:oh|o)[\s-]+(?:{_UNIT})"
    rf"|hundred)|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?:(?:{_TENS})(?:[\s-]+(?:{_UNIT}))?|{_TEEN}|{_UNIT}))?"
)
_YEAR = rf"(?:(?:19|20)[0-9]{{2}}|'[0-9]{{2}}|{_SPOKEN_YEAR})"
_YSEP = r"(?:\s*,\s*|\s+)(?:(?:of|in)\s+)?"
# A pause between a month and its day is written as a comma ("the fifteenth, march", "March,
# 15th"); taken only next to an ordinal, as "I have 2, may I ask" holds no date.
_DAY_THEN_MONTH = rf"(?:{_DAY_NUM}|{_ORD})(?:\s+|(?<=[a-z])\s*,\s*)"
_MONTH_THEN_DAY = (
    rf"{_MONTH}(?:\s+(?:the\s+)?(?:{_DAY_NUM}|{_ORD}|{_CARD_DAY})|\s*,\s*(?:the\s+)?(?:{_DAY_NUM}|{_ORD})(?<=[a-z]))"
)
# A year in two digits or words after a month and day ("june 20th, 52", "february the first,
# eighty one", "march fifteenth of eighty"): only a DOB cue or hint makes it a year, since
# "March 3rd, 52 people came" is not a date of birth.
_SHORT_YEAR = re.compile(
    rf"{_YSEP}(?:[0-9]{{2}}|(?:{_TENS})(?:[\s-]+(?:{_UNIT}))?|{_TEEN}|(?:oh|o)[\s-]+(?:{_UNIT}))(?![\w'])",
    re.IGNORECASE,
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "mdy",
        re.compile(
            rf"\b{_MONTH_THEN_DAY}\b(?:{_YSEP}{_YEAR}\b)?",
            re.IGNORECASE,
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?:the\s+)?{_DAY_THEN_MONTH}(?:of\s+)?{_MONTH}(?:{_YSEP}{_YEAR}\b)?",
            re.IGNORECASE,
        ),
    ),
    # "march 2021", "march of 85": a year in two digits or words only after "of", which no day
    # takes ("the expiration date is november of twenty six"); such a year needs a cue or hint
    (
        "my",
        re.compile(
            rf"\b{_MONTH}(?:{_YSEP}{_YEAR}\b|\s+of\s+(?:[0-9]{{2}}|(?:{_TENS})(?:[\s-]+(?:{_UNIT}))?|{_TEEN}"
            rf"|(?:oh|o)[\s-]+(?:{_UNIT}))(?![\w']))",
            re.IGNORECASE,
        ),
    ),
    (
        "numeric",
        re.compile(
            # never a piece of a longer dotted number ("firmware 1.0.11.123")
            r"(?<![\w/.-])(?:[0-9]{1,2}([/.-])[0-9]{1,2}\1(?:[0-9]{4}|[0-9]{2})|(?:19|20)[0-9]{2}-[01]?[0-9]-[0-3]?[0-9])"
            r"(?![\w/-]|\.[0-9])"
        ),
    ),
    ("mm/yy", re.compile(r"(?<![\w/.-])[01]?[0-9]\s?/\s?(?:20)?[0-9]{2}(?![\w/-]|\.[0-9])")),
]
_FILTERS = [(shape, Prefilter(pattern)) for shape, pattern in _PATTERNS]
_DMY_FILTER = dict(_FILTERS)["dmy"]
# A written date has a digit right before a separator at most three characters into the match
# ("3/14/85", "1985-03-14", "04 / 27"): only the words holding such a digit can start one (see
# ``_SEAMS``). The separators are searched for by patterns that open with them: ``re`` skips ahead
# to a literal first character quickly, while a pattern opening with ``[0-9]`` is tried at every
# digit of a transcript, several times slower.
_NUMERIC_SEAMS = [re.compile(re.escape(sep) + rf"(?<=[0-9]{re.escape(sep)})(?=[0-9])") for sep in "/.-"]
_ANY_SEAM = re.compile(r"[0-9](?:[/.-][0-9]|\s?/)")  # a seam of either shape
_MONTH_KEYS_ONLY = frozenset(m[:3] for m in MONTHS)  # word keys a month name can have
_DATE_WORD = rf"(?:{_MONTH}|{_ORD}|{_CARD_DAY}|{_TENS}|the|of|oh|and|hundred|thousand|[0-9]{{1,4}}(?:st|nd|rd|th)?)"
_LEAD = r"(?:is|was|it's|its|on|uh|um|er|yeah|yes|sure|so|ok|okay|right|well|in)"
_DATEISH_TAIL = re.compile(
    rf"[\s,:]*(?:{_LEAD}(?![\w'])[\s,.]*)*({_DATE_WORD}(?:[\s,/-]+{_DATE_WORD}){{0,6}})[\s,.]*\Z",
    re.IGNORECASE,
)
# The ``_LOW`` copies of case-insensitive patterns are case-sensitive, for lowercased ASCII text:
# ``re`` tests every literal of an alternation through case folding, and matching lowercase text
# without it is ~3x faster. Our literals are lowercase, so in ASCII the spans are the same;
# outside ASCII ``re.IGNORECASE`` also pairs letters ``str.lower`` keeps apart ("\u017f" and
# "s"), so non-ASCII text keeps the original pattern.
_DATEISH_TAIL_LOW = re.compile(_DATEISH_TAIL.pattern)
# Without a cue a partial's open tail is only taken when it already names a month, or a day
# followed by "of" ("the fourteenth of"), which only a month can follow.
_MONTH_WORD = re.compile(rf"\b{_MONTH}(?![\w])|\b(?:{_ORD})\s+of\b", re.IGNORECASE)
_MONTH_WORD_LOW = re.compile(_MONTH_WORD.pattern)
# word keys (see prefilter.WordIndex) of months and ordinals: without one no uncued open tail
_MONTH_KEYS = frozenset(m[:3] for m in MONTHS) | frozenset(
    w[:3] for w in re.findall(r"[a-z]+", _ORD) if w not in ("twenty", "thirty")
)
_SENTENCE = re.compile(r"(?:\A|[.?!]\s+)")
_YEAR_RE = re.compile(rf"{_YEAR}\s*\Z", re.IGNORECASE)
_YEAR_LOW = re.compile(_YEAR_RE.pattern)
_NEXT_WORD = re.compile(r"\s+([\w.]+)")
_EVENT_BEFORE = re.compile(r"(?<![\w'])(?:in|since|from|on|until|till|back|around|of)[^\S\n]+\Z", re.IGNORECASE)
_CARDISH = re.compile(r"[0-9](?:[0-9 \-]{11,})")
_KINDS = (t.DATE_OF_BIRTH, t.CARD_EXPIRY)  # what a cue or hint must name to make a date PII


def _read_year(raw: str) -> int | None:
    """The year the number parser reads from the words of a spoken year: its last run's digits."""
    runs = find_runs(raw)
    return int(runs[-1].digits[-4:]) if runs else None


def _spoken_years() -> dict[str, int]:
    """Every year ``_SPOKEN_YEAR`` can match, in lowercase words one space apart (as speech-to-text
    writes them), with what ``_read_year`` reads from it ("two thousand and five": 5). There are
    about four hundred, and reading one costs ~15 us: a transcript full of dates of birth reads
    dozens."""
    units, teens, tens = _UNIT.split("|"), _TEEN.split("|"), _TENS.split("|")
    after_tens = [[t] for t in tens] + [[t, u] for t in tens for u in units]
    said = [["two", "thousand"]]
    for century in ("nineteen", "twenty"):
        rest = [*after_tens, *([t] for t in teens), *([o, u] for o in ("oh", "o") for u in units), ["hundred"]]
        said.extend([century, *r] for r in rest)
    for joined in ([], ["and"]):
        rest = [*after_tens, *([t] for t in teens), *([u] for u in units)]
        said.extend(["two", "thousand", *joined, *r] for r in rest)
    years = {" ".join(words): _read_year(" ".join(words)) for words in said}
    return {words: year for words, year in years.items() if year is not None}


_SPOKEN_YEARS = _spoken_years()


# A date is read again by the second pass and in each place a report repeats a turn: remembered
# for the call (memo.py).
@scoped
def _year_of(s: str) -> int | None:
    m = _YEAR_LOW.search(s.lower()) if s.isascii() else _YEAR_RE.search(s)
    if m is None:
        return None
    raw = s[m.start() : m.end()].strip().lstrip("'")
    y = int(raw) if raw.isdigit() else _SPOKEN_YEARS.get(raw)
    if y is None:
        # written otherwise (capitals, hyphens, two spaces): read, since a hyphen changes what
        # the parser reads ("two thousand-and-five")
        y = _read_year(raw)
        if y is None:
            return None
    if y < 100:
        y += 2000 if y <= 25 else 1900
    return y


def _numeric_year(s: str) -> int | None:
    parts = re.split(r"[/.\-]", s)
    year = parts[0] if len(parts[0]) == 4 else parts[-1]
    y = int(year)
    return y + (2000 if y <= 25 else 1900) if y < 100 else y


def _past_short_year(text: str, end: int) -> int:
    """Where a DOB whose month and day end at ``end`` ends: past a year said in two digits or
    words (``_SHORT_YEAR``) unless that is a quantity ("June 20th, 52 minutes")."""
    m = _SHORT_YEAR.match(text, end)
    if m is None:
        return end
    after = _NEXT_WORD.match(text, m.end())
    if after is not None and after[1].lower().rstrip(".") in QUANTITY_AFTER:
        return end
    return m.end()


def _cue(ctx: Context, start: int, end: int, dates: list[tuple[int, int]]) -> str | None:
    """The type a cue gives the date at [start, end); ``dates`` are every date match's span.

    A cue before the date is used by the first date after it only: "DOB 12/05/1985. Is that
    right? ... the appointment is July 23rd" has answered it already (with a placeholder, in a
    second pass over a redacted text).
    """
    left = ctx.cues.left(start, LEFT_WINDOW + 2)
    if left is not None and left[0].kind in (t.DATE_OF_BIRTH, t.CARD_EXPIRY):
        cue_end = left[0].end
        # the dates that start after the cue and before this one, found by bisection (sorted)
        between = dates[bisect.bisect_left(dates, (cue_end,)) : bisect.bisect_left(dates, (start, start))]
        answered = ctx.text.find(t.MASK, cue_end, start) >= 0 or any(b <= start for _, b in between)
        if not answered:
            return left[0].kind
    right = ctx.cues.right(end)
    if right is not None and right[0].kind == t.DATE_OF_BIRTH:
        return right[0].kind
    hint = ctx.hint_at(start)
    return hint if hint in _KINDS else None


def _may_name_a_month(ctx: Context) -> bool:
    """Whether ``_MONTH_WORD`` can match in the text: it takes a month's word key, or an
    ordinal's and the word "of". Ordinal keys alone are common ("thi" of "this" and "think")
    and an uncued open tail is only taken when it names a month. In a non-ASCII text an ordinal
    key is enough, as it always was: there ``re.IGNORECASE`` also matches a month the word index
    keys apart ("\u017feptember" is "september" to ``_MONTH_WORD``)."""
    keys = ctx.words.keys
    if not _MONTH_KEYS_ONLY.isdisjoint(keys):
        return True
    return not _MONTH_KEYS.isdisjoint(keys) and ("of" in keys or not ctx.text.isascii())


def _open_tail(ctx: Context) -> t.Entity | None:
    """A text that stops inside a date after a DOB or expiry cue ("my date of birth is the twenty").

    In a partial the caller is still speaking, so the hint counts as a cue at any sentence start,
    and with no cue at all an open tail that already names a month ("sure, December 21st,", "the
    fourteenth of") is taken: the final would be a full date with a birth year. "the twenty fifth"
    alone is not: it is as often "the twenty fifth one" or an appointment.
    """
    text = ctx.text
    starts = [(c.end, c.kind) for c in ctx.cues.cues if c.kind in _KINDS and len(text) - c.end < 80]
    if ctx.hint in _KINDS and len(text) < 80:
        starts.append((0, ctx.hint))
    if ctx.partial and (ctx.hint in _KINDS or _may_name_a_month(ctx)):
        sentence_starts = [m.end() for m in _SENTENCE.finditer(text, max(0, len(text) - 80))]
        if ctx.hint in _KINDS:
            starts.extend((pos, ctx.hint) for pos in sentence_starts)
        starts.extend((pos, "") for pos in sentence_starts[-1:])
    if not starts:
        return None
    if text.isascii():
        subject, tail_re, month_re = ctx.words.low, _DATEISH_TAIL_LOW, _MONTH_WORD_LOW
    else:
        subject, tail_re, month_re = text, _DATEISH_TAIL, _MONTH_WORD
    for start, kind in starts:
        m = tail_re.match(subject, start)
        if not (m and m.group(1)) or m.group(1).lower() in ("and", "of"):
            continue
        if not kind and not month_re.search(m.group(1)):
            continue
        return t.Entity(kind or t.DATE_OF_BIRTH, m.start(1), m.end(1), "partial", 0.5)
    return None


def _dmy(ctx: Context) -> list[re.Match[str]]:
    """The "dmy" matches, tried only at the four words before a month.

    "(the) <day or ordinal> (of) <month>": a day is one word, or two ("twenty-first"), so a match
    starts at most four words before its month. Every number in a transcript can start one, and
    only a few are followed by a month, so the others are never tried.
    """
    months = ctx.words.starts(_MONTH_KEYS_ONLY)
    if not months:
        return []
    positions = ctx.words.positions
    candidates: set[int] = set()
    for pos in months:
        k = bisect.bisect_left(positions, pos)
        candidates.update(positions[max(0, k - 4) : k])
    return matches_at(_DMY_FILTER.folded.match, ctx.words.low, sorted(candidates))


def _numeric_seams(text: str) -> list[int]:
    """Offsets of the digits that a "/", "." or "-" and another digit follow, in order."""
    return sorted(m.start() - 1 for seam in _NUMERIC_SEAMS for m in seam.finditer(text))


def _slash_seams(text: str) -> list[int]:
    """Offsets of the digits that a "/" follows, right after them or after one space (what
    ``[0-9](?=\\s?/)`` finds); a slash has at most one such digit, so they come in order."""
    seams: list[int] = []
    slash = text.find("/")
    while slash >= 0:
        before = slash - 1 if text[slash - 1 : slash].isspace() else slash
        if before > 0 and "0" <= text[before - 1] <= "9":
            seams.append(before - 1)
        slash = text.find("/", slash + 1)
    return seams


# Per written shape, the digits its matches hold one of, and how far into a match that digit is.
_SEAMS: dict[str, tuple[Callable[[str], list[int]], int]] = {"numeric": (_numeric_seams, 3), "mm/yy": (_slash_seams, 1)}


def _seamed(ctx: Context, shape: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of a written-date pattern, tried only at the words ``_SEAMS`` points to.

    Every number in a transcript is a word a written date could start at, and very few are
    followed by a slash, dot or dash and another digit; the seams are found at C speed.
    """
    seams, reach = _SEAMS[shape]
    text, positions = ctx.text, ctx.words.positions
    candidates: list[int] = []
    for seam in seams(text):
        k = bisect.bisect_right(positions, seam) - 1
        if k >= 0 and seam - positions[k] <= reach and (not candidates or candidates[-1] != positions[k]):
            candidates.append(positions[k])
    return matches_at(pattern.match, text, candidates)


def _matches(ctx: Context, shape: str, pattern: Prefilter) -> list[re.Match[str]]:
    if shape == "dmy":
        return _dmy(ctx)
    if shape in _SEAMS:
        return _seamed(ctx, shape, pattern.pattern)
    return list(pattern.finditer(ctx.words))


def _has_seam(text: str) -> bool:
    """Whether a written date can be in the text. Without a slash, dot or dash it cannot, and
    most texts are ruled out by membership tests, cheaper than the regex search."""
    return ("/" in text or "." in text or "-" in text) and _ANY_SEAM.search(text) is not None


def _all_matches(ctx: Context) -> list[tuple[re.Match[str], str]]:
    """The matches of every shape, in shape order. A shape is tried only if the text has what
    all its matches hold: a month word, a seam (see ``_SEAMS``), and for "mm/yy" a slash."""
    has_month = not _MONTH_KEYS_ONLY.isdisjoint(ctx.words.keys)
    has_seam = _has_seam(ctx.text)
    tried = {
        "mdy": has_month,
        "dmy": has_month,
        "my": has_month,
        "numeric": has_seam,
        "mm/yy": has_seam and "/" in ctx.text,
    }
    return [(m, shape) for shape, pattern in _FILTERS if tried[shape] for m in _matches(ctx, shape, pattern)]


def _may_hold_a_date(ctx: Context) -> bool:
    """Whether any shape or open tail can match: it takes a month word, a digit at a date
    separator, a DOB or expiry cue or hint, or in a partial an ordinal before "of".
    Most fragments have none ("it takes about 40 minutes"), and the shapes cost ~10 us to try."""
    return (
        ctx.hint in _KINDS
        or any(hint in _KINDS for _, _, hint in ctx.answers)
        or not _MONTH_KEYS_ONLY.isdisjoint(ctx.words.keys)
        or (ctx.partial and _may_name_a_month(ctx))
        or (ctx.cues.cues and any(c.kind in _KINDS for c in ctx.cues.cues))
        or _has_seam(ctx.text)
    )


def detect(ctx: Context) -> list[t.Entity]:
    return _detect(ctx) if _may_hold_a_date(ctx) else []


def _after_a_card(ctx: Context, start: int) -> bool:
    """Is a month and year at ``start`` said with a card: after one read out, or a card cue, or
    in the answer to a question for one?"""
    if _EVENT_BEFORE.search(ctx.text, max(0, start - 12), start):
        return False  # "I got it in march 2021": when something happened
    return (
        ctx.hint_at(start) in (t.CREDIT_CARD, t.CARD_EXPIRY)
        or _CARDISH.search(ctx.text, max(0, start - 200), start) is not None
        or any(c.kind == t.CREDIT_CARD and c.end <= start for c in ctx.cues.cues)
    )


def _detect(ctx: Context) -> list[t.Entity]:
    text = ctx.text
    found: list[t.Entity] = []
    matches = _all_matches(ctx)
    matches.sort(key=lambda ms: ms[0].start() - ms[0].end())
    # 1 at each character of a match taken (longest first): a match overlapping one is dropped.
    # A transcript has a hundred matches or so, which a test against each taken span made quadratic.
    taken = bytearray(len(text))
    spans = sorted(m.span() for m, _ in matches)
    for m, shape in matches:
        start, end = m.span()
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        s = m.group(0)
        cue = _cue(ctx, start, end, spans)
        if shape == "mm/yy":
            month = int(s.split("/")[0])
            cardish = _CARDISH.search(text, 0, start) or any(c.kind == t.CREDIT_CARD for c in ctx.cues.cues)
            if cue == t.DATE_OF_BIRTH:
                found.append(t.Entity(t.DATE_OF_BIRTH, start, end, "written", 0.7))
            elif 1 <= month <= 12 and (cue == t.CARD_EXPIRY or cardish):
                found.append(t.Entity(t.CARD_EXPIRY, start, end, "written", 0.8, True))
            continue
        year = _numeric_year(s) if shape == "numeric" else _year_of(s)
        form = "written" if shape == "numeric" or any(map(str.isdigit, s)) else "spoken"
        if cue == t.DATE_OF_BIRTH:
            if year is None and shape != "numeric":
                end = _past_short_year(text, end)
                taken[start:end] = b"\x01" * (end - start)
            found.append(t.Entity(t.DATE_OF_BIRTH, start, end, form, 0.9, year is not None))
        elif cue == t.CARD_EXPIRY and shape in ("my", "mdy"):  # "expires March twenty nine"
            found.append(t.Entity(t.CARD_EXPIRY, start, end, form, 0.8, True))
        elif shape == "my" and year is not None and (year >= 2000 or year < 1950) and _after_a_card(ctx, start):
            found.append(t.Entity(t.CARD_EXPIRY, start, end, form, 0.7, True))  # "..., Feb '27, 441"
        elif year is not None and 1900 <= year <= 2015 and shape != "my":
            found.append(t.Entity(t.DATE_OF_BIRTH, start, end, form, 0.7, True))
    tail = _open_tail(ctx)
    if tail is not None:
        found.append(tail)
    return found


TRIGGER_KEYS: frozenset[str] = frozenset().union(*(f.keys for _, f in _FILTERS))
