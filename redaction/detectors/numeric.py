"""Numeric identifiers: SSN, card, CVV, expiry, phone, routing, account and medical IDs.

Every number run (see numbers.py) is decided in this order, which is the whole policy:

1. A run that is a quantity (followed by "minutes", "mg", "dollars"..., after "$", next to ':')
   is kept, whatever else is said.
2. A Luhn-valid card with a real IIN is redacted even without a cue; a run that holds one plus
   more digits (card, then expiry and CVV read in one breath) is split at that card.
3. A cue on either side names the type, and then any plausible length is redacted, including a
   fragment ended mid-number (a partial transcript), an invalid number, or "the last four".
4. A negative cue ("order number", "room", "press") keeps the number.
5. The dialogue hint acts like a cue.
6. Without any cue: a valid SSN, a valid NANP/E.164 phone, an 8-digit birth date, any run of 12+
   digits read like a card, and an open run of 7+ digits at the end of the text are redacted. In
   a partial transcript (``partial=True``) so is any number at its end that opens the answer
   ("sure, 6", "so fifty three"), has 5+ digits or is read digit by digit; one that is the
   object of a verb ("I need fifty") is a quantity and stays.
A run with no type of its own that sits next to a redacted one, separated only by a correction
("4 5 3 2, no sorry, 4 5 3 9 ..."), takes its neighbour's type.
"""

from __future__ import annotations

import bisect
import itertools
import re
import string
from collections.abc import Callable, Iterator

from .. import types as t
from ..cues import LAST_DIGITS, NEGATIVE, NEGATIVE_ADJACENT, REACH
from ..numbers import MAX_RUN_DIGITS, RUN_FILTER, NumberRun, find_runs
from ..validators import (
    card_prefix_plausible,
    is_birth_date,
    is_card,
    is_expiry,
    is_phone,
    is_routing,
    is_ssn,
)
from ..vocab import CORRECTIONS, FILLERS, MONTHS, NUMBER_WORDS, QUANTITY_AFTER
from . import Context

_AT_END = re.compile(r"[\s.,?!\u2026\-]*\Z")
_ANY_DIGIT = re.compile(r"[0-9]")


def _trailing_start(text: str) -> int:
    """Where the white space and punctuation ``_AT_END`` allows at the end of ``text`` begin."""
    k = len(text)
    while k and (text[k - 1].isspace() or text[k - 1] in ".,?!\u2026-"):
        k -= 1
    return k


# The number opens an answer: nothing but discourse markers since the start or a punctuation mark.
_CLAUSE_OPEN = re.compile(
    r"(?:\A|[.?!,;:\n])[\s,]*(?:(?:sure|so|ok|okay|right|yeah|yes|yep|yup|um|uh|umm|er|erm|well|alright"
    r"|and|oh|hmm|ah|mm)(?![\w'])[\s,.]*)*\Z",
    re.IGNORECASE,
)
# In a partial, a number followed only by fillers or an unfinished "double" is still being read.
_OPEN_TAIL = re.compile(
    r"(?:[\s.,?!\u2026\-]|(?<![\w'])(?:" + "|".join(sorted(FILLERS)) + r"|double|triple|dash|hyphen)(?![\w']))*\Z",
    re.IGNORECASE,
)
# the word after a number on its own line: the next line is the next turn ("1234\nAI: x ...")
_NEXT_WORD = re.compile(r"[^\S\n]*-?[^\S\n]*([^\W\d_][\w'\u2019.]*|%)")
# "I'm 45", "dollars and 88"; "since 1993", "about 40": an age, cents, an approximation or a year.
# Checked on the one or two words right before the number (cheaper than a regex search).
_AGE_WORDS = frozenset(["i'm", "im", "he's", "hes", "she's", "shes", "age", "aged"])
_AGE_PAIRS = frozenset(
    [("i", "am"), ("he", "is"), ("she", "is"), ("they", "are"), ("retire", "at"), ("retiring", "at"), ("retired", "at")]
)
_CURRENCY_WORDS = frozenset(["dollars", "bucks", "euros", "pounds"])
_HAVE_WORDS = frozenset(["have", "has", "had", "got", "need", "needs", "want", "wants", "take", "takes", "took"])
_YEAR_BEFORE = frozenset(
    ["since", "in", "until", "till", "from", "around", "circa", "year", "maybe", "or", "like", "about", "early", "late", "mid"]
)
_APPROX_WORDS = frozenset(
    ["since", "until", "till", "around", "about", "approximately", "roughly", "like", "maybe", "nearly", "almost",
     "past", "over", "under", "in", "from", "to", "or"]
)  # fmt: skip


