"""redaction/ is the pure core: no file in it may import Django."""

from __future__ import annotations

import ast
from pathlib import Path

import redaction


def test_it_never_imports_django() -> None:
    root = Path(redaction.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            if any(n == "django" or n.startswith("django.") for n in names):
                offenders.append(f"{path}:{node.lineno}")
    assert offenders == []


def test_entities_never_carry_the_value() -> None:
    result = redaction.redact("my social is 219-09-9998")
    assert "219" not in repr(result.entities)
