"""E-mail addresses, written ("maria.g@example.com") and spoken ("maria dot g at gmail dot com").

The spoken form is anchored on its least ambiguous part, "at <host> dot <tld>" (or a mail service
on its own, "at gmail"), and the local part is then read backwards: words joined by "dot",
"underscore", "dash", "apostrophe", spelled letters, digits and number words ("ahmed three two").
"@" may be said "at", "at sign", "at symbol" or "at the rate"; a host label may be spelled ("a o
l"), two words ("mercy health") or hyphenated ("uni dash bonn"). Without an e-mail cue only one
word is taken before "at" (two right after "it's", "is", "to" or a pause: "it's ravi patel at
gmail dot com"), and numbers alone are not an address ("at three thirty at ..."); after "my email
is" on the same line everything up to the cue is, since STT often splits a local part into words
("john doe at gmail dot com"). "all one word" between the local part and "at" lets two words be
taken too.
"""

from __future__ import annotations

import bisect
import re

from .. import types as t
from ..numbers import word_alternation
from ..prefilter import Prefilter
from ..vocab import COMMON_MAIL_HOSTS, NUMBER_WORDS, TLDS
from . import Context

_WRITTEN = re.compile(
    r"(?<![\w.+-])[^\W_][\w.%+-]{0,63}\s?@\s?[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+"
    r"[A-Za-z]{2,24}(?![\w])"
)
_LOCAL_REACH = 65  # "[^\W_][\w.%+-]{0,63}\s?" before the "@"
# Never across a line break: in a transcript the next line opens with a speaker label, and "AI"
# is a top-level domain.
_DOT = r"(?:[^\S\n]*(?:\.|\bdot\b|\bperiod\b)[^\S\n]*)"
_SP = r"[^\S\n]+"


def _tlds() -> str:
    """The top-level domains as a pattern, each also spelled letter by letter ("mail dot r u",
    "ucsd dot e d u"): branching on the first letters, as the number words do
    (``word_alternation``), since the pattern is tried at every "at"."""
    spelled: dict[str, list[str]] = {}
    for tld in TLDS:
        spelled.setdefault(tld[0], []).append(_SP.join(tld[1:]))
    said = [
        f"{first}{_SP}(?:{'|'.join(sorted(rests, key=len, reverse=True))})(?![\\w])" for first, rests in sorted(spelled.items())
    ]
    return "(?:" + word_alternation(TLDS) + "|" + "|".join(said) + ")"


_TLD = _tlds()
# "@" as callers say it; "at the rate" is Indian English.
_AT = rf"at(?:{_SP}(?:sign|symbol|the{_SP}rate))?"
_HOST_WORD = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,40})"
_SPELLED_CHAR = r"(?:[A-Za-z0-9]|zero|one|two|three|four|five|six|seven|eight|nine)"
# STT splits a host into words ("mercy health", "hot mail"); an article opens a place, not a host,
# and "at" opens the next address.
_SECOND_WORD = rf"(?:(?!(?:at|the|a|an|my|your|our|his|her|their|this|that)\b){_HOST_WORD}{_SP})?"
# A label may open with spelled letters or digits ("a o l", "g mail", "one six three"), be two
# words and hold a spoken hyphen. Every part is bounded and a label must end right before a
# "dot", so a failed attempt backtracks over at most a few dozen positions.
_LABEL = (
    rf"(?:{_SPELLED_CHAR}{_SP}){{0,24}}{_SECOND_WORD}{_HOST_WORD}"
    rf"(?:{_SP}(?:dash|hyphen){_SP}{_HOST_WORD}){{0,2}}"
)


def _said_host(host: str) -> str:
    """A mail service's name as STT may split it: "g mail", "hot mail", "a o l"."""
    if host.endswith("mail") and len(host) > 4:
        return rf"{host[:-4]}[^\S\n]*mail"
    if len(host) <= 3:
        return "[^\\S\\n]*".join(host)
    return host