def _tail_word(token: str) -> str:
    """The trailing run of word characters of a whitespace-free token ("(about" -> "about")."""
    if token.isalnum():
        return token.lower()  # most tokens are one plain word
    k = len(token)
    while k > 0 and (token[k - 1].isalnum() or token[k - 1] in "_'"):
        k -= 1
    return token[k:].lower()


def _words_before(text: str, start: int) -> tuple[str, str]:
    """The two words right before ``start`` (lowercased; "" when absent), if only spaces follow."""
    lo = max(0, start - 32)
    seg = text[lo:start]
    if not seg[-1:].isspace():
        return "", ""
    parts = seg.rsplit(None, 2)  # the last two words, after what comes before them if anything
    if not parts:
        return "", ""
    token = parts[-1]
    # most tokens are one plain word: _tail_word's first case, here without the call
    last = token.lower() if token.isalnum() else _tail_word(token)
    if len(last) != len(token) or len(parts) < 2:
        return "", last
    prev = parts[-2]
    if not prev[-1:].isalnum() or (
        len(parts) == 2 and lo > 0 and not seg[0].isspace() and (text[lo - 1].isalnum() or text[lo - 1] in "_'")
    ):
        return "", last  # no word right before, or one the window cut
    return (prev.lower() if prev.isalnum() else _tail_word(prev)), last


_CORRECTION_WORDS = frozenset({"no", "sorry", "wait", "actually", "mean", "oops", "correction", "rather"})
_GAP_WORD = re.compile(r"[^\W\d_]+")
_MIN_CUED = 3
_CUE_REACH = REACH + 20  # a cue further away than this is never used (cues.words_between)
_CARD_LENGTHS = (16, 15, 13, 19, 14, 17, 18)
_SHORT_KINDS = (t.CARD_CVV, t.CARD_EXPIRY)
_ID_TYPES = (t.MEDICAL_ID, t.BANK_ACCOUNT)
_ALNUM_ID = re.compile(r"(?<![\w-])(?=[A-Za-z0-9-]*[0-9])(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9-]{3,24}(?![\w-])")
# Such a token has a digit with a letter after it or a letter or dash right before it (maybe
# only dashes between the two). Searching for that digit is done at C speed, skipping every
# character that is not a digit, where ``_ALNUM_ID`` tests its lookbehind at every character.
_MIXED = re.compile(r"[0-9](?:-*[A-Za-z]|(?<=[A-Za-z-][0-9]))")
# A Medicare Beneficiary Identifier ("1EG4-TE5-MK73"): eleven characters in a fixed pattern of
# digits and letters (no S, L, O, I, B or Z), dashes optional. No word or other ID has it.
_MBI_LETTER = "[AC-HJKMNP-RT-Y]"
MBI = re.compile(
    rf"[1-9]{_MBI_LETTER}[0-9AC-HJKMNP-RT-Y][0-9]-?{_MBI_LETTER}[0-9AC-HJKMNP-RT-Y][0-9]-?{_MBI_LETTER}{{2}}[0-9]{{2}}"
)
_TOKEN_REST = re.compile(r"[A-Za-z0-9-]*")
_TOKEN_CHARS = frozenset(string.ascii_letters + string.digits + "-")

Decision = tuple[str, bool, float]
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)(?![^\W\d_])", re.IGNORECASE)
# A currency sign up to a space before the number ("$48", "$ 48"); a colon only right against it
# ("3:30"): after "User: " or "SSN: " a colon labels what follows.
_CURRENCY_BEFORE = frozenset("$€£¥")
_CUED_TYPES = t.NUMERIC_TYPES | {t.DATE_OF_BIRTH}


_COUNTED_FROM = frozenset(["last", "first", "final"])
_SAID_AGAIN_REACH = 200  # characters between a number and the same digits said again (``said_again``)
# The fewest digits of a whole number of each type, and the words that join two parts of one
_WHOLE_LENGTH = {t.CREDIT_CARD: 13, t.PHONE_NUMBER: 10, t.US_SSN: 9, t.BANK_ROUTING: 9}
_JOINING = re.compile(r"[ \t,.]*(?:(?:and\s+)?then|and|next|plus|after\s+that|followed\s+by)?[ \t,.]*", re.IGNORECASE)
_BEFORE_PRONOUN_ONE = frozenset(
    ["that", "this", "the", "which", "each", "every", "any", "no", "other", "another", "same", "new", "old",
     "first", "second", "third", "last", "next", "right", "wrong", "only", "either", "neither", "current",
     "main", "primary", "older", "newer", "good", "better", "best", "bad", "little", "big", "a"]
)  # fmt: skip
# "a different one", "the blue one", "your old one": after a determiner and one more word, "one"
# is a pronoun too
_DETERMINERS = frozenset(["a", "an", "the", "this", "that", "another", "my", "your", "his", "her", "their", "our"])


