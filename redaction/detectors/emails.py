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
_DOT = r"(?:\s*(?:\.|\bdot\b|\bperiod\b)\s*)"
_TLD = "(?:" + "|".join(TLDS) + ")"
_HOST_WORD = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,40})"
_SPOKEN_DOMAIN = re.compile(
    rf"at\s+(?:(?:{_HOST_WORD}{_DOT}){{1,4}}{_TLD}|(?:{'|'.join(COMMON_MAIL_HOSTS)}))\b",
    re.IGNORECASE,
)
_SPOKEN_FILTER = Prefilter(_SPOKEN_DOMAIN)
_JOINER = re.compile(r"^(?:dot|period|underscore|under\s+score|dash|hyphen|minus|plus)$", re.I)
_LOCAL_TOKEN = re.compile(r"[^\W_][\w.'-]*")
_EMAIL_CUE = re.compile(r"\be-?mail\b", re.IGNORECASE)
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


def detect(ctx: Context) -> list[t.Entity]:
    text = ctx.text
    found = [t.Entity(t.EMAIL_ADDRESS, m.start(), m.end(), "written", 1.0, True) for m in _WRITTEN.finditer(text)]
    if "at" not in text.lower() and "@" not in text:
        return found
    for m in _SPOKEN_FILTER.finditer(ctx.words):
        if any(e.start <= m.start() < e.end for e in found):
            continue
        cued = _EMAIL_CUE.search(text, max(0, m.start() - 60), m.start()) is not None
        limit = 4 if cued or ctx.hint == t.EMAIL_ADDRESS else 1
        start = _local_start(text, m.start(), limit)
        if start == m.start():
            continue
        found.append(t.Entity(t.EMAIL_ADDRESS, start, m.end(), "spoken", 0.9, False))
    return found


TRIGGER_KEYS: frozenset[str] = _SPOKEN_FILTER.keys
