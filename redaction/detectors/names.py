"""Person names: from cue phrases, titles, family words, the shape of an answer and the hint.

Without an NER model a name is recognisable only by what surrounds it, so this module is a set of
cue phrases ("my name is", "this is", "Mr.", "my husband", "thanks, ...") and frames ("... here",
"it's ..., routing") each followed or preceded by a short name, read by ``name_reader.read_name``.
After a strong cue ("my name is") lowercase STT output is accepted; after a weak one ("this is",
"I'm", "hi") only capitalised tokens are, or a lowercase phrase whose shape can only be a name. A
name found once is found again wherever it is said in the text. Spelled names are in
spelled_names.py. There is deliberately no list of first or last names: it would only know the
names in it. Names said with no cue at all are left to a pluggable NER ``Recognizer``.
"""

from __future__ import annotations

import bisect
import itertools
import re

from .. import types as t
from ..memo import transient_pattern
from ..prefilter import Prefilter, WordIndex, matches_at
from ..vocab import MONTHS
from . import Context
from .name_reader import NOT_NAMES, PARTICLES, TITLE, TITLE_ABBREVIATIONS, capitalised_name, not_a_person, read_name
from .spelled_names import AFTER_LETTERS, spelled_names

# The cue phrases as lists of alternatives, so that each word can be tried with only the ones
# that can start with it (``Prefilter`` with ``groups``).
# Family members and people around a patient: "my son's name is ...", "my husband Tom Becker"
_KIN = (
    "wife|husband|spouse|partner|son|daughter|child|kid|mother|mom|mum|father|dad|brother|sister|grandson"
    "|granddaughter|grandmother|grandma|grandfather|grandpa|aunt|uncle|niece|nephew|cousin|fianc[eé]e?"
    "|boyfriend|girlfriend|friend|neighbou?r|caregiver|roommate|boss|doctor|dentist|nurse|therapist"
)
# What may come between "my" and the family word: "my late father", "my ex-wife", "my older brother"
_KIN_BEFORE = r"(?:late|older|younger|little|big|eldest|oldest|youngest|former|ex-?|step-?)"
# People named by what they are to the caller or to the account, other than family (``_KIN``)
_ROLES = (
    "owner|driver|tenant|landlord|manager|supervisor|agent|representative|rep|technician|adjuster|pharmacist"
    "|physician|surgeon|provider|vet|veterinarian|lawyer|attorney|accountant|advisor|adviser|coworker"
    "|colleague|contact|beneficiary|guarantor|co-?signer|guardian|executor|dependent|insured|policyholder"
    "|payee|recipient|applicant|borrower|employee|hire|sender|buyer|seller|landlady|trainer|coach|instructor"
    "|teacher|tutor|salesman|saleswoman|salesperson|realtor|broker|officer|clerk|bride|groom|client|student"
    "|nanny|babysitter|plumber|electrician|contractor|mechanic|passenger|traveler|traveller|guest|ex"
)
_STRONG = (
    r"(?:(?:my|his|her|their|the|patient'?s|caller'?s|member'?s|full|first|last|middle|maiden"
    rf"|legal|given|family|sur|married|birth|previous|former|real|(?:{_KIN})'?s)\s*)+name"
    # "the name on the account is ...": the cue goes on past "the name"
    r"(?:\s+(?:on|for)\s+(?:the|my|your|this|that)\s+[a-z]+\s+(?:is|was)|\s+on\s+it\s+(?:is|was)|'?s\s+on\s+it,?|\s*(?:is|was|'s|:))?",
    r"name'?s\s+on\s+it,?",
    # a pet's name is no person's: "my dog's name is charlie"
    r"(?<!dog's\s)(?<!cat's\s)(?<!pet's\s)name'?s",
    r"(?<!dog's\s)(?<!cat's\s)(?<!pet's\s)name\s+(?:is|was)",
    r"name\s+(?:on|for)\s+(?:the|my|your|this|that)\s+[a-z]+\s+(?:is|was)",
    r"name\s+on\s+it\s+(?:is|was)",
    r"(?:under|in)\s+the\s+name(?:\s+of)?",
    r"name\s*:",
    r"i\s+go\s+by",
    r"goes\s+by",
    r"speaking\s+with",
    r"you'?re\s+(?:speaking|talking)\s+(?:with|to)",
    r"(?:the\s+)?patient(?:\s+is|\s*:)",
    r"(?:that'?s\s+)?spel(?:led|t)",
    # "the cardholder is ...", but "my cardholder agreement says": without "is" only a capitalised
    # name, as after a weak cue
    r"(?:account|card|policy)\s*holder(?:'?s\s+name)?(?:\s+is|\s*:)(?:\s+me,)?",
    r"on\s+behalf\s+of",
    r"named",
    r"calling\s+for",
    r"looking\s+for",
    r"ask\s+for",
    r"put\s+me\s+through\s+to",
)
_WEAK = (r"this\s+is", r"i'?m", r"i\s+am", r"thanks,?", r"thank\s+you,?", r"hi,?", r"hello,?", r"hey,?", r"bye,?",
         r"goodbye,?", r"dear", r"(?:account|card|policy)\s*holder",
         # "The caller, Maria Gonzalez, verified ...": a summary names the caller in apposition
         r"(?:the\s+)?(?:caller|customer|patient|client|member|cardholder|policyholder),")  # fmt: skip