def _pronoun_one(prev: str, last: str) -> bool:
    """Is the word "one" after these two words a pronoun ("just use that one", "a different one")?"""
    return last in _BEFORE_PRONOUN_ONE or (prev in _DETERMINERS and last.isalpha() and last not in NUMBER_WORDS)


def _is_quantity(text: str, run: NumberRun, words_before: Callable[[int], tuple[str, str]]) -> bool:
    # Any one sign makes a quantity: the cheap ones are tried first, the words before last (the
    # decision reads them again only for a number that is not a quantity).
    start, end, digits = run.start, run.end, run.digits
    before = text[max(0, start - 2) : start]
    if not _CURRENCY_BEFORE.isdisjoint(before) or before.endswith(":") or text.startswith(":", end):
        return True
    seps = run.seps  # only written digit groups have separators
    if seps:
        if seps.count(".") == 1 and run.groups and run.groups[-1] <= 2 and len(digits) <= 8:
            return True  # "48.50"
        if "," in seps and all(g == 3 for g in run.groups[1:]):
            return True  # "12,500"
    m = _NEXT_WORD.match(text, end)
    if m:
        after = m.group(1).lower()
        if after.rstrip(".") in QUANTITY_AFTER:
            return True
        if len(digits) <= 4 and after in ("number", "numbers", "line"):
            return True  # "the 1 800 number", "the 911 line": the number names a kind of number
    if len(digits) <= 4:
        prev, last = words_before(start)
        if last in _AGE_WORDS or (prev, last) in _AGE_PAIRS or (last == "and" and prev in _CURRENCY_WORDS):
            return True
        if len(digits) <= 2 and last in _HAVE_WORDS:
            return True  # "because I have two", "I need 3"
        if (
            len(digits) == 4
            and digits[:2] in ("19", "20")
            and (last in _YEAR_BEFORE or last in MONTHS or (last == "of" and prev in MONTHS))
            and prev != "born"
        ):
            # "the account's been open since 2016", "I got it in march 2021", "opened in march of
            # 2021"; not "born in 1985"
            return True
    return False


def _cued(kind: str, d: str, at_end: bool) -> Decision | None:
    n = len(d)
    if n < (2 if kind in (t.CARD_CVV, t.CARD_EXPIRY) else _MIN_CUED) and not at_end:
        return None
    if n >= 13 and is_card(d):
        return t.CREDIT_CARD, True, 1.0
    if kind == t.US_SSN:
        return kind, is_ssn(d), 0.9
    if kind == t.CREDIT_CARD:
        return kind, False, 0.8
    if kind == t.PHONE_NUMBER:
        return kind, is_phone(d), 0.9
    if kind == t.BANK_ROUTING:
        return kind, is_routing(d), 0.9
    if kind == t.CARD_EXPIRY:
        return kind, is_expiry(d), 0.8
    if kind == t.DATE_OF_BIRTH:
        return kind, is_birth_date(d), 0.8
    if kind in (t.CARD_CVV, t.BANK_ACCOUNT, t.MEDICAL_ID):
        return kind, False, 0.8
    return None


def _uncued(run: NumberRun, d: str, at_end: bool, plus: bool, partial: bool = False, opens: bool = False) -> Decision | None:
    n = len(d)
    if run.has_scale or run.weak:
        return None
    # Read out like a card (spoken, or in groups). An unbroken digit string this long that fails
    # Luhn is a machine id or timestamp (URLs, logs), not something a caller said.
    read_out = run.has_words or len(run.groups) > 1
    if is_card(d):
        return t.CREDIT_CARD, True, 1.0
    if n == 9 and is_ssn(d):
        return t.US_SSN, True, 0.7
    if plus and 8 <= n <= 15 and is_phone(d, True):
        return t.PHONE_NUMBER, True, 0.9
    if n in (10, 11) and is_phone(d):
        return t.PHONE_NUMBER, True, 0.8
    nanp_shape = n == 10 and d[0] in "23456789" and d[3] in "23456789"
    if nanp_shape and (not run.paired or run.pauses == [3, 6]):
        return t.PHONE_NUMBER, False, 0.6  # NANP shape read out like a phone, area code unassigned
    if n == 7 and run.groups == [3, 4]:
        return t.PHONE_NUMBER, False, 0.6
    if n == 6 and run.has_words and run.pauses == [2, 4] and is_birth_date(d):
        return t.DATE_OF_BIRTH, False, 0.5  # "oh nine, seventeen, ninety one"
    if n == 8 and is_birth_date(d):
        return t.DATE_OF_BIRTH, False, 0.6
    if 12 <= n <= 23 and read_out:
        return t.CREDIT_CARD, False, 0.6
    # A partial that stops in a number read digit by digit ("... 4 5 9 3"): the final would be
    # redacted, so the partial must be too.
    digit_by_digit = run.singles >= 4 and not run.paired
    if at_end and n >= 4 and len(set(d)) > 1 and (digit_by_digit or (len(run.groups) >= 2 and n >= 5)):
        kind = t.CREDIT_CARD if card_prefix_plausible(d) else t.PHONE_NUMBER
        return kind, False, 0.4
    if at_end and n >= 7 and (read_out or n <= 11) and len(set(d)) > 1:
        kind = t.CREDIT_CARD if card_prefix_plausible(d) and n != 10 else t.PHONE_NUMBER
        return kind, False, 0.5
    if partial and at_end and (opens or n >= 5 or (run.singles >= 3 and not run.paired)):
        # The caller is still talking. A number that opens the answer ("sure, 6", "so fifty
        # three") or is already long or read digit by digit may be the start of a card or phone
        # the final will hide; one that is the object of a verb ("I need fifty") is a quantity.
        kind = t.CREDIT_CARD if card_prefix_plausible(d) and n != 10 else t.PHONE_NUMBER
        return kind, False, 0.3
    return None


