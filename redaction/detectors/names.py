"""Person names: from cue phrases, capitalisation, spelled-out letters and the dialogue hint.

Without an NER model a name is recognisable only by what surrounds it, so this module is a set of
cue phrases ("my name is", "this is", "Mr.", "thanks, ...", "spelled ...") followed by a short
name reader: up to four name-like tokens (Unicode letters, inner apostrophes and hyphens, particles
such as "de la", "van der", "bin"), stopping at common words. After a strong cue ("my name is")
lowercase STT output is accepted; after a weak one ("this is", "I'm", "hi") only capitalised
tokens are. There is deliberately no list of first or last names: it would only know the names
in it. Names said with no cue at all are left to a pluggable NER ``Recognizer``.
"""

from __future__ import annotations

import re
import string

from .. import types as t
from ..prefilter import Prefilter, WordIndex
from ..vocab import NUMBER_WORDS, STOP_WORDS
from . import Context

# The cue phrases as lists of alternatives, so that each word can be tried with only the ones
# that can start with it (``Prefilter`` with ``groups``).
# Family members and people around a patient: "my son's name is ...", "my husband Tom Becker"
_KIN = (
    "wife|husband|spouse|partner|son|daughter|child|kid|mother|mom|mum|father|dad|brother|sister|grandson"
    "|granddaughter|grandmother|grandma|grandfather|grandpa|aunt|uncle|niece|nephew|cousin|fianc[eé]e?"
    "|boyfriend|girlfriend|friend|neighbou?r|caregiver|roommate|boss|doctor|dentist|nurse|therapist"
)
_STRONG = (
    r"(?:(?:my|his|her|their|the|patient'?s|caller'?s|member'?s|full|first|last|middle|maiden"
    rf"|legal|given|family|sur|(?:{_KIN})'?s)\s*)+name\s*(?:is|was|'s|:)?",
    r"name'?s",
    r"name\s+(?:is|was)",
    r"name\s+(?:on|for)\s+(?:the|my|your|this|that)\s+[a-z]+\s+(?:is|was)",
    r"under\s+the\s+name(?:\s+of)?",
    r"name\s*:",
    r"i\s+go\s+by",
    r"goes\s+by",
    r"speaking\s+with",
    r"you'?re\s+(?:speaking|talking)\s+(?:with|to)",
    r"(?:the\s+)?patient(?:\s+is|\s*:)",
    r"(?:that'?s\s+)?spel(?:led|t)",
    r"account\s*holder(?:\s+is)?",
    r"card\s*holder(?:\s+is)?",
    r"on\s+behalf\s+of",
    r"named",
    r"calling\s+for",
    r"looking\s+for",
    r"ask\s+for",
    r"put\s+me\s+through\s+to",
)
_WEAK = (r"this\s+is", r"i'?m", r"i\s+am", r"thanks,?", r"thank\s+you,?", r"hi,?", r"hello,?", r"hey,?", r"bye,?",
         r"goodbye,?", r"dear")  # fmt: skip
_TITLE = ("mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sr", "sra", "herr", "frau", "mme", "mlle")
# Written with its full stop ("dr.", "mrs."), a title can only be followed by a name, so a
# lowercase one is read as after a strong cue; "miss", "doctor" and a bare "ms" are words too
# ("did I miss it", "I have ms").
_TITLE_ABBREVIATIONS = frozenset(["mr.", "mrs.", "ms.", "mx.", "dr.", "prof.", "sr.", "sra.", "mme.", "mlle."])
_TITLES = frozenset(_TITLE) | _TITLE_ABBREVIATIONS