_CUE_HEAD, _CUE_TAIL = r"(?<![\w'])", r"(?![\w'])"
_CUE_GROUPS = (
    ("strong", "|".join(_STRONG)),
    ("title", "|".join(rf"{title}\.?" for title in TITLE)),
    ("weak", "|".join(_WEAK)),
    # "my daughter, Aisha, will bring me": only a capitalised name, as after "hi"
    (
        "kin",
        rf"(?:my|our|his|her|their)\s+(?:{_KIN_BEFORE}\s*)?(?:{_KIN}),?",
    ),
    # "it's hector salazar, routing ...", "it's under priya raghunathan": see ``_said_as_a_name``
    (
        "its",
        r"(?:it|he|she)'?s(?:\s+under)?|(?:account|card|policy|plan|reservation|booking|ticket|order)(?:'?s|\s+is|\s+was)?"
        r"(?:\s+(?:still|now|currently))?\s+under|(?:booked|registered|listed|reserved|filed|held)\s+under"
        r"|(?:put|book|file|list|register|reserve|hold)\s+(?:it|them|that|this)\s+under",
    ),
)
_CUE_RE = re.compile(
    _CUE_HEAD + "(?:" + "|".join(f"(?P<{name}>{source})" for name, source in _CUE_GROUPS) + ")" + _CUE_TAIL,
    re.IGNORECASE,
)
_NUMBER_NEXT = re.compile(r"\s*[0-9" + t.MASK + "]")  # a placeholder was a value too
# "this is wei." is an introduction; "this is outrageous." is not
_INTRO_ONE = re.compile(r"[^\S\n]+([^\W\d_][\w'\u2019-]*)[^\S\n]*(?:[.,!?\n]|\Z)")
_ADJECTIVE_ENDINGS = ("ous", "ful", "ble", "ive", "ing", "less", "ish")
# Every word of every text is a candidate of some cue ("i", "hi", "thanks", "my"...), and a failed
# attempt of the whole alternation walks all of it: each word is tried with only the cue
# alternatives its key can start, whatever the length of the text.
_CUE_FILTER = Prefilter(_CUE_RE, groups=(_CUE_HEAD, _CUE_GROUPS, _CUE_TAIL), narrow_from=0)


_SENTENCE_START = re.compile(r"[.?!]\s+")
# "this is imogen llewellyn calling": lowercase STT output, but the frame says it is a name
_INTRO_AFTER = re.compile(
    r"[^\S\n]+(?:(?:[^\W\d_][\w'\u2019-]*[^\S\n]+){1,5}(?:calling|speaking|here|from|on\s+the\s+line)\b"
    r"|[^\W\d_][\w'\u2019-]*(?:[^\S\n]+(?:(?:" + "|".join(sorted(PARTICLES)) + r")[^\S\n]+)*[^\W\d_][\w'\u2019-]*){1,2}"
    # "i'm seeing dr. patel": the full stop of a title does not end the clause
    r"(?<!\Wdr)(?<!\Wmr)(?<!\Wms)(?<!\Wmrs)(?<!\Wprof)"
    r"[^\S\n]*(?:[.,!?\n]|\Z|[^\S\n]+(?:if|and|thanks)\b))",
    re.IGNORECASE,
)
# "i'm pulling over", "i'm running late": what the caller is doing, not who they are
_DOING = re.compile(r"[^\S\n]+[a-z]+(?:" + "|".join((*_ADJECTIVE_ENDINGS, "ly")) + r")(?![\w'])")
# "this is lê an calling": short words the reader stops at ("an", "de") between a name and the
# word that frames it as an introduction are the name's.
_UP_TO_FRAME = re.compile(
    r"((?:[^\S\n]+(?:an|" + "|".join(sorted(p for p in PARTICLES if p.isalpha())) + r"))+)"
    r"[^\S\n]+(?:calling|speaking|here|on\s+the\s+line)\b",
    re.IGNORECASE,
)
# "yeah this is wei" at the end of a partial: the rest of the introduction has not been said yet
_OPEN_INTRO = re.compile(
    r"(?<![\w'])(?:this\s+is|i'?m|i\s+am)\s+([^\W\d_][\w'\u2019-]*(?:\s+[^\W\d_][\w'\u2019-]*)?)[\s,.]*\Z",
    re.IGNORECASE,
)
# The word keys (see ``WordIndex``) an ``_OPEN_INTRO`` match can start with: "this", "i" (also of
# "i'm", split at the apostrophe) and "im".
_OPEN_INTRO_KEYS = frozenset(["thi", "i", "im"])
# Two or more letters spelled at the start of an answer, at the end of a partial: "sure, c h"
_OPEN_LETTERS = re.compile(
    r"(?:\A|[.?!,]\s|(?<![\w'])(?:so|ok|okay|sure|yeah|um|uh|right|well|it'?s|is)\s)[\s,]*"
    r"((?:[^\W\d_](?![\w'\u2019])[\s.,\-]*){1,}?[^\W\d_](?![\w'\u2019]))[\s.,\-]*\Z",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    rf"[^\w{t.MASK}]*(?:(?:uh|um|er|yeah|yes|yep|sure|okay|ok|so|well|hi|hello|it'?s|its|it\s+is|this\s+is"
    rf"|i'?m|i\s+am|my\s+name\s+is|my\s+name'?s|name'?s|the\s+name\s+is)(?![\w'])[^\w{t.MASK}]*)*",
    re.IGNORECASE,
)


