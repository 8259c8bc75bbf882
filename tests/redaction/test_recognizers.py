"""A deployment's own recognizer (an NER model, say) plugs into ``redact``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from redaction import redact
from redaction.types import PERSON, Entity, Recognizer

_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z_]+")


class CapitalisedWords:
    """A crude stand-in for a model: every capitalised word is a person."""

    def recognize(self, text: str, *, hint: str | None) -> Iterable[Entity]:
        return [Entity(PERSON, m.start(), m.end(), "ner", 0.5) for m in _CAPITALISED.finditer(text)]


class Careless:
    """Spans past the end of the text, empty spans and types the engine does not know."""

    def recognize(self, text: str, *, hint: str | None) -> Iterable[Entity]:
        return [Entity(PERSON, 5, 10_000), Entity(PERSON, 2, 2), Entity("FAVOURITE_COLOUR", 0, 4)]


def test_a_plugged_in_recognizer_redacts_what_it_finds() -> None:
    assert isinstance(CapitalisedWords(), Recognizer)
    result = redact("we met Zorblax yesterday", recognizers=[CapitalisedWords()])
    assert result.text == "we met [NAME_REDACTED] yesterday"
    assert [(e.type, e.start, e.end) for e in result.entities] == [(PERSON, 7, 14)]


def test_a_recognizer_that_reads_a_placeholder_as_a_name_does_not_redact_it_again() -> None:
    once = redact("we met Zorblax yesterday", recognizers=[CapitalisedWords()]).text
    assert redact(once, recognizers=[CapitalisedWords()]).text == once


def test_careless_spans_are_clipped_to_the_text_and_unknown_types_ignored() -> None:
    result = redact("call Ana at noon", recognizers=[Careless()])
    assert result.text == "call [NAME_REDACTED]"
    assert [(e.type, e.start, e.end) for e in result.entities] == [(PERSON, 5, 16)]
