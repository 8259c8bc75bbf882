"""Street addresses: house number + street words + a street suffix, or any of that after a cue.

"1600 Pennsylvania Avenue", "two twenty one B Baker Street, apartment 4" and "I live at 42
Wallaby" are found from the shape of a US-style address: a house number (digits or number words),
one to four street words that are not common English words (an ordinal, "42nd" or "forty second",
is one), a street suffix from a fixed vocabulary, then optionally a unit, a city, a state and a
ZIP. A route after a house number ("18033 county road 237", "4120 highway 101", "2200 FM 1960")
and a PO box ("P.O. Box 123", "PO box eight three eight") are addresses too. After a cue ("I live
at", "ship it to", "my address is") the suffix is optional. Common words are refused as street
words so "2 blocks down the road" and "10 minutes drive" stay.
"""

from __future__ import annotations

import bisect
import itertools
import re

from .. import types as t
from ..cues import NEGATIVE, NEGATIVE_ADJACENT
from ..prefilter import Prefilter, WordIndex, matches_at
from ..vocab import (
    MONTHS,
    QUANTITY_AFTER,
    STOP_WORDS,
    STREET_SUFFIXES,
    US_STATE_CODES_LOWERCASE,
    US_STATE_CODES_THAT_ARE_WORDS,
    US_STATE_SHORT_FORMS,
    US_STATES,
)
from . import Context

_NUMWORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety|hundred|thousand)"
)
# "eleven hundred and five": "and" only after "hundred" or "thousand"
_AND_AFTER_SCALE = r"(?:(?:(?<=hundred)|(?<=thousand))[\s-]+and)?"
_HOUSE = (
    rf"(?:[0-9]{{1,6}}(?:-?[A-Za-z])?"
    rf"|{_NUMWORD}{_AND_AFTER_SCALE}(?:[\s-]+{_NUMWORD}{_AND_AFTER_SCALE}){{0,5}}(?:\s+[A-Za-z])?)"
)
# Before a street suffix or after an address cue a house number may also be read digit by digit
# ("4 5 6 Maple Avenue", "2 7 oh 4 Magnolia Boulevard"); not at the end of a partial, where such
# digits are as often an ID's ("x h 4 0 1 7 5 n")
_HOUSE_READ = rf"(?:[0-9](?:[^\S\n](?:[0-9]|oh|zero)){{1,5}}(?![\w])|{_HOUSE})"
# An address ends with its line: in a transcript the next line opens with a speaker label
# ("...Boise Idaho, thanks\nAI: ..."), which must not be read as a state or a city. So the gaps
# inside an address are any white space but a line break.
_SP = r"[^\S\n]"
_ORDINAL = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[^\S\n]|-)"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)(?![\w])"
)
# Street words are never number words, so a run of "one one one" cannot be re-split many ways;
# a spoken ordinal ("forty second", "twenty-third") is one street word, as "42nd" is.
_WORD_OPEN = rf"(?:[0-9]{{1,3}}(?:st|nd|rd|th)|{_ORDINAL}|(?!{_NUMWORD}(?![\w]))[^\W\d_][\w'\u2019.\-]{{0,30}}"
_WORD = _WORD_OPEN + ")"
_SUFFIX = r"(?:" + "|".join(sorted(STREET_SUFFIXES, key=len, reverse=True)) + r")\.?"
_ORDINAL_WORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|ground|top)"
# "apartment 3 B", "unit four oh two": a unit is said in words and its letter apart; a lone "a" or
# "I" after it is the next phrase ("apartment 3 a few doors down"). The unit's word ends there:
# "fl" is not the start of "flagstaff".
_UNIT = (
    rf"(?:,?{_SP}*(?:(?:apartment|apt\.?|unit|suite|ste\.?|#|number|floor|fl\.?|room|building|bldg\.?|lot|space|trailer)(?![a-z]){_SP}*#?{_SP}*"
    rf"(?:{_NUMWORD}(?:(?:{_SP}|-)+{_NUMWORD}){{0,3}}(?![\w])|[\w-]{{1,6}})(?:{_SP}+(?-i:[A-HJ-Z]|[b-hj-z])(?![\w'\u2019]))?"
    # "second floor", "3rd floor"
    rf"|(?:{_ORDINAL_WORD}|[0-9]{{1,2}}(?:st|nd|rd|th)){_SP}+(?:floor|fl\.?)(?![\w])))"
)
_STATE = r"(?:" + "|".join(sorted(US_STATES, key=len, reverse=True)) + r"|(?-i:[A-Z]{2}))"
# A state as it is said after its city ("lowell mass", "Erie, Penn.", "austin tx"): these are
# words too ("wash", "miss"), so they are read as a state only right after a city.
_ZIP = rf"(?:[0-9]{{5}}(?:-[0-9]{{4}})?|{_NUMWORD}(?:[\s-]+{_NUMWORD}){{4}})"
_STATE_SAID = (
    r"(?:(?:" + "|".join(sorted(US_STATE_SHORT_FORMS, key=len, reverse=True)) + r")\.?"
    r"|(?-i:" + "|".join(US_STATE_CODES_LOWERCASE) + r")"
    r"|(?-i:" + "|".join(US_STATE_CODES_THAT_ARE_WORDS) + rf")(?=,?{_SP}+{_ZIP}(?![\w])))(?![\w])"
)
_THEN_STATE_SAID = rf"(?:,?{_SP}+{_STATE_SAID})?"
_CITY = rf"(?-i:[A-Z][\w'\u2019.\-]{{1,30}}(?:{_SP}+[A-Z][\w'\u2019.\-]{{1,30}}){{0,2}})"
_DIR = rf"(?:{_SP}+(?:n|s|e|w|ne|nw|se|sw|(?:north|south)(?:east|west)?|east|west)\.?(?![\w]))?"
# A lowercase city is only taken before a state or a ZIP, and never from a word of the sentence
# going on ("... elm street and then wash the car").
_NOT_CITY = (
    r"(?!(?:and|then|the|to|so|but|for|with|from|into|you|your|they|their|she|her|his|him|its|was"
    r"|are|were|been|that|this|these|those|there|here|what|which|who|when|where|how|why|will|would"
    r"|can|could|should|may|might|must|does|did|done|have|has|had|going|gonna|gotta|get|got|just"
    r"|also|now|please|thanks|thank|okay|yeah|yes|yep|nope|not|sure|well|right|like)(?![\w]))"
)
_CITY_LC = (
    rf"(?-i:{_NOT_CITY}[a-z]{{3,20}}(?:{_SP}+{_NOT_CITY}[a-z]{{3,20}})?)"
    rf"(?=,?{_SP}+(?:{_STATE}|{_ZIP}|{_STATE_SAID})(?![\w]))"
)
# "597 W Chestnut Drive in Sacramento": a capitalised city after "in", but not a month, a day or a
# word that goes on with the sentence ("... Drive in The morning", "in April")
_NOT_A_PLACE = "|".join(
    sorted(
        [*MONTHS, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the", "a", "an",
         "my", "our", "your", "apartment", "apt", "unit", "suite", "room", "building", "front", "back", "person"],
        key=len,
        reverse=True,
    )
)  # fmt: skip
_IN_CITY = rf"in{_SP}+(?!(?i:{_NOT_A_PLACE})(?![\w'\u2019])){_CITY}"
_TAIL = (
    rf"{_DIR}(?:{_UNIT})?"
    rf"(?:,?{_SP}+(?:{_STATE}(?![\w])|{_ZIP}(?![\w])|(?:{_CITY}|{_CITY_LC}|{_IN_CITY}){_THEN_STATE_SAID})){{0,4}}"
)

