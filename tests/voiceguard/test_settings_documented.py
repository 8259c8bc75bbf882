"""Every environment variable the settings read is documented where operators look for it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.smoke

ROOT = Path(__file__).resolve().parents[2]
READ = re.compile(r"env\.[a-z_]+\(\s*\"([A-Z][A-Z0-9_]+)\"")


def _variables() -> set[str]:
    found: set[str] = set()
    for module in (ROOT / "voiceguard" / "settings").glob("*.py"):
        found |= set(READ.findall(module.read_text()))
    return found


def test_it_finds_the_variables_it_checks() -> None:
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "VAPI_WEBHOOK_SECRET", "VOICEGUARD_CSP"} <= _variables()


@pytest.mark.parametrize("document", ["docs/deploy.md", ".env.example"])
def test_every_variable_is_documented(document: str) -> None:
    text = (ROOT / document).read_text()

    missing = sorted(name for name in _variables() if not re.search(rf"\b{name}(?:_FILE)?\b", text))

    assert missing == []
