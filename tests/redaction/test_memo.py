"""What the engine remembers of a caller's numbers lives only as long as the call that read them."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

import pytest

from redaction import memo, redact, redact_json
from redaction.types import Entity

SSN_SPOKEN = "my social is one two three, four five, six seven eight nine"


class Spy:
    """A recognizer that looks at the memo while the engine is inside a call."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.memos: list[dict[Any, Any]] = []
        self.sizes: list[int] = []
        self.snapshots: list[str] = []

    def recognize(self, text: str, *, hint: str | None) -> Iterable[Entity]:
        current = memo._memo.get()
        assert current is not None
        self.memos.append(current)
        self.sizes.append(len(current))
        self.snapshots.append(repr(list(current.items())))
        if self.fail:
            raise RuntimeError("model unavailable")
        return []


def test_the_callers_number_is_remembered_during_the_call_and_forgotten_after() -> None:
    spy = Spy()
    result = redact(SSN_SPOKEN, recognizers=[spy])
    assert result.text == "my social is [SSN_REDACTED]"
    # while the call ran, the memo held the number it read (which is why it must not outlive it)
    assert spy.sizes[0] > 0
    assert "123456789" in spy.snapshots[0]
    assert all(m == {} for m in spy.memos)
    assert not memo.in_scope()


def test_the_memo_is_forgotten_when_the_call_raises() -> None:
    spy = Spy(fail=True)
    with pytest.raises(RuntimeError):
        redact("call me at 415 555 0142", recognizers=[spy])
    assert spy.sizes[0] > 0
    assert spy.memos[0] == {}
    assert not memo.in_scope()


def test_a_json_payload_shares_one_memo_across_its_strings_and_forgets_it_after() -> None:
    seen: list[dict[Any, Any]] = []
    calls = 0

    @memo.scoped
    def parse(s: str) -> str:
        nonlocal calls
        calls += 1
        return s.upper()

    class Reader:
        def recognize(self, text: str, *, hint: str | None) -> Iterable[Entity]:
            current = memo._memo.get()
            assert current is not None
            seen.append(current)
            parse(text)
            return []

    # the walker adds no recognizers of its own unless a name was found, so call redact inside
    # a payload-wide scope the way redact_json opens it
    scope = memo.open_scope()
    try:
        for text in ("four five three two", "four five three two", "four five three two"):
            redact(text, recognizers=[Reader()])
    finally:
        memo.close_scope(scope)
    assert calls == 1
    assert len({id(m) for m in seen}) == 1
    assert seen[0] == {}

    obj, _ = redact_json({"transcript": SSN_SPOKEN, "summary": SSN_SPOKEN})
    assert obj == {"transcript": "my social is [SSN_REDACTED]", "summary": "my social is [SSN_REDACTED]"}
    assert not memo.in_scope()


def test_outside_a_scope_a_memoised_function_computes_every_time() -> None:
    calls = 0

    @memo.scoped
    def double(n: int) -> int:
        nonlocal calls
        calls += 1
        return 2 * n

    assert double(4) == double(4) == 8
    assert calls == 2
    scope = memo.open_scope()
    try:
        assert double(4) == double(4) == 8
        inner = memo.open_scope()  # an inner call joins the outer scope and does not end it
        memo.close_scope(inner)
        assert double(4) == 8
    finally:
        memo.close_scope(scope)
    assert calls == 3


def test_threads_never_share_a_scope() -> None:
    seen_elsewhere: list[bool] = []
    scope = memo.open_scope()
    try:
        worker = threading.Thread(target=lambda: seen_elsewhere.append(memo.in_scope()))
        worker.start()
        worker.join()
    finally:
        memo.close_scope(scope)
    assert seen_elsewhere == [False]


def test_no_pattern_made_of_a_callers_name_stays_in_the_re_module_cache() -> None:
    # re.compile caches every pattern by its source, process-wide: a name spelled into one would
    # outlive the request
    redact("my name is priya raghunathan. yes, priya raghunathan, that's right")
    redact_json({"customer": {"name": "Maria Gonzalez"}, "transcript": "User: this is Maria Gonzalez"})
    sources = [str(key) for key in re._cache]  # type: ignore[attr-defined]
    assert not any("raghunathan" in s.lower() or "gonzalez" in s.lower() for s in sources)


@pytest.mark.parametrize("source", [r"priya\s+raghunathan", r"ma(?:ria)?[ \t]+gonz[aá]lez", r"\u0130stanbul"])
def test_a_pattern_made_of_a_callers_name_is_compiled_as_re_compiles_it(source: str) -> None:
    made = memo.transient_pattern(source, re.IGNORECASE)
    usual = re.compile(source, re.IGNORECASE)
    assert made.flags == usual.flags
    for said in ("Priya  RAGHUNATHAN", "maria\tGonzález", "MA GONZALEZ", "istanbul", "İSTANBUL", "priya r"):
        assert bool(made.match(said)) == bool(usual.match(said))