# In a street every word is followed by white space, so a word's letters are never given back: a
# shorter word would be followed by one of its own letters. The possessive ``{0,30}+`` finds the
# same matches without trying each shorter length of each word before giving up on a start.
_STREET_WORD = _WORD_OPEN + "+)"
_STREET = (
    rf"(?<![\w])(?P<house>{_HOUSE_READ}){_SP}+"
    rf"(?P<words>(?:{_STREET_WORD}{_SP}+){{0,3}}{_STREET_WORD}){_SP}+{_SUFFIX}(?![\w])"
)
_STREET_RE = re.compile(rf"{_STREET}(?P<tail>{_TAIL})", re.IGNORECASE)
# The same match in two steps. The street part has only lowercase literals, so it is matched
# case-sensitively on the lowercased text, which is several times faster than ``re.IGNORECASE``
# (see prefilter.Prefilter); the tail has case-sensitive parts (a state code, a city) and is
# matched on the text itself. The tail can match nothing, so it never undoes the street part.
_STREET_LOW = re.compile(_STREET)
_TAIL_RE = re.compile(_TAIL, re.IGNORECASE)
_CUED_RE = re.compile(
    r"(?<![\w])(?:(?:i|we|they|he|she)\s+(?:still\s+|now\s+)?lives?\s+at|(?:i'?m|we'?re)\s+(?:still\s+|now\s+)?at|live\s+on|(?:(?:my|the|home|mailing|billing|shipping|street"
    r"|delivery)\s+(?:(?:old|new|current|previous|correct|full)\s+)?|(?:old|new|current|previous|correct)\s+)"
    r"address\s+(?:is|was)?:?|ship\s+(?:it|them|that)\s+to|send\s+(?:it|them"
    r"|that|the\s+\w+)\s+to|mail\s+(?:it|them)\s+to|deliver(?:ed)?\s+(?:it\s+)?to|located\s+at"
    r"|moved\s+to|address\s*:)(?![\w])\s*,?\s*(?:uh\s+|um\s+)?",
    re.IGNORECASE,
)
_CUED_TAIL_RE = re.compile(
    rf"(?P<house>{_HOUSE_READ}){_SP}+(?P<words>(?:{_WORD}{_SP}+){{0,3}}{_WORD})(?:{_SP}+{_SUFFIX}(?![\w]))?"
    rf"(?P<tail>{_TAIL})",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(r"\W*(?:(?:uh|um|yeah|yes|sure|okay|ok|so|right|well|it'?s|its|it\s+is)(?![\w])\W*)*", re.I)
# The box number is read in digits or in words ("PO box eight three eight", "two three, two five").
_PO_BOX = re.compile(
    rf"(?<![\w])(?:p\.?{_SP}?o\.?|post{_SP}+office){_SP}+box{_SP}+(?:(?:number|no\.?|#){_SP}*)?"
    rf"(?:[0-9]{{1,6}}|{_NUMWORD}(?:(?:,?{_SP}+|-){_NUMWORD}){{0,7}})(?![\w])",
    re.IGNORECASE,
)
# A route after a house number: "18033 county road 237", "4120 highway 101", "2200 FM 1960". Its
# number is what a street name does not have; without a house number ("take route 66 to get
# there", "highway 101 was closed") it is a way to go, not an address. Lowercase, for the
# lowercased text (see ``_STREET_LOW``).
_ROUTE_TYPE = r"(?:road|rd|highway|hwy|route|rte|rt)\.?|fm|cr|sr"
_ROUTE_NUMBER = rf"{_SP}+#?{_SP}*(?:[0-9]{{1,4}}[a-z]?|{_NUMWORD}(?:(?:{_SP}|-)+{_NUMWORD}){{0,3}})(?![\w])"
_ROUTE_LOW = re.compile(
    rf"(?<![\w])(?P<house>{_HOUSE}){_SP}+"
    rf"(?:(?:county|state|us|u\.s\.|old|ranch|(?:farm|ranch){_SP}+to{_SP}+market){_SP}+)?"
    rf"(?:{_ROUTE_TYPE}){_ROUTE_NUMBER}"
)
_ROUTE_AT = re.compile(rf"(?:{_ROUTE_TYPE}){_ROUTE_NUMBER}")  # at a route word: its number follows
_ROUTE_KEYS = frozenset(WordIndex.key_of(w) for w in ("road", "rd", "highway", "hwy", "route", "rte", "rt", "fm", "cr", "sr"))
# The tokens a route match can hold before its route word: a house number of up to seven, a
# qualifier of up to three ("farm to market"), read in the reversed text
_ROUTE_TOKENS_BACK = re.compile(r"(?:\s+\S+){1,10}")
# "in 2019 highway 101 was closed": a year, not a house number
_YEAR_HOUSE = re.compile(r"(?:19|20)[0-9]{2}(?![\w])")
_BEFORE_A_YEAR = re.compile(r"(?<![\w])(?:in|since|until|till|by|before|after|during|of)[^\S\n]+\Z")
# "a thirty second drive", "a 10 second walk": a number under a hundred and "second" before a
# drive or a walk is a duration, though "221 second street" and "4120 forty second drive" are not
_A_DURATION = re.compile(rf"(?:[0-9]{{1,2}}|{_NUMWORD}(?:[\s-]+{_NUMWORD})?){_SP}+second{_SP}+(?:drive|dr|walk)(?![\w])")
_STREET_FILTER, _PO_BOX_FILTER, _CUED_FILTER = Prefilter(_STREET_RE), Prefilter(_PO_BOX), Prefilter(_CUED_RE)
_SUFFIX_FILTER = Prefilter(re.compile(_SUFFIX, re.IGNORECASE))
# The first words of ``_CUED_RE`` (word keys, see prefilter.WordIndex) by a word the cue holds
# further on: "i'm at", "ship it to", "my address". "i", "my" and "the" are in most texts and
# each try of the cue pattern costs ~1 us, so a first word is tried only if its partner is there.
_CUE_FIRST_WORDS = {
    "at": frozenset({"i", "im", "loc", "we", "wer", "the", "he", "she"}),
    "to": frozenset({"shi", "sen", "mai", "del", "mov"}),
    "on": frozenset({"liv"}),
    "add": frozenset({"add", "my", "the", "hom", "mai", "bil", "shi", "str", "del", "old", "new", "cur", "pre", "cor"}),
}
# The first words worth trying for each set of partners a text can hold, looked up with one set
# intersection: a Python loop over ``_CUE_FIRST_WORDS`` would cost as much as the tries it saves.
_CUE_FIRSTS_WITH = {
    frozenset(partners): frozenset().union(*(_CUE_FIRST_WORDS[p] for p in partners))
    for n in range(len(_CUE_FIRST_WORDS) + 1)
    for partners in itertools.combinations(_CUE_FIRST_WORDS, n)
}
_CUE_PARTNERS = frozenset(_CUE_FIRST_WORDS)
# "i", "my" and "the" are hundreds of the words of a transcript, and a cue opens with one only
# right before one word: "i live at", "i'm at" (split at the apostrophe: "i", "m"), "my address",
# "the address". So they are tried only where the next word has such a key, found from the fewer
# words that follow them.
_COMMON_FIRSTS = {
    "i": frozenset({"liv", "m", "sti", "now"}),
    "my": frozenset({"add", "old", "new", "cur", "pre", "cor", "ful"}),
    "the": frozenset({"add", "old", "new", "cur", "pre", "cor", "ful", "liv", "sti", "now"}),
}
_AFTER_COMMON = frozenset().union(*_COMMON_FIRSTS.values())
# In a text of this many words or fewer the few tries of those are cheaper than finding them so.
_FEW_WORDS = 200
_SENTENCE = re.compile(r"[.?!]\s+")
_HOUSE_KEYS = _STREET_FILTER.keys  # a digit or a number word: what a house number starts with
_REACH = 320  # longest house number + street words before the suffix: 6 number words, 4 words
# The tokens a street match can hold before its suffix, read in the reversed text: a house number
# of up to seven, four street words of up to two ("forty second")
# A house number in digits ("1600", "12-b") is one token, so with its four street words a match
# from one holds at most nine (group ``digits``): the digits further back are most of the numbers
# a dense transcript has near a suffix, and none can start a match. Possessive, as each run of
# white space and of other characters is taken whole.
_TOKENS_BACK = re.compile(r"(?P<digits>(?:\s++\S++){1,14}+)(?:\s++\S++){0,1}+")
_STREETISH_STOP = (STOP_WORDS | QUANTITY_AFTER) - {"court", "way", "park", "drive"}
# Before its suffix "second" names a street ("221 second street"; as a duration see
# ``_A_DURATION``); without one it is as often time ("it's a 10 second")
# and "old" or "new" too ("73 old mill road", "12 new market street")
_OLD_OR_NEW = frozenset({"old", "new"})
_STREET_WORD_STOP = _STREETISH_STOP - {"second"} - _OLD_OR_NEW
# The end of a partial that is an address still being said: a house number and up to four
# street words with the suffix not said yet ("3948 Sunset", "eighty four ten Oak Ridge").
_OPEN_STREET = re.compile(rf"(?<![\w])(?P<house>{_HOUSE})(?:\s+(?P<words>(?:{_WORD}\s+){{0,3}}{_WORD}))?[\s,.]*\Z", re.IGNORECASE)
# The same, case-sensitive, for lowercased ASCII text: its literals are lowercase, so the spans are
# those of ``_OPEN_STREET``, found ~3x faster (see prefilter.Prefilter). Outside ASCII
# ``re.IGNORECASE`` also pairs letters ``str.lower`` keeps apart ("\u212a" and "k").
_OPEN_STREET_LOW = re.compile(_OPEN_STREET.pattern)
_OPEN_UNIT = re.compile(r"[\s,]*(?:apartment|apt|unit|suite|ste|number|floor|fl|room|#)\.?[\s#]*\Z", re.I)
# After an address at the end of a partial, a lowercase city whose state is still to come
# ("... Riverside Ave, austin"); after a cue, a PO box whose number is ("ship it to PO box").
_OPEN_CITY = re.compile(rf",?{_SP}+{_NOT_CITY}[a-z]{{3,20}}(?:{_SP}+{_NOT_CITY}[a-z]{{3,20}})?[\s,.]*\Z")
_OPEN_PO_BOX = re.compile(r"(?:p\.?\s?o\.?|post\s+office)(?:\s+box(?:\s+(?:number|no\.?|#))?)?[\s,.#]*\Z", re.I)


# A lowercase city closing the clause after an address, after a comma or "in": "... pike street,
# seattle", "1150 route 9 in wappingers falls". Speech-to-text writes most cities in lowercase,
# and without a state after it (``_CITY_LC``) only the end of the clause says the word is no part
# of what the caller goes on to say; a common word ("... street, thanks", "in town.") never is.
_CITY_AFTER = re.compile(
    rf"(?:,(?:{_SP}*(?:that'?s|it'?s){_SP}+in)?|{_SP}+in)({_SP}+[a-z][a-z'\u2019-]{{2,20}}(?:{_SP}+[a-z][a-z'\u2019-]{{1,20}})?)"
    rf"(?=,?{_SP}+(?:{_STATE}|{_ZIP}|{_STATE_SAID})(?![\w])|{_SP}*(?:[.!?;,\n]|\Z))",
    re.IGNORECASE,
)
_NOT_A_CITY = (
    STOP_WORDS
    | frozenset(MONTHS)
    | frozenset(QUANTITY_AFTER)
    | frozenset(
        ["honestly", "basically", "definitely", "alright", "cheers", "gotta", "town", "case", "general", "fact",
         "total", "advance", "front", "apartment", "suite", "thing", "stuff", "everything"]
    )
)  # fmt: skip


# ... or with no comma, when it ends the sentence: "two twelve oak street springfield"
_CITY_ENDING = re.compile(
    rf"({_SP}+[a-z][a-z'\u2019-]{{2,20}}(?:{_SP}+[a-z][a-z'\u2019-]{{1,20}})?)(?={_SP}*(?:[.!?\n]|\Z))", re.IGNORECASE
)


def _city_after(text: str, end: int) -> int:
    """Where an address ending at ``end`` ends with the lowercase city said after it (and its state
    or ZIP, ``_TAIL_RE``), or ``end``."""
    m = _CITY_AFTER.match(text, end) or _CITY_ENDING.match(text, end)
    if m is None or not m.group(1).strip().islower():
        return end
    if any(w.strip("'\u2019") in _NOT_A_CITY for w in m.group(1).split()):
        return end
    tail = _TAIL_RE.match(text, m.end())
    return tail.end() if tail else m.end()


# "apartment 5, 33 delancey street": the unit said before the street is part of the address
_UNIT_BEFORE = re.compile(
    rf"(?<![\w])(?:apartment|apt\.?|unit|suite|ste\.?|#){_SP}*#?{_SP}*(?:[0-9]{{1,5}}[a-z]?|[a-z](?![\w])|{_NUMWORD}(?:{_SP}+{_NUMWORD}){{0,2}})"
    rf",?{_SP}+\Z",
    re.IGNORECASE,
)


def _unit_before(text: str, start: int) -> int:
    """Where an address starting at ``start`` starts with the unit said before it, or ``start``."""
    m = _UNIT_BEFORE.search(text, max(0, start - 40), start)
    return m.start() if m is not None else start


def _cue_ends(ctx: Context) -> list[int]:
    """Where the ``_CUED_RE`` matches end: ``_CUED_FILTER.finditer``, tried only at the first words
    whose partner word (``_CUE_FIRST_WORDS``) is in the text, and "i", "my" and "the" only before
    a word a cue can go on with (``_COMMON_FIRSTS``)."""
    words = ctx.words
    keys = words.keys
    firsts = _CUE_FIRSTS_WITH[keys & _CUE_PARTNERS] & keys
    if not firsts:
        return []
    common = firsts & _COMMON_FIRSTS.keys() if len(words.key_list) > _FEW_WORDS else frozenset()
    others = firsts - common
    starts = words.starts(others) if others else []
    if common and not _AFTER_COMMON.isdisjoint(keys):
        positions, key_list = words.positions, words.key_list
        for after in words.starts(_AFTER_COMMON & keys):
            i = bisect.bisect_left(positions, after) - 1  # the word before: a word start is in positions
            if i >= 0 and key_list[i] in common and key_list[i + 1] in _COMMON_FIRSTS[key_list[i]]:
                starts.append(positions[i])
        starts.sort()
    return [m.end() for m in matches_at(_CUED_FILTER.folded.match, words.low, starts)]


def _words_ok(words: str, stop: frozenset[str] = _STREETISH_STOP) -> bool:
    return all(w.lower().rstrip(".,") not in stop for w in words.split())


def _cued_span(m: re.Match[str]) -> tuple[int, int] | None:
    """After a cue the suffix is optional; street words stop at the first common word."""
    end = m.end("house")
    kept = 0
    for w in re.finditer(r"\S+", m.group("words")):
        if w.group(0).lower().rstrip(".,") in _STREETISH_STOP:
            break
        end = m.start("words") + w.end()
        kept += 1
    if kept == 0:
        return None
    if kept == len(m.group("words").split()):
        end = m.end()
    return m.start(), end


def _street_matches(ctx: Context) -> list[tuple[int, int, str]]:
    """Span and street words of the ``_STREET_RE`` matches, tried only at house numbers that have
    a street suffix after them.

    House numbers (digits, number words) are everywhere in a transcript, suffixes are rarer, and
    a match spans at most ``_REACH`` characters and ``_TOKENS_BACK`` whitespace-separated tokens
    before its suffix (a house number of up to seven, up to four street words of up to two;
    fourteen in all from a house number in digits, read digit by digit); so only house numbers
    that close before a suffix can start one. Same matches as ``_STREET_FILTER.finditer``, without
    trying every number.
    """
    if _SUFFIX_FILTER.keys.isdisjoint(ctx.words.keys):
        return []
    text = ctx.text
    low = ctx.words.low
    houses = ctx.words.starts(_STREET_FILTER.keys)
    candidates: list[int] = []
    done = 0  # houses[:done] are already candidates: suffixes come in order, their reaches overlap
    backwards = text[::-1]
    for s in _SUFFIX_FILTER.finditer(ctx.words):
        pos = s.start()
        tokens = _TOKENS_BACK.match(backwards, len(text) - pos)
        if tokens is None:
            continue  # no white space before the suffix: it cannot close a street
        lo = bisect.bisect_left(houses, max(pos - _REACH, len(text) - tokens.end()), done)
        near = bisect.bisect_left(houses, len(text) - tokens.end("digits"), lo)
        done = bisect.bisect_left(houses, pos, near)
        # further back than a house number in digits can be: only the ones said in words (a word
        # starts with an ASCII digit exactly when its first character is at most "9")
        candidates.extend(h for h in houses[lo:near] if low[h] > "9")
        candidates.extend(houses[near:done])
    found = []
    end = 0
    for start in candidates:
        if start < end:
            continue
        m = _STREET_LOW.match(low, start)
        if m is not None:
            tail = _TAIL_RE.match(text, m.end())
            end = tail.end() if tail else m.end()
            found.append((start, end, text[m.start("words") : m.end("words")]))
    return found


def _route_matches(ctx: Context) -> list[tuple[int, int]]:
    """Spans of the ``_ROUTE_LOW`` matches, tried only at the house numbers at most
    ``_ROUTE_TOKENS_BACK`` tokens before a route word with a number after it ("highway 101"):
    route words are rare, house numbers are not. Same matches as trying every house number."""
    if _ROUTE_KEYS.isdisjoint(ctx.words.keys):
        return []
    low = ctx.words.low
    houses: list[int] = []
    backwards = ""
    found: list[tuple[int, int]] = []
    for pos in ctx.words.starts(_ROUTE_KEYS):
        if _ROUTE_AT.match(low, pos) is None:
            continue
        if not backwards:
            houses, backwards = ctx.words.starts(_HOUSE_KEYS), low[::-1]
        tokens = _ROUTE_TOKENS_BACK.match(backwards, len(low) - pos)
        if tokens is None:
            continue  # no white space before the route word: no house number can precede it
        lo = bisect.bisect_left(houses, max(found[-1][1] if found else 0, len(low) - tokens.end()))
        for start in houses[lo : bisect.bisect_left(houses, pos, lo)]:
            m = _ROUTE_LOW.match(low, start)
            if m is not None:
                found.append(m.span())
                break
    return found


def _a_year(ctx: Context, start: int) -> bool:
    """Is the house number at ``start`` a year said after "in", "since", "by"...?"""
    low = ctx.words.low
    return _YEAR_HOUSE.match(low, start) is not None and _BEFORE_A_YEAR.search(low, max(0, start - 8), start) is not None


def _street_ok(ctx: Context, start: int, words: str) -> bool:
    return (
        _words_ok(words, _STREET_WORD_STOP)
        and not _OLD_OR_NEW.issuperset(words.lower().split())  # "3 old road bikes": a street has a name
        and not _a_year(ctx, start)
        and _A_DURATION.match(ctx.words.low, start) is None
    )


def _negative_before(ctx: Context, pos: int) -> bool:
    left = ctx.cues.left(pos)
    return left is not None and left[0].kind in (NEGATIVE, NEGATIVE_ADJACENT)


def _open_street(ctx: Context) -> tuple[int, str, str] | None:
    """Start, house number and street words ("" if none) of ``_OPEN_STREET.search`` over the last
    120 characters, tried only where a house number can start: a word that is a number or a
    number word (``_HOUSE_KEYS``)."""
    if _HOUSE_KEYS.isdisjoint(ctx.words.keys):
        return None
    text = ctx.text
    subject, pattern = (ctx.words.low, _OPEN_STREET_LOW) if text.isascii() else (text, _OPEN_STREET)
    houses = ctx.words.starts(_HOUSE_KEYS)
    for start in houses[bisect.bisect_left(houses, len(text) - 120) :]:
        m = pattern.match(subject, start)
        if m is not None:
            words = text[m.start("words") : m.end("words")] if m.start("words") >= 0 else ""
            return start, text[m.start("house") : m.end("house")], words
    return None


def _open_tail(ctx: Context, starts: list[int], found: list[t.Entity]) -> t.Entity | None:
    """In a partial: an address cut short after its cue, or a house number and street words."""
    text = ctx.text
    for pos in starts:
        lead = _LEAD_IN.match(text, pos)
        at = lead.end() if lead else pos
        m = _OPEN_STREET.match(text, at) or _OPEN_PO_BOX.match(text, at)
        if m and len(text) - m.start() < 120:
            return t.Entity(t.STREET_ADDRESS, m.start(), len(text.rstrip(" \t\n,.#")), "partial", 0.5)
    last = found[-1] if found else None
    if last and last.end < len(text) and (_OPEN_UNIT.fullmatch(text, last.end) or _OPEN_CITY.fullmatch(text, last.end)):
        # "... Elm Drive, apartment": the unit number is coming; "... Elm Drive, austin": the state
        return t.Entity(t.STREET_ADDRESS, last.start, len(text.rstrip(" \t\n,.#")), "partial", 0.6)
    street = _open_street(ctx)
    if street is None:
        return None
    start, house, words = street
    if (
        words
        and _words_ok(words)
        and (house[0].isdigit() or any(w[0].isupper() for w in words.split()))
        and not _negative_before(ctx, start)
    ):
        return t.Entity(t.STREET_ADDRESS, start, len(text.rstrip(" \t\n,.")), "partial", 0.4)
    return None


def detect(ctx: Context) -> list[t.Entity]:
    text = ctx.text
    found: list[t.Entity] = []
    for start, end, words in _street_matches(ctx):
        if _street_ok(ctx, start, words):
            found.append(t.Entity(t.STREET_ADDRESS, start, end, "written", 0.8))
    for start, end in _route_matches(ctx):
        if not (_a_year(ctx, start) or _negative_before(ctx, start)):
            tail = _TAIL_RE.match(text, end)
            found.append(t.Entity(t.STREET_ADDRESS, start, tail.end() if tail else end, "written", 0.8))
    for m in _PO_BOX_FILTER.finditer(ctx.words):
        tail = _TAIL_RE.match(text, m.end())  # "P.O. Box 123, Springfield IL 62704"
        found.append(t.Entity(t.STREET_ADDRESS, m.start(), tail.end() if tail else m.end(), "written", 0.9))
    starts = _cue_ends(ctx)
    # an answer to an address question: the address may open it (the text, or an answer's line)
    for lo, _ in reversed(ctx.hinted(t.STREET_ADDRESS)):
        lead = _LEAD_IN.match(text, lo)
        starts.insert(0, lead.end() if lead else lo)
    if ctx.hint == t.STREET_ADDRESS and ctx.partial:
        # the answer may follow a first sentence: "Sorry, I'm 45. It's 2780 ..."
        starts.extend(m.end() for m in _SENTENCE.finditer(text, max(0, len(text) - 120)))
    for pos in starts:
        tail = _CUED_TAIL_RE.match(text, pos)
        span = _cued_span(tail) if tail else None
        if span and not any(e.start <= span[0] < e.end for e in found):
            found.append(t.Entity(t.STREET_ADDRESS, span[0], span[1], "cued", 0.7))
    found = [t.Entity(e.type, _unit_before(text, e.start), _city_after(text, e.end), e.form, e.score) for e in found]
    if ctx.partial:
        found.sort(key=lambda e: e.end)
        open_tail = _open_tail(ctx, starts, found)
        if open_tail is not None:
            found.append(open_tail)
    return found


TRIGGER_KEYS: frozenset[str] = _STREET_FILTER.keys | _PO_BOX_FILTER.keys | _CUED_FILTER.keys
