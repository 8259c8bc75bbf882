"""Hostile inputs finish in time linear in their length (no catastrophic backtracking)."""

from __future__ import annotations

import time

import pytest

from redaction import redact


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000,
        "one " * 100_000,
        "- , . " * 20_000,
        "a " * 50_000,
        "1 a " * 25_000,
        "my social is " * 5_000,
        "x@" * 30_000,
        "S M " * 25_000,
        "1 main street " * 5_000,
        "march " * 20_000,
        "dot " * 30_000 + "com",
    ],
    ids=lambda t: repr(t[:12]),
)
def test_it_finishes_adversarial_input_quickly(text: str) -> None:
    started = time.perf_counter()
    redact(text)
    # generous: the point is linear, not fast (quadratic would take minutes)
    assert time.perf_counter() - started < 10
