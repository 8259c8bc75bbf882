"""Fixed phrase sets, written apart from the generator: wordings it does not produce.

The generator (generator.py) can only make the sentences its templates hold, and a rule that fits
them can still miss how callers really talk. ``phrases/a.jsonl`` to ``phrases/g.jsonl`` are sets
of labelled lines written separately from it, from the rules and from each other (long run-on
answers, relatives, roles, titles, corrections, spelled and mixed IDs, stored conversations, each
in the settings of different kinds of call, and about a third number-heavy lines with no PII).
Each was first scored as it came, before any rule looked at its misses; docs/redaction.md keeps
those first scores, which are the fair measure of how the rules generalise.

Each line is ``{"text", "hint", "entities": [{"type", "value"}], "note"}``; a value is PII
wherever it occurs in the text.

A value counts as hidden when every letter and digit of it is inside some redacted span, of any
type, but for the words a caller puts between the parts of a value, which say nothing of it ("4 5
3 2, no sorry, 4 5 3 9", "area code 916 and then 463 6491"); and as typed when a span of its own
type overlaps it. A line with no entity is kept when nothing in it is redacted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from redaction import redact
from redaction.vocab import CORRECTIONS, FILLERS

Span = tuple[str, int, int]
PhraseEngine = Callable[[str, str | None], list[Span]]
_BETWEEN_PARTS = CORRECTIONS | FILLERS | {"and", "then", "or", "so", "you", "know", "okay", "ok"}
_WORD = re.compile(r"\w+")
SETS = {name: Path(__file__).with_name("phrases") / f"{name}.jsonl" for name in "abcdefg"}


@dataclass
class PhraseScore:
    total: dict[str, int] = field(default_factory=dict)
    covered: dict[str, int] = field(default_factory=dict)
    typed: dict[str, int] = field(default_factory=dict)
    negatives: int = 0
    negatives_kept: int = 0


def load(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def ours(text: str, hint: str | None) -> list[Span]:
    return [(e.type, e.start, e.end) for e in redact(text, hint).entities]


def without_hint(engine: Callable[[str, str | None, bool], list[Span]]) -> PhraseEngine:
    """A baseline of baselines.py, which cannot use the hint."""
    return lambda text, hint: engine(text, None, False)


def score(rows: list[dict[str, object]], engine: PhraseEngine) -> PhraseScore:
    result = PhraseScore()
    for row in rows:
        text = str(row["text"])
        hint = row["hint"] if isinstance(row["hint"], str) else None
        spans = engine(text, hint)
        entities = row["entities"]
        assert isinstance(entities, list)
        if not entities:
            result.negatives += 1
            result.negatives_kept += not spans
        for entity in entities:
            kind, value = entity["type"], entity["value"]
            start = text.find(value)
            while start >= 0:
                end = start + len(value)
                hidden = all(
                    any(a <= w.start() and w.end() <= b for _, a, b in spans)
                    for w in _WORD.finditer(text, start, end)
                    if w.group(0).lower() not in _BETWEEN_PARTS or not w.group(0).isalpha()
                )
                result.total[kind] = result.total.get(kind, 0) + 1
                result.covered[kind] = result.covered.get(kind, 0) + hidden
                result.typed[kind] = result.typed.get(kind, 0) + any(t == kind and a < end and start < b for t, a, b in spans)
                start = text.find(value, end)
    return result
