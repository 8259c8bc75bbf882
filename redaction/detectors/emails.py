"""E-mail addresses, written ("maria.g@example.com") and spoken ("maria dot g at gmail dot com").

The spoken form is anchored on its least ambiguous part, "at <host> dot <tld>" (or a well-known
mail host on its own, "at gmail"), and the local part is then read backwards: words joined by
"dot", "underscore", "dash", spelled letters and digits. Without an e-mail cue only one word is
taken before "at"; after "my email is" everything up to the cue is, since STT often splits a
local part into words ("john doe at gmail dot com").
"""

from __future__ import annotations

import re

from .. import types as t
from ..prefilter import Prefilter
from ..vocab import COMMON_MAIL_HOSTS, TLDS
from . import Context

_WRITTEN = re.compile(
    r"(?<![\w.+-])[^\W_][\w.%+-]{0,63}\s?@\s?[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+"
    r"[A-Za-z]{2,24}(?![\w])"
)
_LOCAL_REACH = 65  # "[^\W_][\w.%+-]{0,63}\s?" before the "@"
# Never across a line break: in a transcript the next line opens with a speaker label, and "AI"
# is a top-level domain.
_DOT = r"(?:[^\S\n]*(?:\.|\bdot\b|\bperiod\b)[^\S\n]*)"
_TLD = "(?:" + "|".join(TLDS) + ")"
_HOST_WORD = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,40})"
_SPOKEN_DOMAIN = re.compile(
    rf"at[^\S\n]+(?:(?:{_HOST_WORD}{_DOT}){{1,4}}{_TLD}|(?:{'|'.join(COMMON_MAIL_HOSTS)}))\b",
    re.IGNORECASE,
)
_SPOKEN_FILTER = Prefilter(_SPOKEN_DOMAIN)
_JOINER = re.compile(r"^(?:dot|period|underscore|under\s+score|dash|hyphen|minus|plus)$", re.I)
_LOCAL_TOKEN = re.compile(r"[^\W_][\w.'-]*")
_EMAIL_CUE = re.compile(r"\be-?mail\b", re.IGNORECASE)
# In a partial, whatever follows "send it to" may be the start of an address or a name: hide it.
_OPEN_CUE = re.compile(r"\be-?mail\b|\b(?:send|e-?mail)\s+(?:it|them|that|this|the\s+\w+)\s+to\b", re.I)
_TOKEN = re.compile(r"\S+")
_STOP_LOCAL = frozenset(
    [
        "is",
        "it's",
        "its",
        "was",
        "me",
        "my",
        "and",
        "or",
        "the",
        "a",
        "to",
        "i",
        "i'm",
        "you",
        "your",
        "reach",
        "email",
        "e-mail",
        "address",
        "mail",
        "send",
        "sent",
        "it",
        "them",
        "at",
        "on",
    ]
)
# Words that open an answer; they end a local part read backwards from the end of a partial.
_DISCOURSE = frozenset(["um", "uh", "er", "erm", "yeah", "yes", "yep", "sure", "so", "ok", "okay", "right", "well", "is"])
# What may sit between an e-mail cue and the address: "my email address is, uh, ..."
_CUE_GAP = re.compile(
    r"(?:[\s,:\-]|(?<![\w'])(?:address|is|was|it's|its|it|that's|um|uh|er|yeah|so|ok|okay|sure|well)(?![\w']))*",
    re.IGNORECASE,
)
# A partial can only end inside an e-mail if it has a joiner or an e-mail/"send it to" cue.
_OPEN_KEYS = frozenset(["dot", "und", "at", "das", "hyp", "per", "plu", "min", "e", "ema", "mai", "sen"])
_SPELLED_JOINERS = frozenset(["at", "dot", "period", "underscore", "dash", "hyphen", "plus"])


def _written(text: str) -> list[re.Match[str]]:
    """``_WRITTEN.finditer(text)``, tried only where a match can start: just before an "@".

    A match holds exactly one "@" (neither the local part nor the host may contain one) and its
    local part is at most 64 characters plus one space, so it starts in the 65 characters before
    its "@" and after the previous "@"; trying those starts in order finds the same leftmost,
    non-overlapping matches as scanning the whole text, which costs a regex step per character.
    """
    found: list[re.Match[str]] = []
    end = 0  # end of the last match: finditer resumes there
    previous = -1  # the previous "@": a start at or before it would use that one
    at = text.find("@")
    while at >= 0:
        for start in range(max(end, at - _LOCAL_REACH, previous + 1), at):
            m = _WRITTEN.match(text, start)
            if m is not None:
                found.append(m)
                end = m.end()
                break
        previous = at
        at = text.find("@", max(at + 1, end))
    return found