# "plus one 305 ...", "plus 44 20 ...": the "+" of an international number, said
_SPOKEN_PLUS = re.compile(r"(?<![\w'])plus[ \t]+\Z", re.IGNORECASE)


def _after_plus(text: str, start: int) -> bool:
    """Is the number written or said after a "+" ("+44 20 ...", "+ 1 ...", "plus 44 20 ...")?"""
    return (
        text[max(0, start - 2) : start].strip().endswith("+") or _SPOKEN_PLUS.search(text, max(0, start - 8), start) is not None
    )


def _after_card(d: str, expiry_seen: bool = False) -> Decision | None:
    if not expiry_seen and len(d) in (3, 4, 6) and is_expiry(d):
        return t.CARD_EXPIRY, True, 0.7
    if len(d) in (3, 4):
        return t.CARD_CVV, False, 0.7
    return None


class _Runs:
    """Decides the runs of one text, remembering what came just before."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.out: list[tuple[NumberRun, t.Entity | None]] = []
        self.last_decided = -1  # where the last run decided starts: a hint goes to its fragment's first
        self.first_mask = ctx.text.find(t.MASK)
        self.short_hint = ctx.hint in _SHORT_KINDS
        # an answer's own hint matters only if some question asked for a CVV or expiry: the lines
        # (disjoint, in order) that answer such a question
        self.short_answer_starts: list[int] = []
        self.short_answer_ends: list[int] = []
        for start, end, hint in ctx.answers:
            if hint in _SHORT_KINDS:
                self.short_answer_starts.append(start)
                self.short_answer_ends.append(end)
        # where CVV and expiry cues are: only near one can a one- or two-digit number be PII
        self.short_cues = [c.start for c in ctx.cues.cues if c.kind in _SHORT_KINDS]
        self._end = _OPEN_TAIL if ctx.partial else _AT_END
        # Outside a partial, "at the end" is "in the trailing spaces and punctuation", found once
        # here instead of by a regex for every number.
        self._tail = -1 if ctx.partial else _trailing_start(ctx.text)
        self._before: dict[int, tuple[str, str]] = {}

    def words_before(self, start: int) -> tuple[str, str]:
        """``_words_before`` at ``start``, once per position (quantity and approximation checks)."""
        found = self._before.get(start)
        if found is None:
            found = self._before[start] = _words_before(self.ctx.text, start)
        return found

    def short_may_matter(self, run: NumberRun) -> bool:
        if self.short_hint:
            return True
        # The hint at the run is a CVV or expiry: without one for the whole text, the run is in a
        # line that answers a question for one (``Context.hint_at`` without its calls).
        if self.short_answer_starts:
            k = bisect.bisect_right(self.short_answer_starts, run.start) - 1
            if k >= 0 and run.start < self.short_answer_ends[k]:
                return True
        i = bisect.bisect_left(self.short_cues, run.start - _CUE_REACH)
        return i < len(self.short_cues) and self.short_cues[i] < run.end + _CUE_REACH

    def at_end(self, pos: int) -> bool:
        if self._tail >= 0:
            return pos >= self._tail
        return self._end.match(self.ctx.text, pos) is not None

    def cue_for(self, start: int, end: int) -> tuple[str | None, bool]:
        kind, negative, _ = self.cue_with_distance(start, end)
        return kind, negative

    def cue_with_distance(self, start: int, end: int, fragment: int | None = None) -> tuple[str | None, bool, int]:
        """The cue for the number at [start, end), whether it is negative, and its distance.
        ``fragment``: where the fragment holding ``start`` begins, when the caller knows."""
        cues = self.ctx.cues
        left = cues.left(start)
        if left is not None:
            if self.ctx.text.find(t.MASK, left[0].end, start) >= 0:
                left = None  # a placeholder: redacted by an earlier pass
            else:
                cue_end = left[0].end
                for run, ent in reversed(self.out[-4:]):
                    if ent is not None and cue_end <= ent.start and ent.end <= start:
                        # that cue already introduced an earlier number ("my cell is ..., and I need
                        # 30"), unless that was an area code ("area code three one two, then ...")
                        if ent.type != t.PHONE_NUMBER or len(run.digits) != 3:
                            left = None
                        break
        if (
            left is not None
            and self.ctx.answers
            and left[0].end <= (self.ctx.fragment_at(start)[0] if fragment is None else fragment)
        ):
            # In a conversation, a cue before an answer's line is in the question: it is that
            # answer's hint, which goes to its first number that is not a quantity ("the appointment
            # is December 12th. yeah it's 644" after "the security code?"), as it did live.
            left = None
        if left is not None:
            kind, distance = left[0].kind, left[1]
            if kind in (NEGATIVE, NEGATIVE_ADJACENT):
                return None, True, distance
            if kind == LAST_DIGITS:
                hint = self.ctx.hint_at(start)
                if hint in t.NUMERIC_TYPES:
                    return hint, False, distance
                typed = cues.typed_left(left[0].start)
                if typed == NEGATIVE:
                    return None, True, distance  # "the reference number ends in 6250"
                return typed or t.US_SSN, False, distance
            if kind in t.ENTITY_TYPES:
                return kind, False, distance
        right = cues.right(end)
        if right is not None and right[0].kind in t.ENTITY_TYPES:
            return right[0].kind, False, right[1]
        return None, False, 0

    def decide(self, run: NumberRun, i: int, j: int, after_card: bool) -> Decision | None:
        ctx = self.ctx
        text = ctx.text
        d = run.digits[i:j]
        start, end = (run.start, run.end) if i == 0 and j == len(run.digits) else run.span_of(i, j)
        partial = ctx.partial
        at_end = self.at_end(end)
        if i == 0 and _is_quantity(text, run, self.words_before) and not is_card(d):
            return None
        # the answer line holding the number (in a conversation), looked up once: its hint, and
        # where its fragment starts
        answer = ctx.answer_at(start) if ctx.answers else None
        hint = answer[2] if answer is not None else ctx.hint
        lo = answer[0] if answer is not None else 0
        kind, negative, distance = self.cue_with_distance(start, end, lo)
        if kind is None and ctx.answers and hint == NEGATIVE:
            negative = True  # the answer to "What's the order number?"
        if kind is not None and kind in _CUED_TYPES:
            if distance >= 3:
                # a far cue loses to a number that validates as something else
                whole = i == 0 and j == len(run.digits)
                validated = _uncued(run, d, at_end, _after_plus(text, start), partial) if whole else None
                if validated is not None and validated[1] and validated[0] != kind:
                    return validated
            return _cued(kind, d, at_end)
        if negative:
            return (t.CREDIT_CARD, True, 1.0) if is_card(d) else None
        if run.weak and ctx.hint_at(run.start) is None:
            return None  # a lone "oh" with neither cue nor hint is an interjection
        if after_card:
            prev = self.out[-1][1] if self.out else None
            # the expiry may have been said with a month ("Feb '27"), found by the date detector
            expiry_seen = prev is not None and (
                prev.type == t.CARD_EXPIRY or any(e.type == t.CARD_EXPIRY and prev.end <= e.start < start for e in ctx.found)
            )
            decision = _after_card(d, expiry_seen)
            if decision:
                return decision
        # the hint is for the first number of the fragment (an answer's line in a conversation)
        # that nothing before it in the fragment took, redacted or not
        mask = self.first_mask if lo == 0 else ctx.text.find(t.MASK, lo, start)
        hint_free = self.last_decided < lo and not (0 <= mask < start)
        if len(d) <= 4 and self.words_before(start)[1] in _APPROX_WORDS:
            return None
        if (
            hint_free
            and not run.has_scale
            and (hint in t.NUMERIC_TYPES or hint == t.DATE_OF_BIRTH)
            and not _ORDINAL_AFTER.match(text, end)  # "December 12th ... yeah it's 644": a day, not the answer
        ):
            decision = _cued(hint, d, at_end)
            if decision:
                return decision
        opens = partial and at_end and _CLAUSE_OPEN.search(text, max(0, start - 60), start) is not None
        return _uncued(run, d, at_end, _after_plus(text, start), partial, opens)

    def entity(self, run: NumberRun, i: int, j: int, decision: Decision) -> t.Entity:
        kind, validated, score = decision
        start, end = run.span_of(i, j)
        text = self.ctx.text
        if kind == t.PHONE_NUMBER:
            while start > 0 and text[start - 1] in "+(":
                start -= 1
            plus = _SPOKEN_PLUS.search(text, max(0, start - 8), start)
            if plus is not None:
                start = plus.start()
            if text[end : end + 1] == ")":
                end += 1
        elif kind in _ID_TYPES:
            start, end = _extend_letters(text, start, end)
        if self.ctx.partial and _OPEN_TAIL.match(text, end):
            # "... three two oh, double": the unfinished tail belongs to the number
            end = len(text.rstrip(" \t\n.,?!\u2026-"))
        return t.Entity(kind, start, end, run.form, score, validated)

    def add(self, run: NumberRun) -> list[t.Entity]:
        d = run.digits
        n = len(d)
        if d == "1" and run.has_words and _pronoun_one(*self.words_before(run.start)):
            self.out.append((run, None))  # "just use that one", "the first one": a pronoun
            return []
        if n <= 10 and d[0] == "0123456789"[n - 1] and self.words_before(run.start)[1] in _COUNTED_FROM:
            # "the last four eight seven four six": the first number counts the digits that follow
            run = run.without_first() or run
            d = run.digits
            n = len(d)
        prev = self.out[-1][1] if self.out else None
        after_card = prev is not None and prev.type in (t.CREDIT_CARD, t.CARD_EXPIRY)
        # a CVV or expiry follows its card in the same turn, never in the next speaker's line
        if prev is not None and after_card:
            after_card = run.start - prev.end < 60 and "\n" not in self.ctx.text[prev.end : run.start]
        if n > MAX_RUN_DIGITS:
            kind, _ = self.cue_for(run.start, run.end)
            if kind in t.NUMERIC_TYPES:
                ent = t.Entity(kind, run.start, run.end, run.form, 0.5, False)
                self.out.append((run, ent))
                return [ent]
            self.out.append((run, None))
            return []
        if n <= 2 and not self.short_may_matter(run) and not self.at_end(run.end):
            # one or two digits mid-text: only a CVV or expiry cue or hint could make them PII
            self.out.append((run, None))
            return []
        # Nor is one digit mid-text even near them: a cue or hint wants two (``_cued``), ``_uncued``
        # more. It may still go on with the number before it (``continued``).
        mid_digit = n == 1 and not self.at_end(run.end)
        decision = None if mid_digit else self.decide(run, 0, n, after_card)
        rest_of = self.continued(run) if prev is not None else None  # only a decided run goes on
        if rest_of is not None and (decision is None or not decision[1]):
            decision = (rest_of, False, 0.7)
        if n >= 14 and (decision is None or not decision[1]):
            split = self.split_card(run)
            if split:
                self.last_decided = run.start
                self.out.append((run, split[-1]))
                return split
        decided = self.entity(run, 0, n, decision) if decision else None
        if decided is not None:
            self.last_decided = run.start
        self.out.append((run, decided))
        return [decided] if decided else []

    def continued(self, run: NumberRun) -> str | None:
        """The type of the number this run goes on with: "four three eight eight, nine four one
        five, and then 5 7 1 4 9 0 1 9" is one card said in two parts. Only a number too short to
        be whole goes on, and only across a few joining words in the same line."""
        if not self.out or self.out[-1][1] is None:
            return None
        before, ent = self.out[-1]
        assert ent is not None
        whole = _WHOLE_LENGTH.get(ent.type)
        if whole is None or len(before.digits) >= whole or run.start - ent.end > 30:
            return None
        return ent.type if _JOINING.fullmatch(self.ctx.text, ent.end, run.start) else None

    def said_again(self, taken: list[t.Entity]) -> list[t.Entity]:
        """An undecided number with the digits of a number redacted just before or after it: "two
        seven... five, yeah 275", a caller confirming what they read out, or an agent reading it
        back. Only nearby (``_SAID_AGAIN_REACH``): in a long call a time or a year shares its three
        or four digits with some card's CVV or expiry sooner or later. Not a quantity ("$275") nor
        one a negative cue or question keeps ("room 275", the answer to "and the zip?");
        ``taken``, the runs ``link_corrections`` already gave a type."""
        said: dict[str, list[t.Entity]] = {}
        for run, ent in self.out:
            if ent is not None and ent.start <= run.start and run.end <= ent.end:
                said.setdefault(run.digits, []).append(ent)
        if not said:
            return []
        extra = []
        for run, ent in self.out:
            if ent is not None or len(run.digits) < 3 or run.digits not in said:
                continue
            near = [e for e in said[run.digits] if abs(e.start - run.start) <= _SAID_AGAIN_REACH]
            if not near or any(e.start <= run.start < e.end for e in taken):
                continue
            if _is_quantity(self.ctx.text, run, self.words_before) or self.cue_for(run.start, run.end)[1]:
                continue
            answer = self.ctx.answer_at(run.start) if self.ctx.answers else None
            if answer is not None and answer[2] == NEGATIVE:
                continue  # the answer to "And the zip?"
            extra.append(t.Entity(near[0].type, run.start, run.end, run.form, 0.6, False))
        return extra

    def split_card(self, run: NumberRun) -> list[t.Entity]:
        """A valid card inside a longer run: redact it and decide what is left on each side."""
        d = run.digits
        cuts = sorted({0, *run.breaks, len(d)})
        for a in cuts:
            ends = {b for b in cuts if b - a in _CARD_LENGTHS}
            for b in sorted(ends, key=lambda b: _CARD_LENGTHS.index(b - a)):
                if not is_card(d[a:b]):
                    continue
                found = [self.entity(run, a, b, (t.CREDIT_CARD, True, 1.0))]
                if a > 0:
                    head = self.decide(run, 0, a, False) or (t.CREDIT_CARD, False, 0.5)
                    found.insert(0, self.entity(run, 0, a, head))
                if b < len(d):
                    found.extend(self.after_card_tail(run, b))
                return found
        return []

    def after_card_tail(self, run: NumberRun, b: int) -> list[t.Entity]:
        """Digits after a card in the same run: expiry then CVV, cut at the pauses."""
        d = run.digits
        cuts = [b, *(p for p in run.pauses if b < p < len(d)), len(d)]
        if len(cuts) == 2 and len(d) - b in (7, 8) and is_expiry(d[b : b + 4]):
            cuts = [b, b + 4, len(d)]  # "0427 123" read without a pause
        found: list[t.Entity] = []
        for lo, hi in itertools.pairwise(cuts):
            seen = any(e.type == t.CARD_EXPIRY for e in found)
            decision = _after_card(d[lo:hi], seen) or self.decide(run, lo, hi, True)
            if decision is None and hi - lo <= 4:
                decision = (t.CARD_CVV, False, 0.5)
            if decision is not None:
                found.append(self.entity(run, lo, hi, decision))
        return found

    def link_corrections(self) -> list[t.Entity]:
        """An undecided run next to a decided one across "no sorry" takes its type."""
        out = self.out
        if len(out) < 2:
            return []  # most fragments hold one number
        extra = []
        text = self.ctx.text
        # only the neighbours of decided runs are read: most runs are undecided, next to others
        near = sorted({k + step for k, (_, ent) in enumerate(out) if ent is not None for step in (-1, 1)})
        for k in near:
            if not 0 <= k < len(out) or out[k][1] is not None:
                continue
            run = out[k][0]
            for other in (k - 1, k + 1):
                if not 0 <= other < len(out) or out[other][1] is None:
                    continue
                orun, oent = out[other]
                assert oent is not None
                lo, hi = (orun.end, run.start) if other < k else (run.end, orun.start)
                if _is_correction(text, lo, hi):
                    extra.append(t.Entity(oent.type, run.start, run.end, run.form, 0.5, False))
                    break
        return extra


def _is_correction(text: str, lo: int, hi: int) -> bool:
    """Between two numbers, at most six words, all fillers or corrections and one of them a
    correction ("no sorry", "uh wait"). Read word by word: most gaps fail at their first word."""
    corrected = False
    for k, m in enumerate(_GAP_WORD.finditer(text, lo, hi)):
        word = m.group(0).lower()
        if k == 6 or (word not in CORRECTIONS and word not in FILLERS):
            return False
        corrected = corrected or word in _CORRECTION_WORDS
    return corrected


# Letters that may stand right before an ID's digits without being part of it: labels ("member ID
# 4471...", "MRN") and the short words with no vowel ("hmm", "mr", "mg")
_NOT_ID_LETTERS = frozenset(
    ["id", "no", "num", "nbr", "acct", "pin", "ssn", "dob", "mrn", "nhs", "tin", "hmm", "mm", "shh", "psst", "mr",
     "mrs", "ms", "dr", "st", "nd", "rd", "th", "pt", "ft", "lb", "lbs", "kg", "mg", "ml", "km", "cm", "pm", "tv",
     "cvv", "cvc", "pls", "thx"]
)  # fmt: skip
_VOWELS = frozenset("aeiouy")


def _id_letters(letters: str) -> bool:
    """Could these letters, right before an ID's digits, be part of it? One letter; or capitals
    ("ABC 123456"), or lowercase ones that are no word, since speech-to-text writes an ID's letters
    in lowercase too ("dxp 139 878 272") and a short word has a vowel; in either case not a label
    or a short word (``_NOT_ID_LETTERS``)."""
    if len(letters) == 1:
        return True
    if letters.lower() in _NOT_ID_LETTERS:
        return False
    return letters.isupper() or (letters.islower() and _VOWELS.isdisjoint(letters))


def _extend_letters(text: str, start: int, end: int) -> tuple[int, int]:
    """Member IDs mix letters in: "X J H 4 5 6 ...", "ABC 123456", "dxp 139 878 272". Never across a
    line break: in a transcript the next line opens with a speaker label ("AI:")."""
    for _ in range(24):
        m = re.search(r"(?<![\w'\u2019])([A-Za-z]{1,4})[ \t.\-]*\Z", text[max(0, start - 8) : start])
        if not m or not _id_letters(m.group(1)):
            break
        start = start - (len(text[max(0, start - 8) : start]) - m.start(1))
    m = re.match(r"[ \t.\-]*([A-Z]{1,4})(?![\w])", text[end : end + 8])
    if m:
        end += m.end(1)
    return start, end


# "the 14th", "21st": a day or a place in a list, never an ID
_ORDINAL_TOKEN = re.compile(r"[0-9]{1,3}(?:st|nd|rd|th)", re.IGNORECASE)


def _alnum_ids(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_ALNUM_ID.finditer(text)``, tried only at tokens ``_MIXED`` finds."""
    end = 0
    for hit in _MIXED.finditer(text):
        if hit.start() < end:
            continue  # another hit in a token already tried
        start = hit.start()
        # back to the token's first character, or 26 back: a longer token is never a match
        while start > 0 and hit.start() - start <= 25 and text[start - 1] in _TOKEN_CHARS:
            start -= 1
        rest = _TOKEN_REST.match(text, hit.end())
        end = rest.end() if rest else hit.end()
        m = _ALNUM_ID.match(text, start)
        if m is not None and _ORDINAL_TOKEN.fullmatch(m.group(0)) is None:
            yield m


