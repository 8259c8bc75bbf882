"""Names and IDs spelled letter by letter: "S M I T H", "W E I double s", "a l dash s a y e d".

A run of three or more one-letter words is a spelling. It is a name unless a cue or the hint says
it is a medical or account ID (or an e-mail); the word it spells, said just before it, goes with
it ("it's eunji, e-u-n-j-i"). Only the words a spelling can start with are tried (``WordIndex``
keys), so a text with fewer than three one-character words costs nothing here.
"""

from __future__ import annotations

import itertools
import re
import string

from .. import types as t
from ..prefilter import WordIndex
from ..vocab import UNIT_WORDS
from . import Context

_NAME_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
# Digits right after spelled letters, written or two or more said: "t b a 462020078391", "x h four oh"
_UNITS = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_DIGITS_NEXT = re.compile(
    rf"[\s,\-]*(?:[0-9{t.MASK}]|(?:{_UNITS})[\s,\-]+(?:{_UNITS}|double|triple)(?![\w'\u2019]))", re.IGNORECASE
)

# A spelled letter: "W", "SS" (a doubled letter said as one, as for "ß"), "double s".
_LETTER = r"(?:(?i:double|triple)\s+[^\W\d_]|([^\W\d_])\{n}?)"
_SPELLED_RE = re.compile(
    r"(?<![\w'\u2019])"
    + _LETTER.format(n=1)
    + r"(?:(?:\s+as\s+in\s+[A-Za-z]+)?(?:[\s.,\-]{1,3}|\s+(?i:dash|hyphen|apostrophe)\s+)"
    + _LETTER.format(n=2)
    + r"(?![\w'\u2019])){2,}"
)
# Two or more spelled letters right after a name: "Lê An, A N", "Weiß, W E I SS"
AFTER_LETTERS = re.compile(
    r"[\s,:\-]*(?<![\w'\u2019])(" + _LETTER.format(n=2) + r"(?:[\s.,\-]{1,3}" + _LETTER.format(n=3) + r")+)(?![\w'\u2019])"
)

_ACRONYMS = frozenset(
    [
        "ssn",
        "dob",
        "usa",
        "atm",
        "id",
        "po",
        "mrn",
        "cvv",
        "aba",
        "ira",
        "llc",
        "inc",
        "tv",
        "pm",
        "am",
        "ok",
        "abc",
        "sos",
        "faq",
        "rtn",
    ]
)

_SPELLING_KEYS = frozenset(["dou", "tri"])
_ASCII_SPELLING_KEYS = _SPELLING_KEYS | frozenset(string.ascii_lowercase) | {c + c for c in string.ascii_lowercase}


def _spelling_keys(words: WordIndex) -> frozenset[str]:
    """The keys (see ``WordIndex``) of the words a spelling can start with: one letter, a doubled
    letter ("SS") or "double"/"triple". An ASCII key is one of those exactly when it is in
    ``_ASCII_SPELLING_KEYS`` (keys are lowercase, and a word starting with a digit has the key
    "#"), so one C-level intersection finds them; only the few non-ASCII keys of a text are looked
    at one by one, picked out in C: a text with one accented name has thousands of ASCII keys."""
    found = words.keys & _ASCII_SPELLING_KEYS
    if words.low.isascii():
        return found
    others = frozenset(
        k
        for k in itertools.filterfalse(str.isascii, words.keys)
        if (len(k) == 1 and k != "#") or (len(k) == 2 and k[0] == k[1]) or k in _SPELLING_KEYS
    )
    return found | others if others else found


def _spelled(text: str, words: WordIndex, keys: frozenset[str]) -> list[re.Match[str]]:
    """``_SPELLED_RE.finditer(text)``, tried only at the words a spelling can start with.

    A match starts a word (nothing word-like before it) with one of the ``_spelling_keys``, so only
    those words are tried, in order and skipping those inside a match, as ``finditer`` would. Each
    of its three or more letters is such a word too, so a text with fewer has no match.
    """
    starts = words.starts(keys)
    if len(starts) < 3:
        return []
    found: list[re.Match[str]] = []
    end = 0
    for start in starts:
        if start < end or (start and text[start - 1] in "'\u2019"):
            continue  # inside a match, or the "s" of "it's" (the pattern's lookbehind refuses it)
        m = _SPELLED_RE.match(text, start)
        if m is not None:
            found.append(m)
            end = m.end()
    return found


def spelled_names(ctx: Context) -> list[t.Entity]:
    """Spelled-out letters: a name, or a medical or account ID when a cue or the hint says so."""
    keys = _spelling_keys(ctx.words)
    # only in a text with three or more one-character words (numbers included); the keys are the
    # cheaper test, so they come first
    if not keys or ctx.words.count_short(letters_only=False) < 3:
        return []
    found: list[t.Entity] = []
    text = ctx.text
    for m in _spelled(text, ctx.words, keys):
        letters = _letters(m.group(0))
        if letters in _ACRONYMS or _DIGITS_NEXT.match(text, m.end()):
            continue  # letters spelled right before digits open an ID (detectors/ids.py), not a name
        kind = t.PERSON
        left = ctx.cues.left(m.start())
        if left is not None and left[0].kind in (t.MEDICAL_ID, t.BANK_ACCOUNT):
            kind = left[0].kind
        elif (hint := ctx.hint_at(m.start())) in (t.MEDICAL_ID, t.BANK_ACCOUNT, t.EMAIL_ADDRESS):
            kind = hint
        if kind == t.PERSON:
            # "yeah it's eunji, e-u-n-j-i": the word just spelled is the name too
            for word in reversed(list(_NAME_WORD.finditer(text, max(0, m.start() - 60), m.start()))[-6:]):
                if word.group(0)[0].lower() == letters[:1] and _letters(word.group(0)) == letters:
                    found.append(t.Entity(t.PERSON, word.start(), word.end(), "spelled", 0.8))
                    break
        found.append(t.Entity(kind, m.start(), m.end(), "spelled", 0.8))
    return found


_SAID_LETTERS = re.compile(r"as\s+in\s+[A-Za-z]+|(?<![\w'])(?:dash|hyphen|apostrophe)(?![\w'])", re.IGNORECASE)
_DOUBLED = re.compile(r"(?<![\w'])(?:double\s+([^\W\d_])|triple\s+([^\W\d_]))", re.IGNORECASE)


def _letters(said: str) -> str:
    """The letters a spelling says ("W E I double s" -> "weiss"), or the letters of a word."""
    said = _DOUBLED.sub(lambda d: d.group(1) * 2 if d.group(1) else d.group(2) * 3, _SAID_LETTERS.sub("", said))
    return "".join(c for c in said if c.isalpha()).lower()
