"""IP addresses and IBANs: written forms with strict validation, and IPv4 addresses read out.

Both are rare in speech and unambiguous in writing (tool results, summaries, logs), so they are
matched as written tokens, or as an IPv4 address read number by number ("one ninety two dot one
sixty eight dot one dot ten"), and validated (``ipaddress`` for IPs, ISO 7064 check digits via
python-stdnum for IBANs) before being redacted. Version strings such as "2.3.1" fail the 4-part
IPv4 shape and stay.
"""

from __future__ import annotations

import bisect
import ipaddress
import re
import string

from .. import types as t
from ..numbers import find_runs
from ..prefilter import matches_at
from ..validators import is_iban
from ..vocab import TEEN_WORDS, TENS_WORDS, UNIT_WORDS
from . import Context

# Each pattern opens with a character class and checks the character before it afterwards, so
# the regex engine can skip ahead to candidate characters instead of trying every position. In
# a long text IPv4 addresses and IBANs are still only tried at the words that can start one (see
# ``_written_ipv4`` and ``_iban_shaped``): a scan for a class as common as digits or capitals costs a
# transcript ~0.3 ms a pattern.
_IPV4 = re.compile(r"[0-9](?<![\w.][0-9])[0-9]{0,2}\.(?:[0-9]{1,3}\.){2}[0-9]{1,3}(?![\w]|\.[0-9])")
# Groups of hex digits joined by ":", "::" anywhere ("fe80::1c4b:9a2e:3d71:8802"): what the
# standard library then accepts as an address
_IPV6 = re.compile(r"[0-9A-Fa-f](?<![\w:][0-9A-Fa-f])[0-9A-Fa-f]{0,3}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")
# Every IPv6 match holds ":hex:" or "::"; times ("7:30 pm") do not, and are far more common.
_IPV6_HINT = re.compile(r":[0-9A-Fa-f]{0,4}:")
# IPv4 addresses and IBANs hold digits and most speech has none: one scan rules both out.
_DIGIT = re.compile(r"[0-9]")
_IBAN_CUE = re.compile(r"\biban\b", re.IGNORECASE)
# A partial IBAN (cut by the end of a partial transcript) is still redacted after an IBAN cue.
_IBAN_SHAPE = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z][0-9]{2}(?:[ ]?[A-Z0-9]{4}){0,7}(?:[ ]?[A-Z0-9]{1,3})?(?![\w])")
# Speech-to-text may write one in lowercase ("pt57858533..."): read on the lowercased text, such a
# one counts only when its check digits and country format hold (``is_iban``).
_IBAN_SHAPE_LOW = re.compile(_IBAN_SHAPE.pattern.replace("A-Z", "a-z"))
# An IBAN opens a word (see ``WordIndex``) with two letters and a digit: these are its possible keys.
_IBAN_KEYS = frozenset(a + b + d for a in string.ascii_lowercase for b in string.ascii_lowercase for d in string.digits)
# The "." of an IPv4 address's first number: a pattern that opens with a literal is scanned for fast.
_DIGIT_DOT = re.compile(r"\.(?<=[0-9]\.)(?=[0-9])")


# "one ninety two dot one sixty eight dot one dot ten": four numbers said with "dot" or "point"
# between them, each a valid octet, in words, in digits or digit by digit ("2 0 3 point 0"); or
# written with spaces around each "." ("68 . 45 . 112 . 6"). Version numbers have three parts at most.
_OCTET_WORD = "|".join(sorted((*UNIT_WORDS, *TEEN_WORDS, *TENS_WORDS, "hundred", "zero", "oh"), key=len, reverse=True))
_OCTET = rf"(?:[0-9](?: [0-9]){{1,2}}|[0-9]{{1,3}}|(?:{_OCTET_WORD})(?:[ -](?:{_OCTET_WORD})){{0,3}})(?![\w'])"
_OCTET_SEP = r"(?:[ ,]+(?:dot|point)[ ,]+| \. )"
_SPOKEN_IPV4 = re.compile(rf"(?<![\w'])(?:{_OCTET}{_OCTET_SEP}){{3}}{_OCTET}", re.IGNORECASE)
_OCTET_SEP_RE = re.compile(_OCTET_SEP, re.IGNORECASE)
_SPOKEN_DOT_KEYS = frozenset(["dot", "poi"])
_SPACED_DOT = re.compile(r" \. ")


# "firmware 1.0.11.123", "version 2.4.0.1": four numbers with dots that are a release, not an address
_A_VERSION_BEFORE = re.compile(r"(?<![\w])(?:firmware|version|ver\.?|v|build|release)[^\S\n]*(?:is[^\S\n]+)?\Z", re.IGNORECASE)


def _spoken_ipv4(ctx: Context) -> list[t.Entity]:
    """Tried only where three "dot"s or "point"s come within a few words of each other: a search
    of the whole text would cost a transcript more than all the rest of this module."""
    text = ctx.text
    dots = ctx.words.starts(_SPOKEN_DOT_KEYS)
    if " . " in text:
        dots = sorted([*dots, *(m.start() + 1 for m in _SPACED_DOT.finditer(text))])
    found: list[t.Entity] = []
    searched = 0
    for k in range(len(dots) - 2):
        if dots[k] < searched or dots[k + 2] - dots[k] > 60:
            continue
        lo, searched = max(0, dots[k] - 30), min(len(text), dots[k + 2] + 40)
        found.extend(_spoken_ipv4_in(text, lo, searched))
    return found


