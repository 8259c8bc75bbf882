"""Rule-based detectors, one module per family of entity.

Each exposes ``detect(ctx) -> list[Entity]``; the engine runs them in a fixed order and merges the
spans. They share a ``Context`` so the text is scanned for cues once, not once per detector.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from ..cues import CueIndex
from ..numbers import NumberRun
from ..prefilter import WordIndex
from ..types import Entity


@dataclass(slots=True)
class Context:
    text: str
    hint: str | None
    cues: CueIndex
    words: WordIndex
    # the text is a partial transcript: its end is where the caller is still speaking
    partial: bool = False
    found: list[Entity] = field(default_factory=list)
    # In a stored conversation (``redact(..., turns=True)``), the caller lines that answer a
    # question, as (start, end, hint): each is read as the live fragment was, with its own hint.
    answers: list[tuple[int, int, str]] = field(default_factory=list)
    # What the number detector read, for the detectors after it: every number run by its start,
    # in order, and the spans of the tokens that mix letters and digits ("W123456789", "nl70").
    runs: dict[int, NumberRun] = field(default_factory=dict)
    alnum: list[tuple[int, int]] = field(default_factory=list)
    _cover_starts: list[int] = field(default_factory=list)
    _cover_ends: list[int] = field(default_factory=list)
    _answer_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._answer_starts = [a[0] for a in self.answers]

    def answer_at(self, pos: int) -> tuple[int, int, str] | None:
        """The answer line holding ``pos``, as (start, end, hint), if any."""
        i = bisect.bisect_right(self._answer_starts, pos) - 1
        return self.answers[i] if i >= 0 and pos < self.answers[i][1] else None

    def hint_at(self, pos: int) -> str | None:
        """The hint for what is said at ``pos``: its answer's question's, or the text's."""
        if not self.answers:
            return self.hint  # a fragment: one hint for all of it (the webhook's hot path)
        answer = self.answer_at(pos)
        return answer[2] if answer is not None else self.hint

    def fragment_at(self, pos: int) -> tuple[int, int]:
        """Where the fragment holding ``pos`` starts and ends: its answer's line, or the text."""
        answer = self.answer_at(pos)
        return (answer[0], answer[1]) if answer is not None else (0, len(self.text))

    def hinted(self, kind: str) -> list[tuple[int, int]]:
        """The fragments whose hint is ``kind``: the text itself, or the answers that asked for it."""
        spans = [(0, len(self.text))] if self.hint == kind else []
        return spans + [(a, b) for a, b, hint in self.answers if hint == kind]

    def drop(self, superseded: Callable[[Entity], bool]) -> None:
        """Remove earlier detections a later detector knows better about."""
        self.found[:] = [e for e in self.found if not superseded(e)]
        self._cover_starts, self._cover_ends = [], []

    def _cover(self) -> tuple[list[int], list[int]]:
        """The starts of what earlier detectors took, sorted, and the furthest end up to each."""
        if len(self._cover_starts) != len(self.found):
            spans = sorted((e.start, e.end) for e in self.found)
            self._cover_starts = [s for s, _ in spans]
            self._cover_ends = list(itertools.accumulate((e for _, e in spans), max))
        return self._cover_starts, self._cover_ends

    def covered(self, start: int, end: int) -> bool:
        """Is [start, end) entirely inside something an earlier detector already took?"""
        starts, ends = self._cover()
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and ends[i] >= end

    def covered_left_to_right(self) -> Callable[[int, int], bool] | None:
        """``covered`` for one scan whose starts never go back (the runs of a text, in order), or
        None when nothing is taken. A cursor moves along the spans taken, where ``covered`` bisects
        them at every question. Valid while nothing is added to ``found``."""
        starts, ends = self._cover()
        if not starts:
            return None
        n = len(starts)
        k = 0  # how many spans start at or before the last start asked about

        def covered(start: int, end: int) -> bool:
            nonlocal k
            while k < n and starts[k] <= start:
                k += 1
            return k > 0 and ends[k - 1] >= end

        return covered