# "12 oak dr. near the park": "dr." after a house number and a street name is the street's type
_HOUSE_NUMBER_BEFORE = re.compile(r"\d[\w'\u2019-]*(?:\s+[^\W\d_][\w'\u2019-]*){1,3}\s+\Z")


# A short phrase closed by the end of a clause: "it's hector salazar," "it's May Lindqvist.",
# "it's wei zhang if they need"; after a family word also by a verb ("my husband rohit chaudhary
# is the primary").
_PHRASE_WORD = r"[^\W\d_][\w'\u2019-]*"
# A filler may come before the phrase ("the other driver was, um, takoda begay,"), and its last word
# ends there: "and" closes "anastasia petrova and ...", not the "husb" of "husband".
_FILLERS_BEFORE = r"(?:[^\S\n]*,?[^\S\n]+(?:uh|um|er|erm)(?![\w']))*"
_PHRASE = rf"{_FILLERS_BEFORE}[^\S\n]*,?[^\S\n]+({_PHRASE_WORD}(?:[^\S\n]+{_PHRASE_WORD}){{0,4}})(?![\w'\u2019-])[^\S\n]*"
_CLOSED_PHRASE = re.compile(_PHRASE + r"(?:[.,!?;\n]|\Z|(?:if|and|but|so|thanks)\b)", re.IGNORECASE)
# the shortest phrase that a closing word follows: "my husband rohit chaudhary is the primary on the plan"
_PHRASE_BEFORE_A_VERB = re.compile(
    rf"{_FILLERS_BEFORE}[^\S\n]*,?[^\S\n]+({_PHRASE_WORD}(?:[^\S\n]+{_PHRASE_WORD}){{0,4}}?)(?![\w'\u2019-])[^\S\n]*"
    r"(?:[.,!?;\n]|\Z|(?:if|and|but|so|thanks|is|was|has|had|who|will|as|at|on|for|to|from|with|in)\b)",
    re.IGNORECASE,
)
# Endings of the words "it's" is most often followed by that are not names: "it's raining",
# "it's broken", "it's awfully loud", "it's expensive"
_NOT_NAME_ENDINGS = (*_ADJECTIVE_ENDINGS, "ly", "ent", "ant", "ical")  # not "ed" (Ahmed), "ary" (Chaudhary)
# What a family member does, said right after the word for them: "my husband works nights,"
_KIN_VERBS = frozenset(
    ["works", "lives", "says", "wants", "needs", "takes", "gets", "uses", "pays", "handles", "manages",
     "helps", "drives", "comes", "goes", "keeps", "knows", "thinks", "likes", "loves", "hates", "calls",
     "texts", "does", "died", "passed", "moved", "left", "stays", "sees", "gave", "got", "told", "plays",
     "teaches", "owns", "runs", "cooks", "studies", "travels", "reads", "writes", "watches", "smokes", "drinks",
     "sleeps", "eats", "buys", "sells", "cleans", "fixes", "builds", "attends", "visits", "worries", "agrees",
     "disagrees", "insists", "remembers", "forgot", "forgets", "said", "called", "asked", "wanted", "needed",
     "used", "changed", "signed", "graduated", "retired", "remarried", "started", "stopped", "tried", "went",
     "came", "took", "made", "paid", "found", "lost", "bought", "sold", "had", "has", "was", "is"]
)  # fmt: skip
_KIN_VERB = re.compile(r"[\s,]*(" + "|".join(sorted(_KIN_VERBS)) + r")\b", re.IGNORECASE)
# One lowercase word after a family word, said as a name by what follows it: a pause or the end
# ("my son mateo, he's seven", "my brother, pavel"), a possessive ("my daughter emma's date of
# birth") or a number to reach them at ("call my husband ravi at 646 ..."), maybe after a word
# such as "instead" ("call my husband instead, tariq,")
_KIN_ONE = re.compile(
    r"(?:[^\S\n]+(?:instead|too|also|then|though))?[^\S\n]*,?[^\S\n]+([^\W\d_][^\W\d_'\u2019-]+)(?=['\u2019]s\b|[^\S\n]*(?:[.,!?;\n]|\Z)"
    r"|[^\S\n]+(?:at|on)[^\S\n]+(?:[0-9]|(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b)"
    r"|[^\S\n]+(?:will|would|can|could|should|who)\b)",
    re.IGNORECASE,
)
_CAPITALISED_WORDS = re.compile(r"[A-Z][\w'\u2019-]+(?:[^\S\n]+[A-Z][\w'\u2019-]+){1,2}")