def _octet_value(octet: str) -> int | None:
    """The number one part of a spoken address says, when it is one number of at most 255; a lone
    "oh" is a zero here, where the number parser takes it for an interjection."""
    if octet.lower() in ("oh", "zero"):
        return 0
    runs = find_runs(octet)
    if len(runs) != 1 or len(runs[0].digits) > 3 or int(runs[0].digits) > 255:
        return None
    return int(runs[0].digits)


def _spoken_ipv4_in(text: str, lo: int, hi: int) -> list[t.Entity]:
    found: list[t.Entity] = []
    for m in _SPOKEN_IPV4.finditer(text, lo, hi):
        octets = _OCTET_SEP_RE.split(m.group(0))
        if _A_VERSION_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        values = [_octet_value(octet) for octet in octets]
        if all(v is not None for v in values) and any(values):  # "oh dot oh dot oh dot oh": no address
            found.append(t.Entity(t.IP_ADDRESS, m.start(), m.end(), "spoken", 0.9, True))
    return found


def _written_ipv4(ctx: Context) -> list[re.Match[str]]:
    """``_IPV4.finditer(text)``, tried only at the words of one to three characters that a "."
    and a digit follow: an address opens a word (nothing word-like or "." before it) with one to
    three digits and such a dot."""
    positions = ctx.words.positions
    starts: list[int] = []
    for dot in _DIGIT_DOT.finditer(ctx.text):
        k = bisect.bisect_right(positions, dot.start() - 1) - 1  # the word the dot ends
        if k >= 0 and dot.start() - positions[k] <= 3 and (not starts or starts[-1] != positions[k]):
            starts.append(positions[k])
    return matches_at(_IPV4.match, ctx.text, starts)


def _iban_shaped(ctx: Context) -> list[re.Match[str]]:
    """``_IBAN_SHAPE.finditer(text)``, tried only at the words with an IBAN's key (``_IBAN_KEYS``)."""
    keys = ctx.words.keys & _IBAN_KEYS
    return matches_at(_IBAN_SHAPE.match, ctx.text, ctx.words.starts(keys)) if keys else []


def _lowercase_ibans(ctx: Context, written: list[re.Match[str]]) -> list[t.Entity]:
    """IBANs written with lowercase letters, where their check digits and format hold."""
    keys = ctx.words.keys & _IBAN_KEYS
    found: list[t.Entity] = []
    taken = {m.start() for m in written}
    for m in matches_at(_IBAN_SHAPE_LOW.match, ctx.words.low, ctx.words.starts(keys)) if keys else []:
        start, end = m.span()
        said = ctx.text[start:end]
        if start not in taken and not said.isupper() and said.isascii() and is_iban(said.upper()):
            found.append(t.Entity(t.IBAN, start, end, "written", 1.0, True))
    return found


def _ibans(ctx: Context) -> list[t.Entity]:
    """Validated IBANs, and after an IBAN cue or hint (or at the end of the text) unvalidated ones."""
    text = ctx.text
    found: list[t.Entity] = []
    written = _iban_shaped(ctx)
    found.extend(_lowercase_ibans(ctx, written))
    for m in written:
        if is_iban(m.group(0)):
            found.append(t.Entity(t.IBAN, m.start(), m.end(), "written", 1.0, True))
        elif (
            ctx.hint_at(m.start()) == t.IBAN
            or _IBAN_CUE.search(text, max(0, m.start() - 40), m.start())
            or (ctx.partial and not text[m.end() :].strip(" .,?!"))
        ):
            found.append(t.Entity(t.IBAN, m.start(), m.end(), "written", 0.6, False))
    return found


def detect(ctx: Context) -> list[t.Entity]:
    text = ctx.text
    found: list[t.Entity] = []
    has_digit = _DIGIT.search(text) is not None
    if has_digit and "." in text:
        for m in _written_ipv4(ctx):
            try:
                address = ipaddress.IPv4Address(m.group(0))
            except ValueError:
                continue
            if address.is_unspecified:
                continue  # "0.0.0.0": no address at all (a modem not yet connected)
            if _A_VERSION_BEFORE.search(text, max(0, m.start() - 20), m.start()):
                continue
            found.append(t.Entity(t.IP_ADDRESS, m.start(), m.end(), "written", 1.0, True))
    if _IPV6_HINT.search(text):
        for m in _IPV6.finditer(text):
            try:
                ipaddress.IPv6Address(m.group(0))
            except ValueError:
                continue
            found.append(t.Entity(t.IP_ADDRESS, m.start(), m.end(), "written", 1.0, True))
    if has_digit:
        found.extend(_ibans(ctx))
    if not _SPOKEN_DOT_KEYS.isdisjoint(ctx.words.keys) or " . " in text:
        found.extend(_spoken_ipv4(ctx))
    return found