_CUE_HEAD, _CUE_TAIL = r"(?<![\w'])", r"(?![\w'])"
_CUE_GROUPS = (
    ("strong", "|".join(_STRONG)),
    ("title", "|".join(rf"{title}\.?" for title in _TITLE)),
    ("weak", "|".join(_WEAK)),
    # "my daughter, Aisha, will bring me": only a capitalised name, as after "hi"
    ("kin", rf"(?:my|our|his|her|their)\s+(?:{_KIN}),?"),
    # "it's hector salazar, routing ...", "it's under priya raghunathan": see ``_said_as_a_name``
    ("its", r"it'?s(?:\s+under)?|(?:account|card|policy|plan|reservation|booking)(?:'?s|\s+is|\s+was)?\s+under"),
)
_CUE_RE = re.compile(
    _CUE_HEAD + "(?:" + "|".join(f"(?P<{name}>{source})" for name, source in _CUE_GROUPS) + ")" + _CUE_TAIL,
    re.IGNORECASE,
)
# A name never crosses a line break: in a transcript the next line opens with a speaker label
# ("...thanks\nAI: ..."), not with the rest of the name.
_TOKEN_RE = re.compile(r"(?:[^\S\n]|[,:])*(?:uh|um|er)?(?:[^\S\n]|,)*([^\W\d_](?:[^\W\d_]|['\u2019\-](?=[^\W\d_]))*\.?)")
_PARTICLES = frozenset(
    [
        "de",
        "del",
        "della",
        "der",
        "den",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "ter",
        "ten",
        "bin",
        "binti",
        "bint",
        "ibn",
        "al",
        "el",
        "st",
        "st.",
        "mac",
        "mc",
        "y",
        "e",
    ]
)
_NOT_NAMES = (
    STOP_WORDS
    | NUMBER_WORDS
    | frozenset(
        [
            "visa",
            "mastercard",
            "amex",
            "discover",
            "gmail",
            "yahoo",
            "hotmail",
            "outlook",
            "dot",
            "at",
            "com",
            "street",
            "avenue",
            "road",
            "social",
            "security",
            "ssn",
            "dob",
            "insurance",
            "medicare",
            "medicaid",
        ]
    )
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
_AFTER_LETTERS = re.compile(
    r"[\s,:\-]*(?<![\w'\u2019])(" + _LETTER.format(n=2) + r"(?:[\s.,\-]{1,3}" + _LETTER.format(n=3) + r")+)(?![\w'\u2019])"
)
# Words that cannot end an English clause, so a clause-final one after a name is part of it
# ("my name is lê an.", "trần thị an"), not the start of a new phrase.
_NEVER_CLAUSE_FINAL = frozenset(["a", "an", "the", "of", "and", "or", "but", "with", "for", "at", "in", "on", "by"])
_NUMBER_NEXT = re.compile(r"\s*[0-9" + t.MASK + "]")  # a placeholder was a value too
# A line break ends a clause as the end of the text does: in a transcript the next line is the
# next turn ("User: this is lakshmi venkataraman\nAI: ...").
_CLAUSE_END = re.compile(r"[^\S\n]*(?:[.,!?;\n]|\Z)")
# "this is wei." is an introduction; "this is outrageous." is not
_INTRO_ONE = re.compile(r"[^\S\n]+([^\W\d_][\w'\u2019-]*)[^\S\n]*(?:[.,!?\n]|\Z)")
_ADJECTIVE_ENDINGS = ("ous", "ful", "ble", "ive", "ing", "less", "ish")
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
# Every word of every text is a candidate of some cue ("i", "hi", "thanks", "my"...), and a failed
# attempt of the whole alternation walks all of it: each word is tried with only the cue
# alternatives its key can start, whatever the length of the text.
_CUE_FILTER = Prefilter(_CUE_RE, groups=(_CUE_HEAD, _CUE_GROUPS, _CUE_TAIL), narrow_from=0)


_SENTENCE_START = re.compile(r"[.?!]\s+")
# "this is imogen llewellyn calling": lowercase STT output, but the frame says it is a name
_INTRO_AFTER = re.compile(
    r"[^\S\n]+(?:(?:[^\W\d_][\w'\u2019-]*[^\S\n]+){1,5}(?:calling|speaking|here|from|on\s+the\s+line)\b"
    r"|[^\W\d_][\w'\u2019-]*(?:[^\S\n]+(?:(?:" + "|".join(sorted(_PARTICLES)) + r")[^\S\n]+)*[^\W\d_][\w'\u2019-]*){1,2}"
    # "i'm seeing dr. patel": the full stop of a title does not end the clause
    r"(?<!\Wdr)(?<!\Wmr)(?<!\Wms)(?<!\Wmrs)(?<!\Wprof)"
    r"[^\S\n]*(?:[.,!?\n]|\Z|[^\S\n]+(?:if|and|thanks)\b))",
    re.IGNORECASE,
)
# "this is lê an calling": short words the reader stops at ("an", "de") between a name and the
# word that frames it as an introduction are the name's.
_UP_TO_FRAME = re.compile(
    r"((?:[^\S\n]+(?:an|" + "|".join(sorted(p for p in _PARTICLES if p.isalpha())) + r"))+)"
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


# The words that make an introduction an organisation's: "this is Acme Health", "thanks for
# calling Mercy Hospital Billing". A person's name is never one of these, so a span holding one
# is kept, unless the cue itself says a name follows ("my name is ...", "spelled ...").
_ORGANISATION = frozenset(
    ["health", "healthcare", "hospital", "hospitals", "clinic", "clinics", "pharmacy", "medical", "dental",
     "insurance", "bank", "banking", "financial", "credit", "union", "mutual", "trust", "group", "inc", "llc",
     "ltd", "corp", "corporation", "company", "services", "service", "center", "centre", "solutions",
     "associates", "partners", "labs", "laboratories", "systems", "foundation", "university", "college",
     "school", "care", "billing", "support", "department", "dept", "office", "wellness", "therapy",
     "pharmaceuticals", "airlines", "wireless", "telecom", "energy", "utilities", "helpdesk", "plumbing",
     "electric", "electrical", "heating", "cooling", "roofing", "construction", "motors", "repair", "repairs",
     "cleaning", "landscaping", "realty", "properties", "logistics", "shipping", "transport", "travel", "hotel",
     "hotels", "restaurant", "bakery", "store", "stores", "market", "salon", "spa", "fitness", "law", "legal",
     "firm", "accounting", "consulting", "agency", "studio", "media", "software", "technologies", "networks",
     "communications", "cable", "internet", "rentals", "storage", "veterinary", "vet", "optical", "pediatrics",
     "dermatology", "cardiology", "orthopedics", "radiology", "urgent", "family", "practice"]
)  # fmt: skip
# After "goes by" / "I go by" a manner, not a name: "he goes by bus", "time goes by so fast".
_NOT_AFTER_BY = frozenset(
    ["bus", "car", "train", "foot", "plane", "air", "taxi", "cab", "boat", "bike", "bicycle", "subway", "metro",
     "tram", "ferry", "sea", "land", "mail", "post", "text", "fax", "appointment", "default", "chance",
     "mistake", "accident", "fast", "quickly", "slowly", "quick", "slow", "ambulance", "shuttle", "uber", "lyft"]
)  # fmt: skip
_NAMING_CUE = re.compile(r"name|spel|patient|holder", re.IGNORECASE)
# "Dr. Martin Luther King Boulevard": a name that a street type follows is the street's.
_STREET_TYPES = frozenset(
    ["street", "avenue", "ave", "road", "boulevard", "blvd", "drive", "parkway", "pkwy", "highway", "hwy",
     "freeway", "expressway", "turnpike"]
)  # fmt: skip
# "12 oak dr. near the park": "dr." after a house number and a street name is the street's type
_HOUSE_NUMBER_BEFORE = re.compile(r"\d[\w'\u2019-]*(?:\s+[^\W\d_][\w'\u2019-]*){1,3}\s+\Z")


# A short phrase closed by the end of a clause: "it's hector salazar," "it's May Lindqvist."
# A short phrase closed by the end of a clause: "it's hector salazar," "it's May Lindqvist.",
# "it's wei zhang if they need"; after a family word also by a verb ("my husband rohit chaudhary
# is the primary").
_PHRASE = r"[^\S\n]*,?[^\S\n]+([^\W\d_][\w'\u2019-]*(?:[^\S\n]+[^\W\d_][\w'\u2019-]*){0,4})[^\S\n]*"
_CLOSED_PHRASE = re.compile(_PHRASE + r"(?:[.,!?;\n]|\Z|(?:if|and|but|so|thanks)\b)", re.IGNORECASE)
_PHRASE_BEFORE_A_VERB = re.compile(
    _PHRASE + r"(?:[.,!?;\n]|\Z|(?:if|and|but|so|thanks|is|was|has|had|who|will)\b)", re.IGNORECASE
)
# Endings of the words "it's" is most often followed by that are not names: "it's raining",
# "it's broken", "it's awfully loud", "it's expensive"
_NOT_NAME_ENDINGS = (*_ADJECTIVE_ENDINGS, "ly", "ent", "ant", "ical")  # not "ed" (Ahmed), "ary" (Chaudhary)
# What a family member does, said right after the word for them: "my husband works nights,"
_KIN_VERBS = frozenset(
    ["works", "lives", "says", "wants", "needs", "takes", "gets", "uses", "pays", "handles", "manages",
     "helps", "drives", "comes", "goes", "keeps", "knows", "thinks", "likes", "loves", "hates", "calls",
     "texts", "does", "died", "passed", "moved", "left", "stays", "sees", "gave", "got", "told"]
)  # fmt: skip
_KIN_VERB = re.compile(r"[\s,]*(" + "|".join(sorted(_KIN_VERBS)) + r")\b", re.IGNORECASE)
_CAPITALISED_WORDS = re.compile(r"[A-Z][\w'\u2019-]+(?:[^\S\n]+[A-Z][\w'\u2019-]+){1,2}")


def _said_as_a_name(text: str, pos: int, after_kin: bool = False) -> bool:
    """Is what follows "it's" (or "my father,") at ``pos`` a name, by its shape alone?

    "it's" opens most answers, and most of what follows it is not a name ("it's broken again",
    "it's the blue one"). A name said after it is a short phrase that closes a clause, none of
    whose words is a common word or has the ending of an adjective or a verb form. A lowercase
    name needs two words, since "it's cold." is as likely; a capitalised one may be a common word
    ("It's May Lindqvist.") when another of its words is not.
    """
    m = (_PHRASE_BEFORE_A_VERB if after_kin else _CLOSED_PHRASE).match(text, pos)
    if m is None:
        return False
    said = m.group(1).split()
    words = [w for w in said if w.lower() not in _PARTICLES]  # "de la", "van", and "le" of "duc le"
    if not words or any(w.lower().endswith(_NOT_NAME_ENDINGS) for w in words):
        return False
    if all(w[0].isupper() and not w.isupper() for w in words):
        return _capitalised_name(words)
    return len(said) >= 2 and not any(w.lower() in _NOT_NAMES for w in words)


def _capitalised_name(words: list[str]) -> bool:
    """Can these capitalised words be a name? One of them may be a common word ("May", "Will")
    when another is not."""
    return any(w.lower() not in _NOT_NAMES for w in words) and not any(w.lower() in _NEVER_IN_NAME for w in words)


# A capitalised name that opens an utterance, and what after it says it is one: "Maria Gonzalez
# here", "Bukola Adebayo, I'm calling about my bill", "Layla Mansour is my emergency contact",
# "Folake Balogun, date of birth ...". Without the frame after it a capitalised pair at the start
# of a sentence is as often a place or an organisation, which only an NER model can tell apart.
_CAPITAL = "[A-Z\u00c0-\u00de\u0100-\u017f]"  # may match a few lowercase letters: checked with isupper()
# A capitalised name of two or three words (particles between) ending where a search stops
_NAME_BEFORE = re.compile(
    rf"{_CAPITAL}[\w'\u2019-]+(?:[^\S\n]+(?:(?:" + "|".join(sorted(p for p in _PARTICLES if p.isalpha())) + r")[^\S\n]+)*"
    rf"{_CAPITAL}[\w'\u2019-]+){{1,2}}\Z"
)
# What may come before a name that opens an utterance, since the start, a line or a sentence
_UTTERANCE_OPENS = re.compile(
    r"(?:\A|[.!?\n:])[^\S\n]*(?:(?:yeah|yes|um|uh|so|okay|ok|oh|hi|hello|hey|and),?[^\S\n]+)*\Z", re.IGNORECASE
)
# What after a name says it is one, and what must come between: "Maria Gonzalez here", "Layla
# Mansour is my sister", "Bukola Adebayo, I'm calling", "Folake Balogun, date of birth ..."
_FRAME = re.compile(
    rf"(?<![\w'])(?:(?P<here>here|speaking|calling)|(?P<kin>is\s+my\s+(?:{_KIN}|emergency\s+contact|contact|caregiver"
    r"|guardian))|(?P<field>date\s+of\s+birth|d\.?o\.?b|birthday|born|member|social|ssn|phone|address|account|policy"
    r"|i'?m\s+calling|i\s+am\s+calling))(?![\w'])",
    re.IGNORECASE,
)
_FRAME_FILTER = Prefilter(_FRAME)
_BETWEEN = {"here": re.compile(r",?[^\S\n]+\Z"), "kin": re.compile(r"[^\S\n]+\Z"), "field": re.compile(r",[^\S\n]*\Z")}


def _named_before_a_frame(ctx: Context, found: list[t.Entity]) -> list[t.Entity]:
    """A capitalised name that opens an utterance, framed by what follows it (``_FRAME``).

    Without the frame a capitalised pair at the start of a sentence is as often a place or an
    organisation, which only an NER model can tell apart. The frames are found first (by their
    words, see ``Prefilter``) and the name looked for right before each: most texts have none.
    """
    text = ctx.text
    extra: list[t.Entity] = []
    for frame in _FRAME_FILTER.finditer(ctx.words):
        between = _BETWEEN[frame.lastgroup or "field"].search(text, max(0, frame.start() - 4), frame.start())
        if between is None:
            continue
        name = _NAME_BEFORE.search(text, max(0, between.start() - 60), between.start())
        if name is None:
            continue
        start, end = name.span()
        words = [w for w in name.group(0).split() if w.lower() not in _PARTICLES]
        if (
            all(w[0].isupper() for w in words)
            and _UTTERANCE_OPENS.search(text, max(0, start - 40), start) is not None
            and not any(e.start < end and start < e.end for e in found)
            and _capitalised_name(words)
            and not _not_a_person(text, (start, end), "")
        ):
            extra.append(t.Entity(t.PERSON, start, end, "capitalised", 0.6))
    return extra


_NEXT_TWO = re.compile(r"[^\S\n]+([^\W\d_][\w'\u2019-]*)(?:[^\S\n]+([^\W\d_][\w'\u2019-]*))?")


def _not_a_person(text: str, span: tuple[int, int], cue: str) -> bool:
    """Is the name read after ``cue`` an organisation or, after "goes by", a manner of going?

    The two words right after the name count too, while they are capitalised or organisation
    words: the reader stops at a common word, so of "this is Lakeview Credit Union" it reads only
    "Lakeview"; but of "this is Dana from billing" the name is "Dana".
    """
    said = text[span[0] : span[1]]
    words = [w.strip(".,'\u2019").lower() for w in said.split()]
    if cue[-2:].lower() == "by" and words[0] in _NOT_AFTER_BY:
        return True
    if _NAMING_CUE.search(cue) is not None or said.endswith(("'s", "\u2019s")):
        return False  # "Dr. Yoon's office": what follows a possessive is the person's
    after = _NEXT_TWO.match(text, span[1])
    for word in after.groups() if after is not None else ():
        if word and word.lower() in _STREET_TYPES:
            return True
        if not word or not (word[0].isupper() or word.lower() in _ORGANISATION):
            break
        words.append(word.lower())
    return not _ORGANISATION.isdisjoint(words) or not _STREET_TYPES.isdisjoint(words)


# Spelled letters closing a partial right after a name: "Anke Weiss, W E", "Haddad, H A"
_TRAIL_LETTERS = re.compile(r"[\s,:\-]*(?:[^\W\d_](?![\w'\u2019])[\s.,\-]*)+\Z")
# A capitalised common word inside a name ("Lê An", "Do Van") is part of it, but never these.
_NEVER_IN_NAME = frozenset(
    ["i", "i'm", "i'll", "i'd", "i've", "and", "the", "but", "or", "so", "if", "is", "am", "are", "was", "my",
     "me", "you", "yes", "no", "ok", "okay", "hi", "hey", "thanks", "please", "it", "it's", "that", "this"]
)  # fmt: skip


def _read_name(text: str, pos: int, strong: bool, limit: int = 4, cap_stop: bool = True) -> tuple[int, int] | None:
    """Name tokens starting at pos: (start, end) of the name, or None."""
    start = end = -1
    count = 0
    pending_particle = -1
    titled = capitalised = False
    while count < limit:
        m = _TOKEN_RE.match(text, pos)
        if m is None:
            break
        tok = m.group(1)
        low = tok.lower().rstrip(".")
        # "this is Dr. Okafor", "i'm seeing dr. patel": the title is not the name, and after
        # "dr." only a name can follow
        if start < 0 and not titled and low in _TITLES:
            titled = True
            strong = strong or tok.lower() in _TITLE_ABBREVIATIONS
            pos = m.end()
            continue
        if start >= 0 and low in _PARTICLES and not tok[0].isupper():
            pending_particle = m.start(1)
            pos = m.end()
            continue
        # "my name is Will": a capitalised common word right after a strong cue is a name; at the
        # start of a sentence capitals mean nothing, so cap_stop is off there
        if low in _NOT_NAMES and not (
            (cap_stop and strong and tok[0].isupper() and count == 0 and low not in _NEVER_IN_NAME)
            or (count > 0 and tok[0].isupper() and not tok.isupper() and len(low) <= 3 and low not in _NEVER_IN_NAME)
            or (
                count > 0 and strong and low in _NEVER_CLAUSE_FINAL and _CLAUSE_END.match(text, m.start(1) + len(tok.rstrip(".")))
            )
        ):
            break
        if not tok[0].isupper() and (not strong or capitalised):
            break  # "this is Natalia Sokolova returning a call": a name said in capitals ends at lowercase
        capitalised = capitalised or tok[0].isupper()
        if tok.endswith(".") and len(tok) > 2 and low not in _PARTICLES:
            tok = tok[:-1]  # sentence full stop, not an initial
        if start < 0:
            start = m.start(1)
        end = m.start(1) + len(tok)
        pending_particle = -1
        count += 1
        pos = m.start(1) + len(tok)
        if text[pos : pos + 1] in (",", "?", "!", ";") or (text[pos : pos + 1] == "." and len(tok) > 1):
            break
    if start >= 0 and pending_particle >= 0 and not text[pos:].strip(" \t\n,."):
        end = len(text.rstrip(" \t\n,."))  # "Ximena de" at the end of a partial: the name goes on
    return (start, end) if start >= 0 else None


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
        span = _read_name(text, m.start(1), True, 2)
        if span and span[1] == len(text.rstrip(" \t\n,.")) and not _not_a_person(text, span, m.group(0)):
            found.append(t.Entity(t.PERSON, span[0], span[1], "partial", 0.5))


_SPELLING_KEYS = frozenset(["dou", "tri"])
_ASCII_SPELLING_KEYS = _SPELLING_KEYS | frozenset(string.ascii_lowercase) | {c + c for c in string.ascii_lowercase}


def _spelling_keys(words: WordIndex) -> frozenset[str]:
    """The keys (see ``WordIndex``) of the words a spelling can start with: one letter, a doubled
    letter ("SS") or "double"/"triple". The keys of an ASCII text are ASCII, so there one C-level
    intersection finds them."""
    if words.low.isascii():
        return words.keys & _ASCII_SPELLING_KEYS
    return frozenset(k for k in words.keys if (len(k) == 1 and k != "#") or (len(k) == 2 and k[0] == k[1]) or k in _SPELLING_KEYS)


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


def _spelled_names(ctx: Context) -> list[t.Entity]:
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
        if letters in _ACRONYMS:
            continue
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


def detect(ctx: Context) -> list[t.Entity]:
    text = ctx.text
    found: list[t.Entity] = []
    for lo, hi in ctx.hinted(t.PERSON):
        # the answer starts the fragment, or a sentence in it ("Sorry, 3 pm works. Maria Lopez.")
        starts = [lo] + [m.end() for m in _SENTENCE_START.finditer(text, lo, hi)]
        for start in starts[:8]:
            lead = _LEAD_IN.match(text, start)
            at = lead.end() if lead else start
            span = _read_name(text, at, True, cap_stop=False)
            if span is None and (pair := _CAPITALISED_WORDS.match(text, at)) and _capitalised_name(pair.group(0).split()):
                span = pair.span()  # "Will Patterson": a common word, capitalised with a name
            # "suite 625 ...", "page 23 of": a word that a number follows labels the number
            if span and not _NUMBER_NEXT.match(text, span[1]) and not _not_a_person(text, span, ""):
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
            or (family == "title" and m.group(0).lower() in _TITLE_ABBREVIATIONS)
            or bool(weak and _INTRO_AFTER.match(text, m.end()))
            or (family == "its" and _said_as_a_name(text, m.end()))
            or (family == "kin" and not _KIN_VERB.match(text, m.end()) and _said_as_a_name(text, m.end(), True))
        )
        if family == "its" and not strong:
            continue
        if weak and not strong and weak[:4].lower() == "this":
            one = _INTRO_ONE.match(text, m.end())
            strong = one is not None and not one.group(1).lower().endswith(_ADJECTIVE_ENDINGS)
        span = _read_name(text, m.end(), strong, 4 if weak is None else 3)
        framed = _UP_TO_FRAME.match(text, span[1]) if span else None
        if span and framed:
            span = (span[0], framed.end(1))
        if span and not any(e.start <= span[0] < e.end for e in found) and not _not_a_person(text, span, m.group(0)):
            form = "cued" if strong else "capitalised"
            found.append(t.Entity(t.PERSON, span[0], span[1], form, 0.8 if strong else 0.6))
    for k, e in enumerate(found):
        after = _AFTER_LETTERS.match(text, e.end)
        if after is not None:
            found[k] = t.Entity(t.PERSON, e.start, after.end(1), e.form, e.score)
    if ctx.partial:
        _open_tail(ctx, found)
    found.extend(_spelled_names(ctx))
    found.extend(_named_before_a_frame(ctx, found))
    found.extend(_mentioned_again(ctx, found))
    return found


_NAME_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_WORD_END = re.compile(r"(?![\w'\u2019])")


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
            whole = re.compile(r"\s+".join(map(re.escape, tokens)), re.IGNORECASE)
            names.setdefault(WordIndex.key_of(tokens[0]), []).append(whole)
            continue
        for tok in tokens:
            if len(tok) >= 3 and tok[0].isupper() and not tok.isupper() and tok.lower() not in _NOT_NAMES:
                same_key = names.setdefault(WordIndex.key_of(tok), [])
                if tok not in same_key:
                    same_key.append(tok)
    if not names:
        return []
    extra: list[t.Entity] = []
    said = sorted((start, key) for key, starts in ctx.words.grouped_starts(frozenset(names)) for start in starts)
    for start, key in said:
        if (extra and start < extra[-1].end) or (start and text[start - 1] in "'\u2019"):
            continue
        for name in names[key]:
            if isinstance(name, str):
                end = start + len(name) if text.startswith(name, start) else -1
            else:
                m = name.match(text, start)
                end = m.end() if m is not None else -1
            if end < 0 or not _WORD_END.match(text, end) or any(e.start <= start < e.end for e in found):
                continue
            # "Tom Becker": the rest of a capitalised name goes with the word found again
            span = _read_name(text, start, False, 3)
            extra.append(t.Entity(t.PERSON, start, max(end, span[1] if span else end), "repeated", 0.6))
            break
    return extra


TRIGGER_KEYS: frozenset[str] = _CUE_FILTER.keys
