"""Span scoring: recall (every letter and digit of a gold span hidden), precision, F2, words kept.

Recall is type-agnostic on purpose: what matters for compliance is that nothing leaks, and the
engines name types differently. A gold span counts as caught only if *all* its letters and digits
are covered by the engine's spans. A predicted span is a true positive if it overlaps any gold
span. Non-PII words kept = words outside every gold span that no predicted span touches.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from .baselines import Span
from .fragments import Fragment

_WORD = re.compile(r"\w+")


@dataclass
class Tally:
    caught: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.caught += ok
        self.total += 1

    @property
    def rate(self) -> float:
        return self.caught / self.total if self.total else float("nan")


@dataclass
class Score:
    recall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    recall_form: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    recall_partial: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    precision: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    words: Tally = field(default_factory=Tally)
    latencies: list[float] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def all_recall(self) -> Tally:
        return Tally(sum(t.caught for t in self.recall.values()), sum(t.total for t in self.recall.values()))

    def all_precision(self) -> Tally:
        return Tally(sum(t.caught for t in self.precision.values()), sum(t.total for t in self.precision.values()))

    def p(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")

    def mean(self) -> float:
        return statistics.fmean(self.latencies) if self.latencies else float("nan")


def f2(recall: float, precision: float) -> float:
    if not recall or not precision or recall != recall or precision != precision:
        return 0.0
    return 5 * precision * recall / (4 * precision + recall)


def score(score: Score, fragment: Fragment, spans: list[Span]) -> None:
    text = fragment.text
    covered = bytearray(len(text))
    for _, start, end in spans:
        covered[max(0, start) : max(0, end)] = b"\x01" * (max(0, end) - max(0, start))
    for g in fragment.gold:
        ok = all(covered[i] for i in range(g.start, g.end) if text[i].isalnum())
        table = score.recall_partial if fragment.partial else score.recall
        table[g.type].add(ok)
        if not fragment.partial:
            score.recall_form[(g.type, g.form.split(":")[0])].add(ok)
        if not ok and len(score.missed) < 400:
            score.missed.append(f"{g.type}/{g.form}/{fragment.context}/{'P' if fragment.partial else 'F'}: {text!r}")
    for kind, start, end in spans:
        tp = any(g.start < end and start < g.end for g in fragment.gold)
        score.precision[kind].add(tp)
        if not tp and len(score.false_positives) < 400:
            score.false_positives.append(f"{kind}: {text[start:end]!r} in {text!r}")
    for m in _WORD.finditer(text):
        if any(g.start < m.end() and m.start() < g.end for g in fragment.gold):
            continue
        score.words.add(not any(covered[m.start() : m.end()]))
