"""Properties that must hold for any input, checked with hypothesis (modest example counts)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redaction import redact

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = ["one", "two", "oh", "double", "nine", "twenty", "my", "social", "card", "is", "at", "dot", "com",
         "phone", "name", "this", "Maria", "S", "M", ",", "...", "-", "4532", "219", "09", "9998", "$", "pm"]  # fmt: skip
speechy = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
any_text = st.one_of(st.text(max_size=200), speechy)


@FAST
@given(any_text)
def test_it_never_raises_and_keeps_spans_in_bounds_and_apart(text: str) -> None:
    result = redact(text)
    last_end = 0
    for e in result.entities:
        assert 0 <= e.start < e.end <= len(text)
        assert e.start >= last_end
        last_end = e.end


@FAST
@given(any_text, st.sampled_from([None, "US_SSN", "PERSON", "CREDIT_CARD", "DATE_OF_BIRTH"]))
def test_it_is_idempotent(text: str, hint: str | None) -> None:
    once = redact(text, hint).text
    assert redact(once, hint).text == once


@FAST
@given(
    st.sampled_from(["my social is", "card number", "call me at", "that's", ""]),
    st.from_regex(r"\A[0-9]{9,16}\Z", fullmatch=True),
    st.sampled_from(["", "thanks", "that's my social", "ok bye"]),
)
def test_no_detected_value_survives(before: str, digits: str, after: str) -> None:
    text = f"{before} {digits} {after}"
    result = redact(text)
    for e in result.entities:
        value = text[e.start : e.end]
        if len(re.sub(r"\W", "", value)) >= 4:
            assert value not in result.text
