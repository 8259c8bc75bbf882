"""Rule-based detectors, one module per family of entity.

Each exposes ``detect(ctx) -> list[Entity]``; the engine runs them in a fixed order and merges the
spans. They share a ``Context`` so the text is scanned for cues once, not once per detector.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

from ..cues import CueIndex
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
    _cover_starts: list[int] = field(default_factory=list)
    _cover_ends: list[int] = field(default_factory=list)

    def covered(self, start: int, end: int) -> bool:
        """Is [start, end) entirely inside something an earlier detector already took?"""
        if len(self._cover_starts) != len(self.found):
            spans = sorted((e.start, e.end) for e in self.found)
            self._cover_starts = [s for s, _ in spans]
            self._cover_ends = list(itertools.accumulate((e for _, e in spans), max))
        i = bisect.bisect_right(self._cover_starts, start) - 1
        return i >= 0 and self._cover_ends[i] >= end
