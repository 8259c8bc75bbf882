"""Run big alternation regexes only where a match can start.

Python's ``re`` has no literal-prefix search for a pattern that opens with a lookbehind or an
alternation of phrases, so ``finditer`` tries every alternative at every character; on a
10,000-word transcript that costs tens of milliseconds per pattern. A ``Prefilter`` reads the
pattern's parse tree once and collects the first (up to three) letters every match must start
with. ``finditer`` then walks the words of the text (and digit runs, when the pattern can start
with a digit) and calls ``pattern.match`` only where a match is possible, which is exact: a word
is skipped only if no alternative of the pattern can start with its letters (a prefix shorter
than three letters means the literal ended there, so only a word of exactly that length can match). If the pattern can
start with anything else, the prefilter falls back to the plain ``finditer``.
"""

from __future__ import annotations

import bisect
import codecs
import itertools
import operator
import re
import re._parser as sre_parse  # stable in 3.11; only used to read our own patterns
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

_C = sre_parse  # constants are re-exported there
_PREFIX = 3


class _Unknown(Exception):
    """The pattern can start with something other than a letter or a digit."""


def _walk(items: list[Any], prefix: str, out: set[str], digits: set[str]) -> None:
    """Collect the keys a match can start with into ``out``, and into ``digits`` the digits a
    match starting with a digit can start with ("*": any digit)."""
    if len(prefix) >= _PREFIX:
        out.add(prefix[:_PREFIX])
        return
    if not items:
        if not prefix:
            raise _Unknown
        out.add(prefix)
        return
    (op, av), rest = items[0], list(items[1:])
    if op is _C.LITERAL:
        ch = chr(av)
        if ch.isalpha():
            _walk(rest, prefix + ch.lower(), out, digits)
        elif ch.isdigit() and not prefix:
            out.add("#")
            digits.add(ch)
        elif prefix:
            out.add(prefix)
        else:
            raise _Unknown
    elif op is _C.BRANCH:
        for alternative in av[1]:
            _walk(list(alternative) + rest, prefix, out, digits)
    elif op is _C.SUBPATTERN:
        _walk(list(av[-1]) + rest, prefix, out, digits)
    elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        # Either no (more) iteration, when allowed, or one more and then the rest of the repeat: a
        # body shorter than a key is followed by another iteration or by what comes after it
        # ("(?:a)+bc" starts with "abc" or "aab"...). A body that can match nothing would loop
        # here until RecursionError, which leaves the pattern to the plain ``finditer``.
        low, high, body = av
        if low == 0:
            _walk(rest, prefix, out, digits)
        if high != 0:
            again = (op, (max(low - 1, 0), high if high is _C.MAXREPEAT else high - 1, body))
            _walk([*body, again, *rest], prefix, out, digits)
    elif op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        _walk(rest, prefix, out, digits)
    elif (
        op is _C.IN
        and not prefix
        and all(
            (o is _C.RANGE and chr(a[0]).isdigit() and chr(a[1]).isdigit())
            or (o is _C.LITERAL and chr(a).isdigit())
            or (o is _C.CATEGORY and a is _C.CATEGORY_DIGIT)
            for o, a in av
        )
    ):
        out.add("#")
        for o, a in av:
            if o is _C.RANGE:
                digits.update(chr(c) for c in range(a[0], a[1] + 1))
            elif o is _C.LITERAL:
                digits.add(chr(a))
            else:
                digits.add("*")
    elif prefix:
        out.add(prefix)
    else:
        raise _Unknown