def _said_as_a_name(text: str, pos: int, after_kin: bool = False, role: bool = False) -> bool:
    """Is what follows "it's" (or "my father,") at ``pos`` a name, by its shape alone?

    "it's" opens most answers, and most of what follows it is not a name ("it's broken again",
    "it's the blue one"). A name said after it is a short phrase that closes a clause, none of
    whose words is a common word or has the ending of an adjective or a verb form. A lowercase
    name needs two words, since "it's cold." is as likely, or after a ``role`` to be said again
    with more of it ("my trainer was diego, diego castellanos"); a capitalised one may be a common
    word ("It's May Lindqvist.") when another of its words is not.
    """
    m = (_PHRASE_BEFORE_A_VERB if after_kin else _CLOSED_PHRASE).match(text, pos)
    if m is None:
        return False
    said = m.group(1).split()
    if role and _lone_name(said[0]):
        # "my trainer was um, diego, diego castellanos", "the driver was carlos i think, carlos
        # mendoza", "booking's under lindqvist, erik lindqvist": the first word said again with
        # more of the name after the clause closes
        again = [w.strip(",.?!;") for w in text[m.end(1) : m.end(1) + 60].lstrip(" \t,.?\u2026").lower().split("\n")[0].split()]
        k = again.index(said[0].lower()) if said[0].lower() in again[:2] else -1
        full = again[: k + 2] if k >= 0 else []
        if len(full) >= 2 and all(w in PARTICLES or _lone_name(w) for w in full):
            return True
    words = [w for w in said if w.lower() not in PARTICLES]  # "de la", "van", and "le" of "duc le"
    if not words or any(w.lower().endswith(_NOT_NAME_ENDINGS) for w in words):
        return False
    if all(w[0].isupper() and not w.isupper() for w in words):
        return capitalised_name(words)
    return len(said) >= 2 and not any(w.lower() in NOT_NAMES for w in words)


# "can i speak to doctor patel about my results": one lowercase word after a title said in full is
# a name by what follows it, as after a family word (``_KIN_ONE``); but "doctor" is also a word
# that names things of the doctor's ("a doctor appointment.")
_TITLES_SAID_IN_FULL = frozenset(
    ["doctor", "professor", "mister", "senhor", "senhora", "senor", "senora", "señor", "señora", "monsieur", "madame",
     "signor", "signora", "herr", "frau"]
)  # fmt: skip
_TITLE_ONE = re.compile(
    r"[^\S\n]+([^\W\d_][^\W\d_'\u2019-]+)(?=['\u2019]s\b|[^\S\n]*(?:[.,!?;\n]|\Z)"
    r"|[^\S\n]+(?:please|about|at|on|for|to|with|and|today|tomorrow|again|said|says)\b)",
    re.IGNORECASE,
)
_AFTER_A_TITLE_WORD = frozenset(
    ["appointment", "appointments", "visit", "visits", "office", "note", "notes", "bill", "bills", "referral",
     "orders", "order", "approval", "recommendation", "recommendations", "prescription", "instructions", "advice",
     "exam", "checkup", "bag", "degree", "program", "lab", "labs", "results", "report", "records", "fees", "fee"]
)  # fmt: skip


_STRONG_LEAD = re.compile(r"[\s.,\u2026]*(?:(?:it'?s|it\s+is|uh|um|er)(?![\w'])[\s.,\u2026]*)+", re.IGNORECASE)
_WORD_AFTER = re.compile(r"[^\S\n]*(,?)[^\S\n]*([^\W\d_][\w'\u2019-]*)")


def _named_right_after(text: str, pos: int) -> bool:
    """After "my name" with no "is": a name, and not a verb saying what the name does ("my name
    stays on it", "my name changed", "her name should be on it"); set apart by a comma, a word
    ending as a verb does is a name too ("my married name, hughes")."""
    m = _WORD_AFTER.match(text, pos)
    if m is None:
        return True  # the end, or a number: what the reader makes of it
    word = m.group(2)
    if word[0].isupper():
        return True
    return _lone_name(word) and (bool(m.group(1)) or not word.lower().endswith(("s", "ed")))


def _lone_name(word: str) -> bool:
    """Can this one word, said after a family word, be a name? Not a common word, nor a verb of
    what the family member does ("my husband works,"), nor a word with an adjective's or adverb's
    ending ("my son, usually,"), nor a month ("my daughter, april, has": a name or a month, said
    so in lowercase)."""
    low = word.lower()
    return (
        low not in NOT_NAMES
        and low not in _KIN_VERBS
        and low not in MONTHS
        and low.rstrip(".") not in TITLE  # "my neighbor mrs. abernethy": the title is not the name
        and not low.endswith(_NOT_NAME_ENDINGS)
    )