_MAIL_SERVICE = "|".join(_said_host(host) for host in COMMON_MAIL_HOSTS)
_SPOKEN_DOMAIN = re.compile(
    rf"{_AT}{_SP}(?:(?:{_LABEL}{_DOT}){{1,4}}{_TLD}|(?:{_MAIL_SERVICE}))\b",
    re.IGNORECASE,
)
_SPOKEN_FILTER = Prefilter(_SPOKEN_DOMAIN)
_JOINER = re.compile(r"^(?:dot|period|underscore|under\s+score|dash|hyphen|minus|plus|apostrophe)$", re.I)
_LOCAL_TOKEN = re.compile(r"[^\W_][\w.'-]*")
# "mail id" is Indian English for an e-mail address.
_EMAIL_CUE = re.compile(r"\b(?:e-?mail|mail\s+id)\b", re.IGNORECASE)
# In a partial, whatever follows "send it to" may be the start of an address or a name: hide it.
_OPEN_CUE = re.compile(r"\b(?:e-?mail|mail\s+id)\b|\b(?:send|e-?mail)\s+(?:it|them|that|this|the\s+\w+)\s+to\b", re.I)
_TOKEN = re.compile(r"\S+")
_LOCAL_WINDOW = 120  # characters read back from "at" for the local part
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
        "id",
        "be",
        "should",
        "would",
        "could",
        "this",
        "that",
        "that's",
        "for",
        "from",
        "with",
        "us",
        "him",
        "her",
        "online",
    ]
)
_HOST_STOPS = frozenset(["me", "mail"])  # stop words that may be (part of) a host
# The word before the last word of a spoken "@": "at sign", "at symbol", "at the rate".
_AT_TAILS = {"sign": "at", "symbol": "at", "the": "at", "rate": "the"}
# Words after which the words up to "at" open the address: "it's ravi patel at gmail dot com".
_OPENERS = frozenset(["is", "it's", "its", "was", "be", "to", "at"])
# Said between the local part and "at" to say how it is written: "john smith all one word at ...".
_ONE_WORD_NOTES = (("all", "one", "word"), ("one", "word"), ("no", "spaces"), ("no", "space"), ("all", "lowercase"))
# Words that open an answer; they end a local part read backwards.
_DISCOURSE = frozenset(["um", "uh", "er", "erm", "yeah", "yes", "yep", "sure", "so", "ok", "okay", "right", "well", "is"])
# What may sit between an e-mail cue and the address: "my email address is, uh, ..."
_CUE_GAP = re.compile(
    r"(?:[\s,:\-]|(?<![\w'])(?:address|id|is|was|it's|its|it|that's|um|uh|er|yeah|so|ok|okay|sure|well)(?![\w']))*",
    re.IGNORECASE,
)
# A partial can only end inside an e-mail if it has a joiner or an e-mail/"send it to" cue.
_OPEN_KEYS = frozenset(["dot", "und", "at", "das", "hyp", "per", "plu", "min", "e", "ema", "mai", "sen", "apo"])
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


def _bare(token: str) -> str:
    return token.strip(",.;:!?\"'()").lower()


def _spelled(bare: str) -> bool:
    """A letter, digits or a number word: any run of them is one part of a local part."""
    return len(bare) == 1 or bare.isdigit() or bare in NUMBER_WORDS


def _one_word_note(bares: list[str]) -> int:
    """How many of the last words are a note such as "all one word"; 0 if none."""
    for note in _ONE_WORD_NOTES:
        if tuple(bares[-len(note) :]) == note:
            return len(note)
    return 0


def _opens_address(tokens: list[re.Match[str]], k: int, text: str, line_start: int) -> bool:
    """Does the word before ``tokens[k]`` end a clause, so that ``tokens[k]`` opens what follows?"""
    if k == 0:  # the first word of its line, unless the line starts before the window read
        return line_start >= 0 and not text[line_start : tokens[0].start()].strip()
    before = tokens[k - 1].group(0)
    return before[-1] in ",;:!?." or _bare(before) in _OPENERS or _bare(before) in _DISCOURSE


def _line_start(text: str, pos: int) -> int:
    """Where the line holding ``pos`` starts, or -1 if that is more than ``_LOCAL_WINDOW`` back.

    Looking no further keeps the cost per address constant in a text without line breaks.
    """
    window = max(0, pos - _LOCAL_WINDOW)
    newline = text.rfind("\n", window, pos)
    return newline + 1 if newline >= 0 else (0 if window == 0 else -1)