# A word is a maximal run of letters and digits (``[^\W_]``); its key is "#" when it starts with a
# digit, else its first (up to three) characters. The words are found in a copy of the lowercased
# text with the same offsets where the rare non-ASCII characters that are not letters or digits
# ("\u2019", "\u2026", "\u2013") are spaces, as runs of ASCII ranges and non-ASCII characters,
# which the regex engine tests several times faster than ``[^\W_]`` (a Unicode category lookup
# per character); their offsets are summed in C.
_WORD_SPLIT = re.compile(r"([0-9a-z\x80-\U0010ffff]+)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# One character of a word: without the group of ``_WORD_SPLIT``, ``re`` scans for it with its
# character-set search loop, twice as fast over a text with none.
_WORD_CHAR = re.compile(r"[0-9a-z\x80-\U0010ffff]")
# A long text is cut in C instead, with ``str.translate`` and ``str.split``: each regex step costs a
# few hundred instructions per word (match setup and substrings), and on a 10,000-word transcript
# this costs a sixth less. Those need an ASCII text, so there a non-ASCII letter or digit stands
# as "a" (offsets unchanged) and a word with one among its first three characters has its key
# read from the text itself. ``str.translate`` builds a table of the characters it meets on every
# call, which a short text does not repay.
_TRANSLATE_FROM = 1000
_ASCII_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
_WORDS_ONLY = str.maketrans({chr(c): " " for c in range(128) if chr(c) not in _ASCII_WORD})
_GAPS_ONLY = str.maketrans({chr(c): " " if chr(c) in _ASCII_WORD else "-" for c in range(128)})
_FIRST_LETTERS = operator.itemgetter(slice(_PREFIX))


def _alnum_or_space(m: re.Match[str]) -> str:
    return m[0] if m[0].isalnum() else " "


# Encoding a text to ASCII with this handler writes a NUL for each character that is not ASCII, in C:
# the few such characters of a transcript are then found with ``bytearray.find``, where a regex
# scan (``_NON_ASCII``) walks the whole text.
_NUL_FOR_NON_ASCII = "redaction.nul_for_non_ascii"


def _nul_for_non_ascii(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        # a fresh error: the one given holds the text being converted
        raise TypeError(f"{_NUL_FOR_NON_ASCII} is an encoding error handler") from None
    return "\x00" * (error.end - error.start), error.end


codecs.register_error(_NUL_FOR_NON_ASCII, _nul_for_non_ascii)


def _stand_ins(low: str) -> tuple[str, list[int]]:
    """``low`` with each character that is not ASCII made "a" (a letter or digit) or " ", offsets
    unchanged, and where those characters are."""
    shape = bytearray(low.encode("ascii", _NUL_FOR_NON_ASCII))
    where: list[int] = []
    at = shape.find(0)
    while at >= 0:
        if low[at] > "\x7f":  # not a NUL of the text's own
            where.append(at)
            shape[at] = 97 if low[at].isalnum() else 32
        at = shape.find(0, at + 1)
    return shape.decode("ascii"), where


def _translated_words(low: str) -> tuple[list[int], list[str]]:
    """The start offsets and keys of the words of a long lowercased text, in order."""
    shape, non_ascii = (low, []) if low.isascii() else _stand_ins(low)
    words = shape.translate(_WORDS_ONLY).split()
    if not words:
        return [], []
    gaps = shape.translate(_GAPS_ONLY).split()  # the runs of characters between words
    if shape[0] in _ASCII_WORD:
        gaps.insert(0, "")  # no run before the first word
    del gaps[len(words) :]  # the run after the last word
    # a word starts where the one before it started, plus its length and the gap between them
    positions = list(itertools.accumulate(map(operator.add, map(len, gaps), itertools.chain((0,), map(len, words)))))
    keys = list(map(_FIRST_LETTERS, words))
    digits = {key: "#" for key in set(keys) if key[0] <= "9"}
    if digits:
        keys = list(map(digits.get, keys, keys))
    for at in non_ascii:
        i = bisect.bisect_right(positions, at) - 1
        if i >= 0 and at < positions[i] + len(keys[i]) and keys[i] != "#":
            key = low[positions[i] : positions[i] + len(keys[i])]
            keys[i] = "#" if key[0].isdecimal() else key
    return positions, keys


class WordIndex:
    """The words of one text, keyed by their first letters, built once and shared by detectors."""

    def __init__(self, text: str) -> None:
        self.text = text
        low = text.lower()
        if len(low) != len(text):  # a few characters lowercase to two ("İ"): keep offsets exact
            low = "".join(c.lower()[0] for c in text)
        self.low = low
        if len(low) >= _TRANSLATE_FROM:
            self.positions, self.key_list = _translated_words(low)
        else:
            ascii_only = low.isascii()
            parts = _WORD_SPLIT.split(low if ascii_only else _NON_ASCII.sub(_alnum_or_space, low))
            words = parts[1::2]
            # start offsets of all the words, in order
            self.positions = list(itertools.accumulate(map(len, parts), initial=0))[1:-1:2]
            if ascii_only:  # a word of [0-9a-z] starts with a digit exactly when its first character is <= "9"
                self.key_list = [w[:_PREFIX] if w[0] > "9" else "#" for w in words]
            else:
                self.key_list = ["#" if w[0].isdecimal() else w[:_PREFIX] for w in words]
        self.keys = frozenset(self.key_list)
        self._by_key: dict[str, list[int]] | None = None

    def replaced(self, edits: Sequence[tuple[int, int, int]], text: str) -> WordIndex | None:
        """The index of ``text``, which is this index's text with each ``(start, end, length)``
        edit (in order, not overlapping) replaced by ``length`` characters that are not word
        characters, derived from this index instead of read again; None where that would not
        be exactly what ``WordIndex(text)`` builds.

        A redacted text is analysed a second time (see engine.py) with its placeholders masked,
        and away from the placeholders its words are the words of the first pass: reading a
        10,000-word transcript again costs more than every other part of its second pass but
        the number decisions. The words away from the edits are the same when no edit cuts a
        word in two, the edits hold only ASCII non-word characters (the mask), and the rest of
        ``text`` lowercases to what this index read (a lowercased character can depend on its
        neighbours, as the Greek final sigma does); each of these is checked.
        """
        old, low = self.low, text.lower()
        if len(low) != len(text):
            return None  # a character that lowercases to two: WordIndex lowercases one by one
        size = len(old)
        old_positions, old_keys = self.positions, self.key_list
        pieces: list[str] = []
        positions: list[int] = []
        key_list: list[str] = []
        prev = shift = lo = 0
        # the words between two edits move by ``shift``: ``operator.add`` with ``repeat`` adds it in
        # C, which ``shift.__add__`` (a method wrapper, called per word) does at half the speed
        for start, end, length in edits:
            if (0 < start < size and old[start - 1].isalnum() and old[start].isalnum()) or (
                0 < end < size and old[end - 1].isalnum() and old[end].isalnum()
            ):
                return None
            hi = bisect.bisect_left(old_positions, start, lo)
            positions.extend(map(operator.add, old_positions[lo:hi], itertools.repeat(shift)))
            key_list.extend(old_keys[lo:hi])
            pieces.append(old[prev:start])
            pieces.append(low[start + shift : start + shift + length])
            shift += length - (end - start)
            prev = end
            lo = bisect.bisect_left(old_positions, end, hi)
        positions.extend(map(operator.add, old_positions[lo:], itertools.repeat(shift)))
        key_list.extend(old_keys[lo:])
        pieces.append(old[prev:])
        if "".join(pieces) != low or _WORD_CHAR.search("".join(pieces[1::2])):
            return None  # the text differs outside the edits, or an edit holds (non-ASCII) word characters
        index = WordIndex.__new__(WordIndex)
        index.text, index.low, index.positions, index.key_list = text, low, positions, key_list
        index.keys = frozenset(key_list)
        index._by_key = None
        return index

    @staticmethod
    def key_of(word: str) -> str:
        """The key a word that starts with a letter is indexed by: its first letters, up to the
        first character that is not a word's."""
        key = ""
        for c in word[:_PREFIX].lower():
            if not (("0" <= c <= "9" or "a" <= c <= "z") or (c > "\x7f" and c.isalnum())):
                break
            key += c
        return key

    @property
    def by_key(self) -> dict[str, list[int]]:
        if self._by_key is None:
            # one list per distinct key up front: a lookup per word is cheaper than ``setdefault``
            by_key: dict[str, list[int]] = {key: [] for key in self.keys}
            for start, key in zip(self.positions, self.key_list, strict=True):
                by_key[key].append(start)
            self._by_key = by_key
        return self._by_key

    def count_short(self, *, letters_only: bool) -> int:
        """Words with a one-character key: one-letter words (spelled letters) and, unless
        ``letters_only``, words that start with a digit ("#")."""
        if len(self.key_list) > 64:
            by_key = self.by_key
            return sum(len(by_key[k]) for k in self.keys if len(k) == 1 and (k.isalpha() or not letters_only))
        return sum(1 for k in self.key_list if len(k) == 1 and (k.isalpha() or not letters_only))

    def grouped_starts(self, keys: frozenset[str]) -> list[tuple[str, list[int]]]:
        """The start offsets of the words whose key is in ``keys``, in order, by key."""
        by_key = self.by_key
        return [(key, by_key[key]) for key in by_key.keys() & keys]

    def starts(self, keys: frozenset[str]) -> list[int]:
        """Start offsets of the words whose key is in ``keys``, in order."""
        if len(self.key_list) <= 4 * len(keys):
            return list(itertools.compress(self.positions, map(keys.__contains__, self.key_list)))
        by_key = self.by_key
        found: list[int] = []
        for key in keys & by_key.keys():
            found.extend(by_key[key])
        found.sort()
        return found

    def window(self, lo: int, hi: int) -> WordIndex | None:
        """The index of ``self.text[lo:hi]``, cut from this one, or None where that would not be
        exactly what ``WordIndex`` builds: a window edge inside a word, or a character that
        lowercases differently once cut from its neighbours (see ``replaced``)."""
        text = self.text
        if (0 < lo < len(text) and text[lo - 1].isalnum() and text[lo].isalnum()) or (
            0 < hi < len(text) and text[hi - 1].isalnum() and text[hi].isalnum()
        ):
            return None
        piece = text[lo:hi]
        low = piece.lower()
        if low != self.low[lo:hi]:
            return None
        i, j = bisect.bisect_left(self.positions, lo), bisect.bisect_left(self.positions, hi)
        index = WordIndex.__new__(WordIndex)
        index.text, index.low = piece, low
        index.positions = [p - lo for p in self.positions[i:j]]
        index.key_list = self.key_list[i:j]
        index.keys = frozenset(index.key_list)
        index._by_key = None
        return index


def _match_start(m: re.Match[str]) -> int:
    return m.start()


def _alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern's source: ``"a|b(?:c|d)"`` -> ``["a", "b(?:c|d)"]``."""
    found: list[str] = []
    depth = begin = i = 0
    in_class = False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if source[i + 1 : i + 2] == "]" or source[i + 1 : i + 3] == "^]":
                i += 2 if source[i + 1] == "]" else 3  # a "]" first in a class is a literal
                continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            found.append(source[begin:i])
            begin = i + 1
        i += 1
    found.append(source[begin:])
    return found


def _narrowed(
    groups: tuple[str, Sequence[tuple[str, str]], str], keys: frozenset[str], flags: int
) -> dict[str, re.Pattern[str]] | None:
    """Per key, the pattern narrowed to the alternatives a match starting at a word with that key
    can take; None when an alternative's start cannot be read, or the alternatives' keys are not
    exactly the whole pattern's."""
    head, named, tail = groups
    by_key: dict[str, list[tuple[str, list[str]]]] = {}
    for name, source in named:
        for alternative in _alternatives(source):
            starts: set[str] = set()
            try:
                _walk(list(sre_parse.parse(alternative, flags)), "", starts, set())
            except (_Unknown, RecursionError):
                return None
            for key in starts:
                taken = by_key.setdefault(key, [])
                if not taken or taken[-1][0] != name:
                    taken.append((name, []))
                taken[-1][1].append(alternative)
    if by_key.keys() != keys:
        return None
    compiled: dict[str, re.Pattern[str]] = {}
    narrowed: dict[str, re.Pattern[str]] = {}
    for key, taken in by_key.items():
        source = head + "(?:" + "|".join(f"(?P<{name}>{'|'.join(alts)})" for name, alts in taken) + ")" + tail
        if source not in compiled:
            compiled[source] = re.compile(source, flags)
        narrowed[key] = compiled[source]
    return narrowed


def _apostrophes_refused(tree: list[Any]) -> str:
    """The apostrophes in the set of a negative lookbehind the pattern opens with, if any."""
    if not tree or tree[0][0] is not _C.ASSERT_NOT or tree[0][1][0] != -1:
        return ""
    body = list(tree[0][1][1])
    if len(body) != 1 or body[0][0] is not _C.IN or any(op is _C.NEGATE for op, _ in body[0][1]):
        return ""
    return "".join(chr(av) for op, av in body[0][1] if op is _C.LITERAL and chr(av) in "'\u2019")


def matches_at(match: Callable[[str, int], re.Match[str] | None], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """What ``finditer`` would find, for a pattern that can only start at ``starts`` (increasing):
    each start inside an earlier match is skipped, as ``finditer`` would skip it."""
    found: list[re.Match[str]] = []
    end = 0
    for start in starts:
        if start < end:
            continue
        m = match(text, start)
        if m is not None and m.end() > start:
            found.append(m)
            end = m.end()
    return found


# From this many words on, words are tried key by key with narrowed patterns (see Prefilter);
# in a shorter text, grouping its few candidate words by key costs more than it saves.
_NARROW_FROM = 400


class Prefilter:
    """``finditer`` for a word-initial pattern, tried only at the words a match can start with.

    ``groups``, for a pattern built as ``head(?:(?P<name>alternative|...)|...)tail``, lets each
    word be tried with only the alternatives that can start with its key, in their order (so the
    first match at a word is the same): a failed attempt of a big alternation walks every one of
    its alternatives, and most candidate words of a cue pattern start a match of none. That is
    done in texts of more than ``narrow_from`` words; below, grouping the few candidates by key
    costs more than it saves, unless nearly every word is a candidate (``narrow_from=0``), and
    then the words are looked up one by one in order. A narrowed pattern holds only the named
    groups its key can start, so read which one matched with ``Match.lastgroup``.
    """

    def __init__(
        self,
        pattern: re.Pattern[str],
        *,
        groups: tuple[str, Sequence[tuple[str, str]], str] | None = None,
        narrow_from: int = _NARROW_FROM,
    ) -> None:
        self.pattern = pattern
        self.narrow_from = narrow_from
        out: set[str] = set()
        digits: set[str] = set()
        tree = list(sre_parse.parse(pattern.pattern, pattern.flags))
        try:
            _walk(tree, "", out, digits)
            self.exact = True
        except (_Unknown, RecursionError):
            self.exact = False
        # The apostrophes a leading lookbehind such as ``(?<![\w'])`` says a match never follows:
        # the word index splits "it's" and "I'm", so their "s" and "m" are candidates of every
        # pattern with a key "s" or "m", and each failed attempt costs a call into ``re``.
        self.not_after = _apostrophes_refused(tree)
        # "#" stands for a word that starts with a digit
        self.keys = frozenset(out)
        # The digits a match can start with, when not any: a cue such as "3 digit code" makes
        # every number a candidate, and a failed attempt of a big alternation costs ~1 us.
        narrow = digits and "*" not in digits and not digits.issuperset("0123456789")
        self.first_digits = frozenset(digits) if self.exact and narrow else None
        # Case-insensitive matching in ``re`` compares every literal through case folding and
        # loses the quick first-character test of an alternation: a big cue alternation costs
        # 3-4 us per attempt. Matching the lowercased text with a case-sensitive copy is 3-5x
        # faster and finds the same spans (our patterns' literals are lowercase, and the
        # lowercased text keeps every offset, see WordIndex).
        self.folded = pattern
        if pattern.flags & re.IGNORECASE and "(?-i:" not in pattern.pattern:
            self.folded = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
        patterns = _narrowed(groups, self.keys, self.folded.flags) if groups is not None and self.exact else None
        # each key's ``Pattern.match`` (which also takes an end position: see hints.first_ask)
        self.narrowed: dict[str, Callable[..., re.Match[str] | None]] | None = (
            {key: p.match for key, p in patterns.items()} if patterns is not None else None
        )

    def can_match(self, index: WordIndex) -> bool:
        """False when no word of the text can start a match, so ``finditer`` would find nothing."""
        return not self.exact or not self.keys.isdisjoint(index.keys)

    def finditer(self, index: WordIndex) -> Iterator[re.Match[str]]:
        """Same matches as ``pattern.finditer(index.text)`` for a word-initial pattern, faster."""
        text = index.text
        if not self.exact:
            yield from self.pattern.finditer(text)
            return
        if self.keys.isdisjoint(index.keys):
            return  # no word of the text can start a match
        end = 0
        if self.folded is not self.pattern:
            text, match = index.low, self.folded.match
        else:
            match = self.pattern.match
        if self.narrowed is not None and len(index.key_list) > self.narrow_from:
            yield from self._narrowed_matches(index, text)
            return
        first_digits, not_after = self.first_digits, self.not_after
        for start in index.starts(self.keys):
            if start < end:
                continue  # checked first: most words inside a match are skipped here
            if not_after and start and text[start - 1] in not_after:
                continue
            if first_digits is not None and text[start] not in first_digits and text[start].isdecimal():
                continue  # a word starting with a digit no match can start with
            m = match(text, start)
            if m is not None and m.end() > start:
                end = m.end()
                yield m

    def _narrowed_matches(self, index: WordIndex, text: str) -> Iterator[re.Match[str]]:
        """``finditer`` trying each word with its key's narrowed pattern.

        When most words are candidates (a short text, or a pattern such as the name cues that
        "i", "my" and "the" can start) every word's pattern is looked up in turn, skipping the
        words inside an earlier match. Otherwise the candidates come from the key index, key by
        key, and the matches are then taken in order, each word inside an earlier match skipped as
        ``finditer`` skips it: a match at a word does not depend on earlier matches.
        """
        assert self.narrowed is not None
        narrowed, first_digits, not_after = self.narrowed, self.first_digits, self.not_after
        groups = index.grouped_starts(self.keys) if len(index.key_list) > 4 * len(self.keys) else None
        if groups is None or 2 * sum(len(starts) for _, starts in groups) > len(index.key_list):
            end = 0
            for start, key in zip(index.positions, index.key_list, strict=True):
                match = narrowed.get(key)
                if start < end or match is None:
                    continue
                if (not_after and start and text[start - 1] in not_after) or (
                    first_digits is not None and text[start] not in first_digits and text[start].isdecimal()
                ):
                    continue  # refused by the lookbehind, or a digit no match starts with
                m = match(text, start)
                if m is not None and m.end() > start:
                    end = m.end()
                    yield m
            return
        found: list[re.Match[str]] = []
        for key, starts in groups:
            match = narrowed[key]
            for start in starts:
                if not_after and start and text[start - 1] in not_after:
                    continue
                if first_digits is not None and text[start] not in first_digits and text[start].isdecimal():
                    continue
                m = match(text, start)
                if m is not None and m.end() > start:
                    found.append(m)
        found.sort(key=_match_start)
        end = 0
        for m in found:
            if m.start() >= end:
                end = m.end()
                yield m