# What a caller says after their name, up to the end of the clause, that is more of it: the name
# said again in full, or the surname after a first name spelled ("tomasz, um, tomasz wiśniewski",
# "sipho, s i p h o, ndlovu", "b as in boy, e, c ... r, becker")
_GOES_ON = re.compile(
    r"[^\S\n]*(?:,|\.\.\.|\u2026|\?)[^\S\n]*(?:(?:uh|um|er|erm)[^\S\n]*,?[^\S\n]*)?"
    r"([^\W\d_][\w'\u2019-]*(?:[^\S\n]+[^\W\d_][\w'\u2019-]*){0,3})(?=[^\S\n]*(?:[.,!?;\n]|\Z))",
    re.IGNORECASE,
)


def _more_of_a_name(word: str, again: bool) -> bool:
    """A word said right after a name that can be more of it: not a common word, and without the
    ending of an adjective or a verb form (``_lone_name``) unless the caller is saying the name
    again in full (``again``: "zhang, zhang xiuying"; but "hector salazar, routing")."""
    low = word.lower()
    if low in PARTICLES:
        return True
    if again:
        return low not in NOT_NAMES and low not in _KIN_VERBS and low not in MONTHS
    return _lone_name(word)


def _goes_on(text: str, e: t.Entity) -> t.Entity:
    """``e`` with the rest of the name said after it (``_GOES_ON``), if it is a person's."""
    if e.type != t.PERSON:
        return e
    m = _GOES_ON.match(text, e.end)
    if m is None:
        return e
    said = m.group(1).split()
    again = said[0].lower() in text[e.start : e.end].lower().split()
    if not all(_more_of_a_name(w, again) for w in said):
        return e
    return t.Entity(e.type, e.start, m.end(1), e.form, e.score, e.validated)


# A capitalised name that opens an utterance, and what after it says it is one: "Maria Gonzalez
# here", "Bukola Adebayo, I'm calling about my bill", "Layla Mansour is my emergency contact",
# "Folake Balogun, date of birth ...". Without the frame after it a capitalised pair at the start
# of a sentence is as often a place or an organisation, which only an NER model can tell apart.
_CAPITAL = "[A-Z\u00c0-\u00de\u0100-\u017f]"  # may match a few lowercase letters: checked with isupper()
# A capitalised name of two or three words (particles between) ending where a search stops
_NAME_BEFORE = re.compile(
    rf"{_CAPITAL}[\w'\u2019-]+(?:[^\S\n]+(?:(?:" + "|".join(sorted(p for p in PARTICLES if p.isalpha())) + r")[^\S\n]+)*"
    rf"{_CAPITAL}[\w'\u2019-]+){{1,2}}\Z"
)
# What may come before a name that opens an utterance, since the start, a line or a sentence
_UTTERANCE_OPENS = re.compile(
    r"(?:\A|[.!?\n:])[^\S\n]*(?:(?:yeah|yes|um|uh|so|okay|ok|oh|hi|hello|hey|and),?[^\S\n]+)*\Z", re.IGNORECASE
)
# What after a name says it is one, and what must come between: "Maria Gonzalez here", "Layla
# Mansour is my sister", "Bukola Adebayo, I'm calling", "Folake Balogun, date of birth ..."
_FRAME_GROUPS = (
    ("here", r"here|speaking|calling"),
    ("kin", rf"is\s+my\s+(?:{_KIN}|emergency\s+contact|contact|caregiver|guardian)"),
    (
        "field",
        r"date\s+of\s+birth|d\.?o\.?b|birthday|born|member|social|ssn|phone|address|account|policy"
        r"|i'?m\s+calling|i\s+am\s+calling",
    ),
)
_FRAME = re.compile(
    _CUE_HEAD + "(?:" + "|".join(f"(?P<{name}>{source})" for name, source in _FRAME_GROUPS) + ")" + _CUE_TAIL,
    re.IGNORECASE,
)
# "is" and "i" are among the commonest words of any text and start a frame: in a long text each
# word is tried with only the frames its key can start (see ``Prefilter``).
_FRAME_FILTER = Prefilter(_FRAME, groups=(_CUE_HEAD, _FRAME_GROUPS, _CUE_TAIL))
_BETWEEN = {"here": re.compile(r",?[^\S\n]+\Z"), "kin": re.compile(r"[^\S\n]+\Z"), "field": re.compile(r",[^\S\n]*\Z")}
# Yet "is" opens a frame only right before "my" ("is my sister"), and "i" only two words before
# "calling" ("i'm calling", split at the apostrophe, "i am calling"): they are found from the
# rarer words that follow them, so the hundreds of others are never tried.
_FRAME_COMMON = frozenset(["is", "i"])
_MY, _CALLING = frozenset(["my"]), frozenset(["cal"])
# In a text of this many words or fewer the few tries of those are cheaper than finding them so.
_FEW_WORDS = 200