def _local_start(text: str, at_pos: int, cued: bool, line_start: int) -> int:
    """Walk back from "at" over the words of the local part, never past the start of its line.

    ``cued``: after an e-mail cue or hint, up to four plain words are taken. ``line_start`` is -1
    when the line starts more than ``_LOCAL_WINDOW`` characters back.
    """
    tokens = list(_TOKEN.finditer(text, max(line_start, at_pos - _LOCAL_WINDOW, 0), at_pos))
    start = at_pos
    limit = 4 if cued else 1
    note = _one_word_note([_bare(m.group(0)) for m in tokens[-3:]])
    if note:
        start, limit = tokens[-note].start(), max(limit, 2)
    words = 0
    joined = named = spelling = spelled_apart = False
    k = len(tokens) - 1 - note
    while k >= 0:
        m = tokens[k]
        tok = m.group(0)
        bare = _bare(tok)
        if not bare:
            break
        if _JOINER.match(bare):
            start, joined = m.start(), True
            k -= 1
            continue
        letter = _as_in(tokens, k, bare)
        if letter:  # "n as in nancy": the letter, said with a word for it
            k -= 3
            m, tok, bare = tokens[k], tokens[k].group(0), letter
        elif _the_number(tokens, k, bare):  # "j the number 7 at": the digit, said as a number
            k -= 2
            m, tok = tokens[k], tokens[k].group(0)
        if (bare in _STOP_LOCAL and len(bare) > 1) or bare in _DISCOURSE or not _LOCAL_TOKEN.fullmatch(bare):
            break
        # a clause ends there; but "dvolkov, all one word, at": the note stands apart, and "z, h
        # as in henry, a ...": letters being spelled pause between them
        paused = tok[-1] in ",;:!?" and not (len(bare) == 1 and spelling)
        if paused and start != at_pos and not (note and k == len(tokens) - 1 - note):
            break
        spelled = _spelled(bare)
        if spelled_apart and not spelled:
            break  # "I use l, o, r as in robert ...": the letters spelled apart are the whole part
        # Without a cue one plain word is taken, and a second only when it opens the address.
        if not joined and not spelled and words >= limit:
            if limit > 1 or words > 1 or not _opens_address(tokens, k, text, line_start):
                break
            limit = 2
        start, joined = m.start() + (len(tok) - len(tok.lstrip("\"'("))), False
        words += 0 if spelled else 1
        named = named or not (bare.isdigit() or (bare in NUMBER_WORDS and len(bare) > 1))
        spelled_apart = spelled_apart or (spelling and len(bare) == 1 and (tok[-1] == "," or bool(letter)))
        spelling = len(bare) == 1
        k -= 1
    # Numbers alone before "at" are a time or a count ("at three thirty at mercy health dot org")
    # unless an e-mail was asked for.
    return start if named or cued else at_pos


def _the_number(tokens: list[re.Match[str]], k: int, bare: str) -> bool:
    """Is ``tokens[k]`` (``bare``) the digit of "the number 7", said inside a local part?"""
    return (
        k >= 2
        and (bare.isdigit() or bare in NUMBER_WORDS)
        and _bare(tokens[k - 1].group(0)) == "number"
        and _bare(tokens[k - 2].group(0)) == "the"
    )


def _as_in(tokens: list[re.Match[str]], k: int, bare: str) -> str:
    """The letter ``tokens[k]`` (``bare``) ends, when it is the word of "n as in nancy"; else ""."""
    if k < 3 or _bare(tokens[k - 1].group(0)) != "in" or _bare(tokens[k - 2].group(0)) != "as":
        return ""
    letter = _bare(tokens[k - 3].group(0))
    return letter if len(letter) == 1 and letter.isalpha() and bare.startswith(letter) else ""


def _at_phrase(tokens: list[re.Match[str]], k: int, bare: str) -> int:
    """How many words ending at ``tokens[k]`` (``bare``) say "@": "at", "at sign", "at the rate".

    0 if none. At the end of a partial "at the" may be "at the rate" cut short.
    """
    if bare == "at":
        return 1
    if bare not in _AT_TAILS or k == 0 or _bare(tokens[k - 1].group(0)) != _AT_TAILS[bare]:
        return 0
    if bare == "rate":
        return 3 if k >= 2 and _bare(tokens[k - 2].group(0)) == "at" else 0
    return 2 if bare != "the" or k == len(tokens) - 1 else 0