# The types a cue can give a token mixing letters and digits
_ALNUM_KINDS = frozenset([*_ID_TYPES, t.US_SSN, t.BANK_ROUTING, t.PHONE_NUMBER])


def _alnum_cue(ctx: Context, start: int) -> tuple[str | None, bool]:
    """The cue for a token mixing letters and digits whose nearest cue is a card's: a card number
    holds no letters, and "card" says where an ID is printed ("the insurance id on the card is
    4ad0-yt3-gr26"), so the cue before it that can type the token does, unless a placeholder, or
    in a conversation the start of the answer's line, stands between. Only a card's cue is passed
    over so: after a date's, "18th" is the date's."""
    left = ctx.cues.left_of_kind(start, _ALNUM_KINDS)
    if left is None:
        return None, False
    cue = left[0]
    if cue.kind in (NEGATIVE, NEGATIVE_ADJACENT):
        return None, True
    if ctx.text.find(t.MASK, cue.end, start) >= 0 or (ctx.answers and cue.end <= ctx.fragment_at(start)[0]):
        return None, False
    return cue.kind, False


def detect(ctx: Context) -> list[t.Entity]:
    if not RUN_FILTER.can_match(ctx.words) and _ANY_DIGIT.search(ctx.text) is None:
        return []  # no number word and no digit: no run, and no ID mixing letters and digits
    runs = _Runs(ctx)
    found: list[t.Entity] = []
    # find_runs leaves out the runs already taken (``skip``)
    for run in find_runs(ctx.text, ctx.words, partial=ctx.partial, skip=ctx.covered_left_to_right()):
        if len(run.digits) == 1 and ctx.cues.inside(run.start, run.end):
            continue  # a word of a cue ("the last four", "the three digit code")
        ctx.runs[run.start] = run
        found.extend(runs.add(run))
    corrected = runs.link_corrections()
    found.extend(corrected)
    found.extend(runs.said_again(corrected))
    for m in _alnum_ids(ctx.text):
        if not ctx.covered(m.start(), m.end()):  # inside an e-mail or a written IBAN: not for ids.py
            ctx.alnum.append(m.span())
        kind, negative = runs.cue_for(m.start(), m.end())
        if kind == t.CREDIT_CARD:
            kind, negative = _alnum_cue(ctx, m.start())
        hint = ctx.hint_at(m.start())
        if kind is None and not negative and hint in _ID_TYPES:
            kind = hint
        if kind is None and not negative and MBI.fullmatch(m.group(0)):
            kind = t.MEDICAL_ID  # a Medicare number's shape is its own, cue or not
        if kind in _ALNUM_KINDS:
            assert kind is not None
            found.append(t.Entity(kind, m.start(), m.end(), "mixed", 0.7, False))
    return found