def _frame_starts(words: WordIndex) -> list[int]:
    """The words a ``_FRAME`` match can start at, in order: ``_FRAME_FILTER``'s, but "is" and "i"
    only where the words after them can go on with the frame."""
    keys = words.keys & _FRAME_FILTER.keys
    others = keys - _FRAME_COMMON
    starts = words.starts(others) if others else []
    if keys & _FRAME_COMMON:
        positions, key_list = words.positions, words.key_list
        if "is" in keys and "my" in words.keys:
            for after in words.starts(_MY):
                i = bisect.bisect_left(positions, after) - 1  # the word before "my"
                if i >= 0 and key_list[i] == "is":
                    starts.append(positions[i])
        if "i" in keys and "cal" in words.keys:
            for after in words.starts(_CALLING):
                i = bisect.bisect_left(positions, after) - 2  # two words before "calling"
                if i >= 0 and key_list[i] == "i" and key_list[i + 1] in ("m", "am"):
                    starts.append(positions[i])
        starts.sort()
    return starts


def _spellings(alternative: str) -> list[str]:
    """Every word a plain alternative of ``_KIN`` or ``_ROLES`` matches: letters, "[eé]", "x?"."""
    said = [""]
    k = 0
    while k < len(alternative):
        if alternative[k] == "[":
            close = alternative.index("]", k)
            choices, k = list(alternative[k + 1 : close]), close + 1
        else:
            choices, k = [alternative[k]], k + 1
        if alternative[k : k + 1] == "?":
            choices, k = [*choices, ""], k + 1
        said = [start + choice for start in said for choice in choices]
    return said


# The family and role words, as they are written (each word is tried where "is" or "was" follows it)
_ROLE_WORDS = frozenset(word for alternative in f"{_KIN}|{_ROLES}".split("|") for word in _spellings(alternative))
_ROLE_KEYS = frozenset(map(WordIndex.key_of, _ROLE_WORDS))  # their first letters: the cheap test first
_IS_WAS = frozenset(["is", "was"])
_IS_OR_WAS = re.compile(r"(?:is|was)(?![\w'])")


def _named_after_a_role(ctx: Context, found: list[t.Entity]) -> list[t.Entity]:
    """ "the owner is jacqueline moreau", "new hire is wojciech nowak", "my son is Mateo": a role or a
    family word, then "is" or "was", then a name if what follows has a name's shape, as after
    "it's" (``_said_as_a_name``). Found from the "is" and "was" of the text: the words of the roles
    start a great many others ("account", "insurance", "sure" ...), each of which a pattern of
    them would be tried at."""
    words = ctx.words
    if _IS_WAS.isdisjoint(words.keys):
        return []
    text, low, positions, key_list = ctx.text, words.low, words.positions, words.key_list
    extra: list[t.Entity] = []
    for after in words.starts(_IS_WAS):
        i = bisect.bisect_left(positions, after) - 1  # the word before "is"
        while i > 0 and text[positions[i] - 1] == "-":
            i -= 1  # "co-signer": from the start of the hyphenated word
        if i < 0 or key_list[i] not in _ROLE_KEYS or low[positions[i] : after].rstrip() not in _ROLE_WORDS:
            continue
        verb = _IS_OR_WAS.match(low, after)
        if verb is None or not _said_as_a_name(text, verb.end(), role=True):
            continue
        span = read_name(text, verb.end(), True, 4)
        if (
            span
            and not any(e.start <= span[0] and span[1] <= e.end for e in (*found, *extra))
            and not not_a_person(text, span, low[positions[i] : verb.end()])
        ):
            # "carlos i think, carlos mendoza": up to where the name is said again in full
            first = low[span[0] : span[1]].split()[0]
            again = low.find(", " + first + " ", span[1], span[1] + 60)
            end = again if again > 0 and "\n" not in low[span[1] : again] else span[1]
            extra.append(_goes_on(text, t.Entity(t.PERSON, span[0], end, "cued", 0.7)))
    return extra


def _named_before_a_frame(ctx: Context, found: list[t.Entity]) -> list[t.Entity]:
    """A capitalised name that opens an utterance, framed by what follows it (``_FRAME``).

    Without the frame a capitalised pair at the start of a sentence is as often a place or an
    organisation, which only an NER model can tell apart. The frames are found first (by their
    words, see ``_frame_starts``) and the name looked for right before each: most texts have none.
    """
    text = ctx.text
    extra: list[t.Entity] = []
    frames = (
        _FRAME_FILTER.finditer(ctx.words)
        if len(ctx.words.key_list) <= _FEW_WORDS
        else matches_at(_FRAME_FILTER.folded.match, ctx.words.low, _frame_starts(ctx.words))
    )
    for frame in frames:
        between = _BETWEEN[frame.lastgroup or "field"].search(text, max(0, frame.start() - 4), frame.start())
        if between is None:
            continue
        name = _NAME_BEFORE.search(text, max(0, between.start() - 60), between.start())
        if name is None:
            continue
        start, end = name.span()
        words = [w for w in name.group(0).split() if w.lower() not in PARTICLES]
        if (
            all(w[0].isupper() for w in words)
            and _UTTERANCE_OPENS.search(text, max(0, start - 40), start) is not None
            and not any(e.start < end and start < e.end for e in found)
            and capitalised_name(words)
            and not not_a_person(text, (start, end), "")
        ):
            extra.append(t.Entity(t.PERSON, start, end, "capitalised", 0.6))
    return extra