def _after_at(tokens: list[re.Match[str]], k: int) -> bool:
    """Is ``tokens[k]`` after an "at", so part of a host ("at g mail", "at me dot com")?"""
    return any(_bare(tokens[j].group(0)) == "at" for j in range(k))


def _walk_back(text: str, stop: int, cued: bool) -> tuple[int, int, int, int, int]:
    """(start, words, joiners, strong joiners, letters) of the local-part chain ending the text."""
    start = -1
    words = joiners = strong = letters = 0
    plain = 0  # plain words read in a row: one at a time in a local part, two in a host
    prev_dot = False
    tokens = list(_TOKEN.finditer(text, max(stop, len(text) - 160)))
    k = len(tokens) - 1
    while k >= 0:
        m = tokens[k]
        tok = m.group(0)
        bare = _bare(tok)
        last = k == len(tokens) - 1
        if not bare or (not last and (tok[-1] in ",;:!?" or (tok[-1] == "." and len(bare) > 1))):
            break
        at = _at_phrase(tokens, k, bare)
        if at or bare in _SPELLED_JOINERS or _JOINER.match(bare):
            dot = bare in ("dot", "period")
            if dot and prev_dot and not cued:
                return -1, 0, 0, 0, 0  # "I'm at home dot dot dot": an ellipsis, not an address
            joiners += 1
            # "at sign" is said of nothing but an address; "at" and "at the rate" are everyday
            strong += not at or (at == 2 and bare != "the")
            plain, prev_dot = 0, dot
            k -= max(at, 1)
            start = tokens[k + 1].start()
            continue
        closing = bare in _DISCOURSE or (bare in _STOP_LOCAL and len(bare) > 1)
        if (closing and not (bare in _HOST_STOPS and _after_at(tokens, k))) or not _LOCAL_TOKEN.fullmatch(bare):
            break
        spelled = _spelled(bare)
        # A host may be two words ("mercy health"); a local part is one word between joiners.
        if not spelled and not cued and plain and (plain >= 2 or not _after_at(tokens, k)):
            break
        letters += len(bare) == 1
        words += 1
        plain, prev_dot = (0 if spelled else plain + 1), False
        start = m.start() + (len(tok) - len(tok.lstrip("\"'(")))
        k -= 1
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
    written = len(found)
    tail = None
    if ctx.partial and (ctx.hint == t.EMAIL_ADDRESS or not _OPEN_KEYS.isdisjoint(ctx.words.keys)):
        tail = _open_address(ctx)
        if tail is not None:
            found.append(tail)
    tail_at = written  # where the tail is in ``found``
    # A spoken address starts at the word "at": test that key here, before the prefilter's
    # generator is set up for the many texts that only contain "that" or "what".
    if _SPOKEN_FILTER.keys.isdisjoint(ctx.words.keys):
        return found
    # Spoken matches never overlap one another, so only a written address (the first ``written``
    # found, in order and apart) or the open tail can hold a match's start: look those up rather
    # than every span found so far, which is quadratic in a text of many short addresses.
    starts = [e.start for e in found[:written]]
    for m in _SPOKEN_FILTER.finditer(ctx.words):
        at = m.start()
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and at < found[i].end:
            continue
        # A cue on the line before (the assistant's question) is the hint's business, not ours.
        line_start = _line_start(text, at)
        cued = _EMAIL_CUE.search(text, max(0, at - 60, line_start), at) is not None
        start = _local_start(text, at, cued or ctx.hint_at(at) == t.EMAIL_ADDRESS, line_start)
        if tail is not None and tail.start <= at < tail.end:
            if start < tail.start:  # read as the final reads it ("z, h as in henry, ... at"): no less
                found[tail_at] = tail = t.Entity(t.EMAIL_ADDRESS, start, tail.end, tail.form, tail.score, tail.validated)
            continue
        if start == at:
            continue
        found.append(t.Entity(t.EMAIL_ADDRESS, start, m.end(), "spoken", 0.9, False))
    return found


TRIGGER_KEYS: frozenset[str] = _SPOKEN_FILTER.keys
