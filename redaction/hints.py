"""What did the assistant just ask for? Turns the previous assistant turn into a hint.

A caller answering "what's your date of birth?" often says only "oh three fourteen eighty five":
no cue word, so only the question says what the number is. The webhook calls ``infer_hint`` on
each assistant message and passes the result to ``redact(..., hint=...)`` for the caller's next
fragments. The first thing asked for wins, because callers answer in the order they were asked;
specific phrases ("security code on the back of the card", "e-mail address") are listed before
the general ones they contain ("card", "address").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from . import types as t
from .cues import NEGATIVE
from .prefilter import Prefilter, WordIndex

_ASKS: list[tuple[str, str]] = [
    (t.IP_ADDRESS, r"ip\s+address"),
    (t.EMAIL_ADDRESS, r"e-?mail"),
    (
        t.CARD_CVV,
        r"cvv|cvc|security\s+code|(?:three|four|3|4)[\s-]+digit\s+code|code\s+on\s+the\s+back"
        r"|verification\s+(?:value|code)",
    ),
    (t.CARD_EXPIRY, r"expir\w*|exp\.?\s+date|valid\s+(?:thru|through)|month\s+and\s+year"),
    (t.BANK_ROUTING, r"routing|aba\b|transit\s+number|sort\s+code"),
    (t.IBAN, r"iban"),
    (
        t.MEDICAL_ID,
        r"member\s*(?:ship)?\s*(?:id|number|#)|medical\s+record|mrn|insurance|policy"
        r"|patient\s+(?:id|number)|subscriber|medicare|medicaid|health\s+plan|group\s+number",
    ),
    (t.US_SSN, r"social|ssn|s\.?\s?s\.?\s?n\b|tax\s+id"),
    (t.DATE_OF_BIRTH, r"date\s+of\s+birth|birth\s*(?:date|day)|dob|d\.?\s?o\.?\s?b\b|born"),
    (t.BANK_ACCOUNT, r"account\s+number|checking|savings|bank\s+account"),
    (t.CREDIT_CARD, r"card(?!\s*holder)|visa|mastercard|amex|long\s+number"),
    (
        t.PERSON,
        r"your\s+(?:full\s+|first\s+|last\s+|legal\s+)?name|who\s+(?:am\s+i|i'?m)\s+speaking"
        r"|(?:pleasure\s+of\s+)?speaking\s+(?:with|to)\s*\?|who\s+(?:do\s+i\s+have|have\s+i\s+got)\b"
        r"|who'?s\s+calling|who\s+is\s+calling|(?:first|last|full|sur)\s*name|spell\s+(?:that|it|your)"
        r"|patient'?s\s+name|name\s+(?:on|of)|(?:card|account|policy)\s*holder'?s?\s+(?:full\s+)?name",
    ),
    (
        t.PHONE_NUMBER,
        r"phone|cell|mobile|telephone|number\s+to\s+reach|reach\s+you|call\s+you"
        r"|callback|text\s+you|contact\s+number|best\s+number",
    ),
    (
        t.STREET_ADDRESS,
        r"address|where\s+do\s+you\s+live|ship|mail\s+it|street|zip"
        r"|where\s+(?:should|can|do|shall)\s+(?:we|i)\s+(?:send|deliver)",
    ),
]
# Numbers that are asked for and are not PII: the answer to "What's the order number?" is an
# order number, however much its digits look like a social security number.
_NOT_PII_ASK = (
    r"(?:order|tracking|confirmation|reference|case|ticket|claim|invoice|booking|reservation"
    r"|model|serial|flight|rma|work\s+order|po)\s+(?:number|no\.?|#|id|code)|zip(?:\s*code)?|postal\s+code"
)


_ASK_HEAD = r"(?<![\w])"


def _asks(asks: list[tuple[str, str]]) -> re.Pattern[str]:
    """One word-start test for all the alternatives, not one per alternative: at the many
    positions inside a word the search fails at once (2.4x faster on transcript lines). The
    pattern is for lowercased text, several times faster than ``re.IGNORECASE`` (see
    prefilter.Prefilter; the literals are lowercase)."""
    return re.compile(_ASK_HEAD + "(?:" + "|".join(rf"(?P<{name}>{pat})" for name, pat in asks) + ")")


_ASK_LOW = _asks(_ASKS)
# The same with the asks for numbers that are not PII first, which win where both match ("zip")
_ANY_ASKS = [(NEGATIVE, _NOT_PII_ASK), *_ASKS]
_ANY_ASK_LOW = _asks(_ANY_ASKS)
# The words an ask can start with, to try it only there, each with only the asks its first letters
# can start (see ``first_ask``)
ASK_FILTER = Prefilter(_ANY_ASK_LOW, groups=(_ASK_HEAD, _ANY_ASKS, ""))


def _narrowed_asks() -> dict[str, Callable[..., re.Match[str] | None]]:
    if ASK_FILTER.narrowed is None:
        raise RuntimeError("an ask whose first letters cannot be read: Prefilter cannot narrow _ANY_ASKS")
    return ASK_FILTER.narrowed


_NARROWED_ASKS = _narrowed_asks()


def infer_hint(assistant_text: str) -> str | None:
    """The entity type the assistant just asked the caller for, or None."""
    m = _ASK_LOW.search(assistant_text.lower())
    return m.lastgroup if m else None


def first_ask(index: WordIndex, starts: list[int], lo: int, hi: int) -> str | None:
    """``asked_for(text[lo:hi])``, where ``index`` is the text's ``WordIndex`` and ``starts`` the
    sorted starts of its words that an ask can start with (``ASK_FILTER.keys``): the leftmost ask
    starts at one of them, so only they are tried (a long transcript's questions cost a tenth),
    each with the asks its key can start (half the cost again: a failed attempt of the whole
    alternation walks every ask)."""
    low, positions, keys = index.low, index.positions, index.key_list
    i = bisect.bisect_left(starts, lo)
    while i < len(starts) and starts[i] < hi:
        start = starts[i]
        m = _NARROWED_ASKS[keys[bisect.bisect_left(positions, start)]](low, start, hi)
        if m is not None:
            return m.lastgroup
        i += 1
    return None


def asked_for(assistant_text: str) -> str | None:
    """``infer_hint``, or ``NEGATIVE`` when the first number asked for is one that is not PII.

    Internal to stored conversations (turns.py): the webhook's hint is an entity type."""
    m = _ANY_ASK_LOW.search(assistant_text.lower())
    return m.lastgroup if m else None
