"""PII redaction for voice-call transcripts and Vapi webhook payloads (pure Python, no Django).

Public API::

    redact(text, hint=None, *, recognizers=(), partial=False, turns=None) -> RedactionResult(text, entities)
    redact_json(value) -> (redacted deep copy, list[Entity])
    infer_hint(assistant_text) -> entity type or None
    counts_by_type(entities) -> {type: count}

See docs/redaction.md for the entity table, the forms handled, the evaluation and known limits.
"""

from __future__ import annotations

from .engine import redact
from .hints import infer_hint
from .jsonwalk import MAX_JSON_DEPTH, STRUCTURAL_KEYS, RedactionDepthError, redact_json
from .types import (
    ENTITY_TYPES,
    PLACEHOLDERS,
    Entity,
    Recognizer,
    RedactionResult,
    counts_by_type,
)

__all__ = [
    "ENTITY_TYPES",
    "MAX_JSON_DEPTH",
    "PLACEHOLDERS",
    "STRUCTURAL_KEYS",
    "Entity",
    "Recognizer",
    "RedactionDepthError",
    "RedactionResult",
    "counts_by_type",
    "infer_hint",
    "redact",
    "redact_json",
]
