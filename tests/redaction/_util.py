"""Assertions shared by the redaction tests: what was hidden, what survived."""

from __future__ import annotations

from redaction import PLACEHOLDERS, redact


def assert_redacts(text: str, entity_type: str, secret: str, hint: str | None = None) -> str:
    """``secret`` (the PII as written in ``text``) is gone and the right placeholder is there."""
    result = redact(text, hint)
    assert PLACEHOLDERS[entity_type] in result.text, (text, result.text, result.entities)
    assert secret not in result.text, (text, result.text)
    return result.text


def assert_keeps(text: str, hint: str | None = None) -> None:
    result = redact(text, hint)
    assert result.text == text, (text, result.text, result.entities)
