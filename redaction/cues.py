"""Cue phrases: the words around a number that say what it is.

A nine-digit number is an SSN, a routing number or an order number depending on what was said
next to it, so every numeric decision starts here. Cues are matched once per text by a single
compiled alternation (whole words, case-insensitive) and looked up per number by distance in
words, on both sides: callers say "my social is ..." as often as "... that's my social".
Negative cues ("order number", "room", "press") veto an uncued or merely hinted number.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import types as t
from .memo import scoped
from .prefilter import Prefilter, WordIndex
from .vocab import CORRECTIONS, FILLERS, NEGATIVE_BEFORE, NUMBER_WORDS

LAST_DIGITS = "LAST_DIGITS"  # "last four", "ending in": the type comes from elsewhere
NEGATIVE = "NEG"
NEGATIVE_ADJACENT = "NEGA"

_NUM = r"(?:number|no\.?|num|#|id|i\.?\s?d\.?)"
_CUES: list[tuple[str, str]] = [
    (
        NEGATIVE,
        r"(?:gift|library|loyalty|rewards?|business|sim|report|birthday|greeting|key|id)\s+card"
        r"|zip\s*code|postal\s+code|(?:order|confirmation|invoice|booking|reservation|promo|tracking"
        r"|coupon|voucher|work\s+order|po)(?:\s+" + _NUM + r")?"
        r"|flight(?:\s+(?:number|no|#))?(?:\s+[a-z]{2})?"
        r"|(?:tracking|reference|case|ticket|claim|receipt|transaction|model|serial|flight|rma|return|item|part"
        r"|product|sku|store|error|key|locker|mailbox|permit|docket|student|employee|badge|vin|plate|chip"
        r"|microchip|asset|tag)\s+" + _NUM + r"|error\s+code|ndc|(?:meter\s+)?reading|vin|docket|microchip"
        r"|(?:license\s+)?plate|asset\s+tag|key\s+fob|locker|mailbox",
    ),
    (
        t.MEDICAL_ID,
        r"medical\s+record(?:\s+" + _NUM + r")?|mrn|m\s?r\s?n"
        r"|(?:member(?:ship)?|patient|subscriber|beneficiary|chart|plan)\s+"
        + _NUM
        + r"|(?:insurance|medicare|medicaid|health\s+plan|health\s+insurance|benefits?|policy)"
        r"(?:\s+(?:card|member|policy|plan|id))?(?:\s+" + _NUM + r")?"
        r"|group\s+" + _NUM + r"|nhs\s+" + _NUM + r"|health\s+(?:card|id)"
        # an insurer's name before the ID on its card: "blue cross id, uh, XYW 882..."
        r"|(?:blue\s+cross(?:\s+blue\s+shield)?|aetna|cigna|humana|kaiser|anthem|united\s*health\s*care|tricare)"
        r"(?:\s+(?:member|policy|plan|id|card))?(?:\s+" + _NUM + r")?",
    ),
    (
        t.CARD_CVV,
        r"cvv2?|cvc2?|cvn|csc|security\s+code|card\s+verification(?:\s+(?:value|code|number))?|verification\s+(?:value|number)"
        r"|(?:three|four|3|4)[\s-]+digits?\s+(?:security\s+)?code|(?:three|3)[\s-]+digits|code\s+on\s+the\s+back"
        r"|back\s+of\s+the\s+card|(?:digits|numbers?)\s+on\s+the\s+back",
    ),
    (
        t.CARD_EXPIRY,
        r"expir\w*|exp(?:\.|\s+date)?|valid\s+(?:thru|through|until)|good\s+(?:thru|through)|month\s+and\s+year",
    ),
    (
        t.BANK_ROUTING,
        r"routing(?:\s+" + _NUM + r")?|aba(?:\s+" + _NUM + r")?|transit\s+" + _NUM + r"|sort\s+code",
    ),
    (
        t.CREDIT_CARD,
        r"(?:(?:credit|debit|bank|visa|master\s?card|amex|american\s+express|discover|payment)\s+)?"
        r"card(?:\s+"
        + _NUM
        + r")?|visa|master\s?card|amex|american\s+express|cc\s+"
        + _NUM
        + r"|(?:long\s+)?number\s+on\s+the\s+(?:front|card)",
    ),
    (
        t.BANK_ACCOUNT,
        r"(?:bank|checking|savings|chequing)(?:\s+account)?(?:\s+" + _NUM + r")?"
        r"|account(?:\s+" + _NUM + r")?|acct(?:\s+" + _NUM + r")?|iban",
    ),
    (
        t.US_SSN,
        r"social(?:\s+security)?(?:\s+"
        + _NUM
        + r")?|ssn|s\.?\s?s\.?\s?n\.?|ss\s*"
        + _NUM
        + r"|social\s+insurance(?:\s+"
        + _NUM
        + r")?|tax\s+"
        + _NUM
        + r"|itin|tin",
    ),
    (
        t.PHONE_NUMBER,
        r"(?:phone|cell|mobile|telephone|landline|home|work|office|contact|callback|call\s+back"
        r"|fax|daytime|evening|best|direct|hr|private|personal|business)\s+(?:phone\s+)?(?:number|no\.?|#|line)"
        r"|(?:cell\s?)?phone|cellphone|cell|mobile|telephone|landline|fax|area\s+code"
        r"|(?:call|reach|text|ring)\s+me(?:\s+back)?(?:\s+(?:at|on))?|call\s+you\s+back"
        r"|(?:text(?:ed)?|sms|call(?:ed)?|ring)\s+(?:(?:it|me|them|that|a|the|this|receipt|confirmation|code"
        r"|link|reminder)\s+){0,3}(?:to|at|on)"
        r"|number\s+to\s+reach|callback|whats\s?app",
    ),
    (
        t.DATE_OF_BIRTH,
        r"date\s+of\s+birth|d\.?\s?o\.?\s?b\.?|birth\s?(?:date|day)|born(?:\s+on)?(?:\s+in)?",
    ),
    (
        LAST_DIGITS,
        r"last\s+(?:four|4|five|5|two|2|three|3|six|6)(?:\s+digits)?|ending\s+(?:in|with)"
        r"|ends\s+(?:in|with)",
    ),
    (
        NEGATIVE_ADJACENT,
        "|".join(sorted(NEGATIVE_BEFORE - {"order", "confirmation", "tracking"}, key=len)[::-1]),
    ),
]
_POSITIVE = frozenset(name for name, _ in _CUES) - {NEGATIVE, NEGATIVE_ADJACENT}  # the cues that name a type
_HEAD, _TAIL = r"(?<![\w'])", r"(?:['\u2019]s)?(?![\w'])"
CUE_RE = re.compile(_HEAD + "(?:" + "|".join(rf"(?P<{name}>{pat})" for name, pat in _CUES) + ")" + _TAIL, re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019]*")
_NEUTRAL = NUMBER_WORDS | FILLERS | CORRECTIONS | {"is", "are", "was", "its", "it's", "my", "a", "and", "dash", "hyphen"}

_SENTENCE_END = re.compile(r"[.?!](?:\s|\Z)|\n")
LEFT_WINDOW = 6
RIGHT_WINDOW = 4
_PROBE = 80
REACH = 400  # characters: a cue further from a number than this is never its cue


# Not frozen: a frozen dataclass costs five times as much to build, and a transcript has a
# thousand cues. Nothing changes one after ``find_cues``.
@dataclass(slots=True)
class Cue:
    kind: str
    start: int
    end: int


CUE_FILTER = Prefilter(CUE_RE, groups=(_HEAD, _CUES, _TAIL))


def find_cues(index: WordIndex) -> list[Cue]:
    return [Cue(m.lastgroup or "", m.start(), m.end()) for m in CUE_FILTER.finditer(index)]


def words_between(text: str, start: int, end: int, *, lowered: bool = False) -> int:
    """Distance in content words; fillers, corrections and number words are free.

    ``lowered``: ``text`` is already lowercase (``WordIndex.low``), so words need no ``lower()``.
    """
    if end - start > REACH:
        return 99
    return _content_words(text[start:end], lowered)


# ``_WORD_RE`` tests its classes by Unicode category, character by character; in an ASCII string
# (most stretches of most texts) the same words are found by ASCII ranges in two thirds of the
# time. A slice knows whether it is ASCII without another scan: its kind was set as it was copied.
_ASCII_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9_']*")


def _content_words(piece: str, lowered: bool) -> int:
    words = (_ASCII_WORD_RE if piece.isascii() else _WORD_RE).findall(piece)
    # counted with map/sum so that the loop over words runs in C
    return len(words) - sum(map(_NEUTRAL.__contains__, words if lowered else map(str.lower, words)))


# A long text is read twice (engine.py: the second pass over the redacted text), and away from the
# placeholders the second reading measures the same stretches between cues and numbers again: there
# they are counted once per call (memo.py). A fragment's few lookups are not worth remembering.
_counted_words = scoped(_content_words)
_REMEMBER_FROM = 1000


class CueIndex:
    """Nearest-cue lookup for the numbers of one text."""

    def __init__(self, text: str, cues: list[Cue], low: str | None = None) -> None:
        self.text = text
        self.cues = cues
        self._ends = [c.end for c in cues]
        # the lowercased text with the same offsets (WordIndex.low): word distances skip lower()
        self._low = low if low is not None and len(low) == len(text) else None
        self._count = _counted_words if len(text) >= _REMEMBER_FROM else _content_words

    def inside(self, start: int, end: int) -> bool:
        """Is [start, end) inside a cue ("four" of "the last four")?"""
        i = bisect.bisect_left(self._ends, end)
        return i < len(self.cues) and self.cues[i].start <= start

    def _distance(self, start: int, end: int, window: int) -> int:
        """``words_between``, or just some number above ``window`` when the distance is above it.

        Most lookups in a transcript end at a cue too far away, and counting every word of a long
        stretch was most of their cost: a stretch whose first ``_PROBE`` characters (up to a space,
        so that no word is cut in two and misread) already hold more than ``window`` content words
        is not counted to the end; any other is counted on from the space (no word holds one).
        """
        if end - start > REACH:
            return 99  # as ``words_between``
        text, lowered = (self._low, True) if self._low is not None else (self.text, False)
        count = self._count
        if end - start > _PROBE:
            cut = text.rfind(" ", start, start + _PROBE)
            if cut > start:
                probed = count(text[start:cut], lowered)
                return window + 1 if probed > window else probed + count(text[cut:end], lowered)
        return count(text[start:end], lowered)

    def left(self, pos: int, window: int = LEFT_WINDOW) -> tuple[Cue, int] | None:
        """The nearest cue before ``pos`` in force: any cue but a negative one whose sentence has
        ended ("my zip code is 47792. It's 3 5 7 ...") or one that vetoes only the number right
        after it ("room", "press") with words between."""
        return self.left_of_kind(pos, _POSITIVE, window)

    def left_of_kind(self, pos: int, kinds: frozenset[str], window: int = LEFT_WINDOW) -> tuple[Cue, int] | None:
        """The nearest cue before ``pos`` that is one of ``kinds`` or a negative cue in force,
        passing over cues of other kinds: in "the member number on my card is EYH 883 716 144" the
        value is a member number, since a card number holds no letters."""
        i = bisect.bisect_right(self._ends, pos) - 1
        while i >= 0:
            cue = self.cues[i]
            distance = self._distance(cue.end, pos, window)
            if distance > window:
                return None
            negative = cue.kind == NEGATIVE or (cue.kind == NEGATIVE_ADJACENT and distance == 0)
            if (negative and not _SENTENCE_END.search(self.text, cue.end, pos)) or cue.kind in kinds:
                return cue, distance
            i -= 1
        return None

    def right(self, pos: int, window: int = RIGHT_WINDOW) -> tuple[Cue, int] | None:
        i = bisect.bisect_left(self._ends, pos + 1)
        while i < len(self.cues):
            cue = self.cues[i]
            if cue.start < pos:
                i += 1
                continue
            if _SENTENCE_END.search(self.text, pos, cue.start):
                return None  # "...2009 I think. My IBAN is": the cue belongs to what follows
            distance = self._distance(pos, cue.start, window)
            if distance > window:
                return None
            if cue.kind not in (NEGATIVE_ADJACENT, NEGATIVE, LAST_DIGITS):
                return cue, distance
            i += 1
        return None

    def typed_left(self, pos: int, window: int = 14) -> str | None:
        """The nearest cue that names a type, further back: resolves "the last four". A cue
        that says the number is not PII ("the reference number ends in") gives ``NEGATIVE``."""
        i = bisect.bisect_right(self._ends, pos) - 1
        while i >= 0:
            cue = self.cues[i]
            if self._distance(cue.end, pos, window) > window:
                return None
            if cue.kind in t.ENTITY_TYPES:
                return cue.kind
            if cue.kind in (NEGATIVE, NEGATIVE_ADJACENT) and not _SENTENCE_END.search(self.text, cue.end, pos):
                return NEGATIVE
            i -= 1
        return None