# Spelled letters closing a partial right after a name: "Anke Weiss, W E", "Haddad, H A"
_TRAIL_LETTERS = re.compile(r"[\s,:\-]*(?:[^\W\d_](?![\w'\u2019])[\s.,\-]*)+\Z")


def _ends_with_two_letters(words: WordIndex) -> bool:
    """Are the last two words one character each, and not digits?

    Every match of ``_OPEN_LETTERS`` is so: it ends with two letters, each with no word character
    next to it, and only ``[\\s.,\\-]`` after and between them. The search costs about 5 us.
    """
    last = words.key_list[-2:]
    return len(last) == 2 and len(last[0]) == 1 == len(last[1]) and "#" not in last


def _open_tail(ctx: Context, found: list[t.Entity]) -> None:
    """In a partial: a name still being spelled, or a lowercase name closing "this is ..."."""
    text = ctx.text
    for k, e in enumerate(found):
        if e.end < len(text) and _TRAIL_LETTERS.match(text, e.end):
            found[k] = t.Entity(t.PERSON, e.start, len(text.rstrip(" \t\n,.-")), e.form, e.score)
            return
    keys = ctx.words.keys
    m = _OPEN_LETTERS.search(text, max(0, len(text) - 40)) if _ends_with_two_letters(ctx.words) else None
    if m and not any(e.start <= m.start(1) < e.end for e in found):
        found.append(t.Entity(t.PERSON, m.start(1), m.end(1), "spelled", 0.4))
        return
    m = _OPEN_INTRO.search(text, max(0, len(text) - 60)) if not _OPEN_INTRO_KEYS.isdisjoint(keys) else None
    if m and not any(e.start <= m.start(1) < e.end for e in found):
        span = read_name(text, m.start(1), True, 2)
        if span and span[1] == len(text.rstrip(" \t\n,.")) and not not_a_person(text, span, m.group(0)):
            found.append(t.Entity(t.PERSON, span[0], span[1], "partial", 0.5))


def detect(ctx: Context) -> list[t.Entity]:
    text = ctx.text
    found: list[t.Entity] = []
    for lo, hi in ctx.hinted(t.PERSON):
        # the answer starts the fragment, or a sentence in it ("Sorry, 3 pm works. Maria Lopez.")
        starts = [lo] + [m.end() for m in _SENTENCE_START.finditer(text, lo, hi)]
        for start in starts[:8]:
            lead = _LEAD_IN.match(text, start)
            at = lead.end() if lead else start
            span = read_name(text, at, True, cap_stop=False)
            if span is None and (pair := _CAPITALISED_WORDS.match(text, at)) and capitalised_name(pair.group(0).split()):
                span = pair.span()  # "Will Patterson": a common word, capitalised with a name
            # "suite 625 ...", "page 23 of": a word that a number follows labels the number
            if span and not _NUMBER_NEXT.match(text, span[1]) and not not_a_person(text, span, ""):
                found.append(t.Entity(t.PERSON, span[0], span[1], "hinted", 0.7))
    for m in _CUE_FILTER.finditer(ctx.words):
        family = m.lastgroup
        if (
            family == "title"
            and m.group(0)[:2].lower() == "dr"
            and _HOUSE_NUMBER_BEFORE.search(text, max(0, m.start() - 40), m.start())
        ):
            continue
        weak = m.group(0) if family == "weak" else None
        strong = (
            family == "strong"
            or (family == "title" and m.group(0).lower() in TITLE_ABBREVIATIONS)
            or bool(weak and _INTRO_AFTER.match(text, m.end()) and not _DOING.match(text, m.end()))
            or (family == "its" and _said_as_a_name(text, m.end(), role="under" in m.group(0).lower()))
            or (family == "kin" and not _KIN_VERB.match(text, m.end()) and _said_as_a_name(text, m.end(), True))
        )
        if family == "its" and not strong:
            continue
        if family == "title" and not strong and m.group(0).lower() in _TITLES_SAID_IN_FULL:
            one = _TITLE_ONE.match(text, m.end())
            if one is not None and _lone_name(one.group(1)) and one.group(1).lower() not in _AFTER_A_TITLE_WORD:
                found.append(t.Entity(t.PERSON, one.start(1), one.end(1), "cued", 0.6))
                continue
        if family == "kin" and not strong:
            one = _KIN_ONE.match(text, m.end())
            if one is not None and _lone_name(one.group(1)) and not any(e.start <= one.start(1) < e.end for e in found):
                found.append(t.Entity(t.PERSON, one.start(1), one.end(1), "cued", 0.6))
                continue
        if weak and not strong and weak[:4].lower() == "this":
            one = _INTRO_ONE.match(text, m.end())
            strong = one is not None and not one.group(1).lower().endswith(_ADJECTIVE_ENDINGS)
        if family == "strong" and m.group(0)[-4:].lower() == "name" and not _named_right_after(text, m.end()):
            continue  # "my name stays on it", "her name changed": a verb, where "is" would have been
        span = read_name(text, m.end(), strong, 4 if weak is None else 3)
        if span is None and family == "strong":
            # "my name is... it's mariana": a pause and "it's" before the name
            lead = _STRONG_LEAD.match(text, m.end())
            span = read_name(text, lead.end(), strong, 4) if lead else None
        if span and weak and span[1] - span[0] < 2:
            continue  # "i'm O negative": one capital letter is no name
        framed = _UP_TO_FRAME.match(text, span[1]) if span else None
        if span and framed:
            span = (span[0], framed.end(1))
        if span and not any(e.start <= span[0] < e.end for e in found) and not not_a_person(text, span, m.group(0)):
            form = "cued" if strong else "capitalised"
            found.append(t.Entity(t.PERSON, span[0], span[1], form, 0.8 if strong else 0.6))
    for k, e in enumerate(found):
        after = AFTER_LETTERS.match(text, e.end)
        if after is not None:
            found[k] = t.Entity(t.PERSON, e.start, after.end(1), e.form, e.score)
    if ctx.partial:
        _open_tail(ctx, found)
    found.extend(spelled_names(ctx))
    found = [_goes_on(text, e) for e in found]
    found.extend(_named_after_a_role(ctx, found))
    found.extend(_named_before_a_frame(ctx, found))
    found.extend(_mentioned_again(ctx, found))
    return found