def _local_start(text: str, at_pos: int, limit: int) -> int:
    """Walk back from "at" over the words of the local part."""
    window_start = max(0, at_pos - 120)
    start = at_pos
    words = 0
    joined = False
    for m in reversed(list(_TOKEN.finditer(text, window_start, at_pos))):
        tok = m.group(0)
        bare = tok.strip(",.;:!?\"'()").lower()
        if not bare:
            break
        if _JOINER.match(bare):
            start, joined = m.start(), True
            continue
        if (bare in _STOP_LOCAL and len(bare) > 1) or not _LOCAL_TOKEN.fullmatch(bare):
            break
        if tok[-1] in ",;:!?" and start != at_pos:
            break
        spelled = len(bare) == 1 or bare.isdigit()
        if not joined and not spelled and words >= limit:
            break
        start, joined = m.start() + (len(tok) - len(tok.lstrip("\"'("))), False
        words += 0 if spelled else 1
    return start


def _walk_back(text: str, stop: int, cued: bool) -> tuple[int, int, int, int, int]:
    """(start, words, joiners, strong joiners, letters) of the local-part chain ending the text."""
    start = -1
    words = joiners = strong = letters = 0
    prev_word = False
    tokens = list(_TOKEN.finditer(text, max(stop, len(text) - 160)))
    for k in range(len(tokens) - 1, -1, -1):
        m = tokens[k]
        tok = m.group(0)
        bare = tok.strip(",.;:!?\"'()").lower()
        last = k == len(tokens) - 1
        if not bare or (not last and (tok[-1] in ",;:!?" or (tok[-1] == "." and len(bare) > 1))):
            break
        if bare in _SPELLED_JOINERS or _JOINER.match(bare):
            joiners += 1
            strong += bare != "at"
            prev_word = False
            start = m.start()
            continue
        if bare in _DISCOURSE or (bare in _STOP_LOCAL and len(bare) > 1) or not _LOCAL_TOKEN.fullmatch(bare):
            break
        spelled = len(bare) == 1 or bare.isdigit()
        if prev_word and not spelled and not cued:
            break
        letters += len(bare) == 1
        words += 1
        prev_word = not spelled
        start = m.start() + (len(tok) - len(tok.lstrip("\"'(")))
    return start, words, joiners, strong, letters


def _open_address(ctx: Context) -> t.Entity | None:
    """The end of a partial that is an e-mail still being said: "john dot doe at", "k h a l i d".

    Read backwards from the end over local-part tokens and joiners ("dot", "underscore", "at").
    Right after an e-mail cue ("my email is") or at the start of an answer to an e-mail question
    anything there is taken; otherwise the tail needs a "dot" or "underscore", or spelled letters
    before "at", and only one plain word between joiners, so "we arrived at" stays.
    """
    text = ctx.text
    cue_end = -1
    for cue in _OPEN_CUE.finditer(text, max(0, len(text) - 100)):
        cue_end = cue.end()
    if cue_end < 0 and ctx.hint == t.EMAIL_ADDRESS and len(text) < 100:
        cue_end = 0
    if cue_end >= 0:
        start, words, *_ = _walk_back(text, cue_end, True)
        if start >= 0 and words and _CUE_GAP.fullmatch(text, cue_end, start):
            return t.Entity(t.EMAIL_ADDRESS, start, len(text.rstrip(" \t\n,.;:!?")), "partial", 0.5)
    start, words, joiners, strong, letters = _walk_back(text, 0, False)
    if start < 0 or not words or not (strong or (joiners and letters >= 2)):
        return None
    end = len(text.rstrip(" \t\n,.;:!?"))
    return t.Entity(t.EMAIL_ADDRESS, start, end, "partial", 0.5) if start < end else None


def detect(ctx: Context) -> list[t.Entity]:
    text = ctx.text
    found: list[t.Entity] = []
    if "@" in text:  # most texts have none: skip the call and the list
        found = [t.Entity(t.EMAIL_ADDRESS, m.start(), m.end(), "written", 1.0, True) for m in _written(text)]
    if ctx.partial and (ctx.hint == t.EMAIL_ADDRESS or not _OPEN_KEYS.isdisjoint(ctx.words.keys)):
        tail = _open_address(ctx)
        if tail is not None:
            found.append(tail)
    # A spoken address starts at the word "at": test that key here, before the prefilter's
    # generator is set up for the many texts that only contain "that" or "what".
    if _SPOKEN_FILTER.keys.isdisjoint(ctx.words.keys):
        return found
    for m in _SPOKEN_FILTER.finditer(ctx.words):
        if any(e.start <= m.start() < e.end for e in found):
            continue
        cued = _EMAIL_CUE.search(text, max(0, m.start() - 60), m.start()) is not None
        limit = 4 if cued or ctx.hint_at(m.start()) == t.EMAIL_ADDRESS else 1
        start = _local_start(text, m.start(), limit)
        if start == m.start():
            continue
        found.append(t.Entity(t.EMAIL_ADDRESS, start, m.end(), "spoken", 0.9, False))
    return found


TRIGGER_KEYS: frozenset[str] = _SPOKEN_FILTER.keys
