"""The engines compared: ours, the reference design's four regexes, Presidio's pattern recognizers.

Each engine is a callable ``(text, question, partial) -> list[(type, start, end)]``. Only ours uses
the assistant's question (through ``infer_hint``) and the partial flag (``transcriptType``), as the
webhook does; the others cannot.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from redaction import infer_hint, redact

Span = tuple[str, int, int]
Engine = Callable[[str, str | None, bool], list[Span]]

REGEXES = {
    "US_SSN": re.compile(r"\b\d{3}-?\d{2}-?\d{4}\b"),
    "CREDIT_CARD": re.compile(r"\b\d{4}[\s-]?\d{4}[\s-]?\d{4}[\s-]?\d{4}\b"),
    "EMAIL_ADDRESS": re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b"),
    "PHONE_NUMBER": re.compile(r"\b\d{3}[-.]?\d{3}[-.]?\d{4}\b"),
}
PRESIDIO_TYPES = {"IBAN_CODE": "IBAN", "DATE_TIME": "DATE_OF_BIRTH", "US_BANK_NUMBER": "BANK_ACCOUNT",
                  "LOCATION": "STREET_ADDRESS", "MEDICAL_LICENSE": "MEDICAL_ID"}  # fmt: skip


def ours(text: str, question: str | None, partial: bool) -> list[Span]:
    hint = infer_hint(question) if question else None
    return [(e.type, e.start, e.end) for e in redact(text, hint, partial=partial).entities]


def ours_stored(text: str, question: str | None, partial: bool) -> list[Span]:
    """Ours on a whole conversation as the end-of-call report stores it (``redact_json`` reads a
    ``transcript`` so): each answer also read with its question's hint."""
    return [(e.type, e.start, e.end) for e in redact(text, partial=partial, turns=True).entities]


def regex4(text: str, question: str | None, partial: bool) -> list[Span]:
    return [(kind, m.start(), m.end()) for kind, rx in REGEXES.items() for m in rx.finditer(text)]


def presidio() -> tuple[Engine | None, str]:
    """Presidio with the no-op NLP engine (no spaCy model), or None and the reason."""
    # tldextract (used by Presidio's e-mail recognizer) tries to download the public suffix list
    # and logs a traceback when offline before falling back to its bundled snapshot
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    try:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        config = {"nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "none"}]}
        nlp = NlpEngineProvider(nlp_configuration=config).create_engine()
        analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
        analyzer.analyze("warm up 415-555-0142", language="en")
    except Exception as exc:  # ImportError, model download attempts, version drift
        return None, f"{type(exc).__name__}: {exc}"

    def run(text: str, question: str | None, partial: bool) -> list[Span]:
        return [(PRESIDIO_TYPES.get(r.entity_type, r.entity_type), r.start, r.end) for r in analyzer.analyze(text, language="en")]

    return run, "presidio-analyzer pattern recognizers, no_op NLP engine, default threshold"