_NAME_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_WORD_END = re.compile(r"(?![\w'\u2019])")


_SPANS_PASSED_OVER = 16


def _mentioned_again(ctx: Context, found: list[t.Entity]) -> list[t.Entity]:
    """The names already found, said again in the same text without a cue: "my name is Tom,
    Tom Becker", "thanks Maria ... Maria, can you confirm". A capitalised name word is found again
    as written; a lowercase name only as the whole name, since "bill" or "grant" alone is a word.
    Only the words whose index key (``WordIndex``) is a name word's are compared.
    """
    text = ctx.text
    # index key -> the capitalised name words, and the lowercase whole names, it starts
    names: dict[str, list[str | re.Pattern[str]]] = {}
    for e in found:
        if e.type != t.PERSON or e.form == "spelled":
            continue
        tokens = _NAME_WORD.findall(text, e.start, e.end)
        if len(tokens) >= 2 and not any(tok[0].isupper() for tok in tokens):
            whole = transient_pattern(r"\s+".join(map(re.escape, tokens)), re.IGNORECASE)
            names.setdefault(WordIndex.key_of(tokens[0]), []).append(whole)
            continue
        for tok in tokens:
            if len(tok) >= 3 and tok[0].isupper() and not tok.isupper() and tok.lower() not in NOT_NAMES:
                same_key = names.setdefault(WordIndex.key_of(tok), [])
                if tok not in same_key:
                    same_key.append(tok)
    if not names:
        return []
    extra: list[t.Entity] = []
    said = sorted((start, key) for key, starts in ctx.words.grouped_starts(frozenset(names)) for start in starts)
    # Is a start inside something found? In a long text the latest end of the spans that start at
    # or before it says, with a bisection instead of a pass over hundreds of spans for each name
    # said again; a fragment's few spans are passed over.
    span_starts: list[int] = []
    latest_ends: list[int] = []
    indexed = len(found) > _SPANS_PASSED_OVER
    for start, key in said:
        if (extra and start < extra[-1].end) or (start and text[start - 1] in "'\u2019"):
            continue
        for name in names[key]:
            if isinstance(name, str):
                end = start + len(name) if text.startswith(name, start) else -1
            else:
                m = name.match(text, start)
                end = m.end() if m is not None else -1
            if end < 0 or not _WORD_END.match(text, end):
                continue
            if not indexed:
                if any(e.start <= start < e.end for e in found):
                    continue  # inside something found
            else:
                if not span_starts:
                    spans = sorted((e.start, e.end) for e in found)
                    span_starts = [a for a, _ in spans]
                    latest_ends = list(itertools.accumulate((b for _, b in spans), max))
                i = bisect.bisect_right(span_starts, start) - 1
                if i >= 0 and latest_ends[i] > start:
                    continue  # inside something found
            # "Tom Becker": the rest of a capitalised name goes with the word found again
            span = read_name(text, start, False, 3)
            extra.append(t.Entity(t.PERSON, start, max(end, span[1] if span else end), "repeated", 0.6))
            break
    return extra


TRIGGER_KEYS: frozenset[str] = _CUE_FILTER.keys
