"""Labels for redacted entity types, and splitting redacted text into text and placeholder chips."""

from __future__ import annotations

import re
from dataclasses import dataclass

from redaction import types as t

LABELS: dict[str, str] = {
    t.US_SSN: "SSN",
    t.CREDIT_CARD: "Card number",
    t.CARD_CVV: "Card CVV",
    t.CARD_EXPIRY: "Card expiry",
    t.PHONE_NUMBER: "Phone",
    t.EMAIL_ADDRESS: "Email",
    t.DATE_OF_BIRTH: "Date of birth",
    t.BANK_ACCOUNT: "Bank account",
    t.BANK_ROUTING: "Routing number",
    t.MEDICAL_ID: "Medical ID",
    t.PERSON: "Name",
    t.STREET_ADDRESS: "Address",
    t.IP_ADDRESS: "IP address",
    t.IBAN: "IBAN",
}
_BY_PLACEHOLDER = {placeholder: entity for entity, placeholder in t.PLACEHOLDERS.items()}
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*_REDACTED\]")


def label_for(entity_type: str) -> str:
    return LABELS.get(entity_type, entity_type.replace("_", " ").title())


def slug_for(entity_type: str) -> str:
    return entity_type.lower().replace("_", "-")


@dataclass(frozen=True)
class Part:
    text: str
    entity_type: str = ""  # set when this part is a placeholder

    @property
    def is_chip(self) -> bool:
        return bool(self.entity_type)

    @property
    def label(self) -> str:
        return label_for(self.entity_type)

    @property
    def slug(self) -> str:
        return slug_for(self.entity_type)


def split_placeholders(text: str) -> list[Part]:
    parts: list[Part] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            parts.append(Part(text[position : match.start()]))
        placeholder = match.group(0)
        parts.append(Part(placeholder, entity_type=_BY_PLACEHOLDER.get(placeholder, placeholder[1:-10] or "REDACTED")))
        position = match.end()
    if position < len(text):
        parts.append(Part(text[position:]))
    return parts


def entity_chips(counts: dict[str, int] | None) -> list[tuple[str, str, int]]:
    """(label, css slug, count) per entity type, most frequent first."""
    if not isinstance(counts, dict):
        return []
    items = [(k, v) for k, v in counts.items() if isinstance(v, int) and v > 0]
    return [(label_for(k), slug_for(k), v) for k, v in sorted(items, key=lambda kv: (-kv[1], kv[0]))]
