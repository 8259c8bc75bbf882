"""The words a person's name is read with, and the reader itself.

``read_name`` reads up to four name-like tokens (Unicode letters, inner apostrophes and hyphens,
particles such as "de la", "van der", "bin"), stopping at common words (``NOT_NAMES``); after a
strong cue lowercase speech-to-text output is accepted, after a weak one only capitalised tokens.
``not_a_person`` tells an organisation ("this is Acme Health"), a manner of going ("goes by bus")
or a street named after someone from a person. The cues that decide where a name is read are in
names.py; the vocabulary is here so that every way of finding a name reads it alike.
"""

from __future__ import annotations

import re

from ..vocab import NUMBER_WORDS, STOP_WORDS

TITLE = (
    "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sr", "sra", "herr", "frau", "mme", "mlle",
    "mister", "senhor", "senhora", "senor", "senora", "señor", "señora", "monsieur", "madame", "signor", "signora",
)  # fmt: skip
# Written with its full stop ("dr.", "mrs."), a title can only be followed by a name, so a
# lowercase one is read as after a strong cue; "miss", "doctor" and a bare "ms" are words too
# ("did I miss it", "I have ms").
TITLE_ABBREVIATIONS = frozenset(["mr.", "mrs.", "ms.", "mx.", "dr.", "prof.", "sr.", "sra.", "mme.", "mlle."])
_TITLES = frozenset(TITLE) | TITLE_ABBREVIATIONS

# A name never crosses a line break: in a transcript the next line opens with a speaker label
# ("...thanks\nAI: ..."), not with the rest of the name.
_TOKEN_RE = re.compile(r"(?:[^\S\n]|[,:])*(?:uh|um|er)?(?:[^\S\n]|,)*([^\W\d_](?:[^\W\d_]|['\u2019\-](?=[^\W\d_]))*\.?)")
PARTICLES = frozenset(
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
NOT_NAMES = (
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

# Words that cannot end an English clause, so a clause-final one after a name is part of it
# ("my name is lê an.", "trần thị an"), not the start of a new phrase.
_NEVER_CLAUSE_FINAL = frozenset(["a", "an", "the", "of", "and", "or", "but", "with", "for", "at", "in", "on", "by"])

# A line break ends a clause as the end of the text does: in a transcript the next line is the
# next turn ("User: this is lakshmi venkataraman\nAI: ...").
_CLAUSE_END = re.compile(r"[^\S\n]*(?:[.,!?;\n]|\Z)")

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


def capitalised_name(words: list[str]) -> bool:
    """Can these capitalised words be a name? One of them may be a common word ("May", "Will")
    when another is not."""
    return any(w.lower() not in NOT_NAMES for w in words) and not any(w.lower() in _NEVER_IN_NAME for w in words)


_NEXT_TWO = re.compile(r"[^\S\n]+([^\W\d_][\w'\u2019-]*)(?:[^\S\n]+([^\W\d_][\w'\u2019-]*))?")


def not_a_person(text: str, span: tuple[int, int], cue: str) -> bool:
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


# A capitalised common word inside a name ("Lê An", "Do Van") is part of it, but never these.
_NEVER_IN_NAME = frozenset(
    ["i", "i'm", "i'll", "i'd", "i've", "and", "the", "but", "or", "so", "if", "is", "am", "are", "was", "my",
     "me", "you", "yes", "no", "ok", "okay", "hi", "hey", "thanks", "please", "it", "it's", "that", "this"]
)  # fmt: skip


def read_name(text: str, pos: int, strong: bool, limit: int = 4, cap_stop: bool = True) -> tuple[int, int] | None:
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
            strong = strong or tok.lower() in TITLE_ABBREVIATIONS
            pos = m.end()
            continue
        if start >= 0 and low in PARTICLES and not tok[0].isupper():
            pending_particle = m.start(1)
            pos = m.end()
            continue
        # "my name is Will": a capitalised common word right after a strong cue is a name; at the
        # start of a sentence capitals mean nothing, so cap_stop is off there
        if low in NOT_NAMES and not (
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
        if tok.endswith(".") and len(tok) > 2 and low not in PARTICLES:
            tok = tok[:-1]  # sentence full stop, not an initial
        if start < 0:
            start = m.start(1)
        end = m.start(1) + len(tok)
        pending_particle = -1
        count += 1
        pos = m.start(1) + len(tok)
        if text[pos : pos + 1] in (",", "?", "!", ";") or (text[pos : pos + 1] == "." and len(tok) > 1):
            break
        if low.endswith(("'s", "\u2019s")):
            break  # "dr. ayesha siddiqui's office": what follows a possessive is the person's
    if start >= 0 and pending_particle >= 0 and not text[pos:].strip(" \t\n,."):
        end = len(text.rstrip(" \t\n,."))  # "Ximena de" at the end of a partial: the name goes on
    return (start, end) if start >= 0 else None
