"""Value types shared by every part of the redaction engine.

They live apart from the engine so that callers (the webhook, the logging filter, storage code)
can import them without pulling in any detector, and so that the one rule that matters most here
is visible in one place: an ``Entity`` never carries the text it matched, so a list of entities can
be stored, logged or counted without leaking the PII it describes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

US_SSN = "US_SSN"
CREDIT_CARD = "CREDIT_CARD"
CARD_CVV = "CARD_CVV"
CARD_EXPIRY = "CARD_EXPIRY"
PHONE_NUMBER = "PHONE_NUMBER"
EMAIL_ADDRESS = "EMAIL_ADDRESS"
DATE_OF_BIRTH = "DATE_OF_BIRTH"
BANK_ACCOUNT = "BANK_ACCOUNT"
BANK_ROUTING = "BANK_ROUTING"
MEDICAL_ID = "MEDICAL_ID"
PERSON = "PERSON"
STREET_ADDRESS = "STREET_ADDRESS"
IP_ADDRESS = "IP_ADDRESS"
IBAN = "IBAN"

# What a placeholder becomes while a redacted text is analysed again: one opaque character per
# character of the placeholder, neither a letter, a digit, a space nor punctuation any detector
# reads. ASCII SUBSTITUTE rather than a symbol such as "\u2588": the word index reads ASCII in C
# and looks at every non-ASCII character in Python, and a transcript holds thousands of these.
MASK = "\x1a"
PLACEHOLDER_RE = re.compile(r"\[[A-Z_]{2,24}_REDACTED\]")


def masked(text: str) -> str:
    """``text`` with every placeholder made opaque: what the detectors read.

    Our own placeholders (hundreds in a redacted transcript) are replaced as plain strings, in C;
    only what else looks like one is left to ``PLACEHOLDER_RE``. The result is the same: a match
    holds no "[" but its first character, so no match overlaps an occurrence of one of ours, and
    one of ours is a whole match wherever it occurs.
    """
    if "_REDACTED]" not in text:
        return text
    for placeholder, opaque in _OPAQUE:
        text = text.replace(placeholder, opaque)
    if "_REDACTED]" in text:
        return PLACEHOLDER_RE.sub(lambda m: MASK * len(m.group(0)), text)
    return text


PLACEHOLDERS: dict[str, str] = {
    US_SSN: "[SSN_REDACTED]",
    CREDIT_CARD: "[CREDITCARD_REDACTED]",
    CARD_CVV: "[CVV_REDACTED]",
    CARD_EXPIRY: "[EXPIRY_REDACTED]",
    PHONE_NUMBER: "[PHONE_REDACTED]",
    EMAIL_ADDRESS: "[EMAIL_REDACTED]",
    DATE_OF_BIRTH: "[DOB_REDACTED]",
    BANK_ACCOUNT: "[BANK_ACCOUNT_REDACTED]",
    BANK_ROUTING: "[ROUTING_REDACTED]",
    MEDICAL_ID: "[MEDICAL_ID_REDACTED]",
    PERSON: "[NAME_REDACTED]",
    STREET_ADDRESS: "[ADDRESS_REDACTED]",
    IP_ADDRESS: "[IP_REDACTED]",
    IBAN: "[IBAN_REDACTED]",
}

ENTITY_TYPES: frozenset[str] = frozenset(PLACEHOLDERS)
_OPAQUE = [(placeholder, MASK * len(placeholder)) for placeholder in PLACEHOLDERS.values()]
if not all(PLACEHOLDER_RE.fullmatch(placeholder) for placeholder in PLACEHOLDERS.values()):
    raise RuntimeError("a placeholder that PLACEHOLDER_RE does not match: masked() would miss it")
# The forms of a number read from its digits or words: its placeholder changes no cue distance.
NUMERIC_FORMS: frozenset[str] = frozenset({"digits", "spoken", "mixed"})

# Numeric types are the ones a caller reads out digit by digit; they share the number parser.
NUMERIC_TYPES: frozenset[str] = frozenset(
    {US_SSN, CREDIT_CARD, CARD_CVV, CARD_EXPIRY, PHONE_NUMBER, BANK_ACCOUNT, BANK_ROUTING, MEDICAL_ID}
)


@dataclass(frozen=True, slots=True)
class Entity:
    """One redacted span of the input: where it was and what kind, never the value itself.

    ``form`` says how it was written ("digits", "spoken", "mixed", "written", "spelled", "cued"...),
    ``validated`` is True when a checksum or numbering-plan check passed, ``score`` is a rough
    confidence in [0, 1].
    """

    type: str
    start: int
    end: int
    form: str = "written"
    score: float = 1.0
    validated: bool = False


@dataclass(frozen=True, slots=True)
class RedactionResult:
    """The redacted text and the entities found, with spans in the *input* text."""

    text: str
    entities: tuple[Entity, ...]


@runtime_checkable
class Recognizer(Protocol):
    """A pluggable detector, e.g. an NER model a deployment wants to add.

    It gets the raw text and the dialogue hint and returns entities with spans in that text.
    None is shipped: the built-in rules cover the structured types, an NER model would mainly
    add names and places said without any cue.
    """

    def recognize(self, text: str, *, hint: str | None) -> Iterable[Entity]: ...


def recognized(recognizers: Iterable[Recognizer], text: str, hint: str | None) -> list[Entity]:
    """What the pluggable ``recognizers`` find in ``text``: spans clipped to it, unknown types
    dropped."""
    found = []
    for recognizer in recognizers:
        for e in recognizer.recognize(text, hint=hint):
            start, end = max(0, e.start), min(len(text), e.end)
            if start < end and e.type in ENTITY_TYPES:
                found.append(Entity(e.type, start, end, e.form, e.score, e.validated))
    return found


def counts_by_type(entities: Iterable[Entity]) -> dict[str, int]:
    """How many entities of each type: what the webhook stores instead of the values."""
    counts: dict[str, int] = {}
    for entity in entities:
        counts[entity.type] = counts.get(entity.type, 0) + 1
    return counts
