"""Memos that live as long as one redaction, and no longer.

Some pure steps are worth remembering within one request: the second pass re-reads every number
of the first, a partial transcript repeats its earlier words, and an end-of-call report carries
each turn in three places. What they are remembered by is the caller's own speech (a social
security number read aloud, a card, a phone number, a birth date). A process-wide cache such as
``functools.lru_cache`` would keep those values in a worker's memory after the request that
carried them is gone, where a core dump, swap or a debugger attached to the worker could find
them; the promise is that raw PII reaches no cache.

So a memo belongs to a scope: ``redact()`` and ``redact_json()`` open one (an inner call joins
the outer one), every memoised call inside shares it, and it is dropped when the outermost scope
closes, whether the redaction returned or raised. Outside a scope a memoised function just
computes. The scope is a ``ContextVar``, so threads and asyncio tasks never share one. (Like the
request body itself, a dropped value's memory is freed, not wiped: this bounds how long a value is
reachable, which is what a cache would have extended.)
"""

from __future__ import annotations

import functools
import re
import re._compiler as _re_compiler  # stable in 3.11; the uncached half of re.compile
from collections.abc import Callable
from contextvars import ContextVar, Token
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_MISSING = object()
_memo: ContextVar[dict[Any, Any] | None] = ContextVar("redaction_memo", default=None)


def open_scope() -> Token[dict[Any, Any] | None] | None:
    """Start a scope unless one is open; pass the result to ``close_scope`` in a ``finally``."""
    if _memo.get() is not None:
        return None
    return _memo.set({})


def close_scope(token: Token[dict[Any, Any] | None] | None) -> None:
    """End the scope ``open_scope`` started (nothing, for a call that joined an outer one)."""
    if token is not None:
        memo = _memo.get()
        if memo is not None:
            memo.clear()  # drop the values now, not when the last reference to the dict goes
        _memo.reset(token)


def in_scope() -> bool:
    return _memo.get() is not None


def scoped(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` (pure, with hashable positional arguments) remembered within the current scope."""
    # one sentinel per function keys its entries, so two memoised functions never collide
    tag = object()

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        memo = _memo.get()
        if memo is None or kwargs:
            return fn(*args, **kwargs)
        key = (tag, *args)
        found = memo.get(key, _MISSING)
        if found is _MISSING:
            found = memo[key] = fn(*args, **kwargs)
        return found

    return wrapper


def transient_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """A regular expression built from what a caller said (a name found earlier in the text),
    compiled without going through ``re.compile``.

    ``re.compile`` keeps every pattern it compiles in the ``re`` module's process-wide cache (512
    entries), keyed by its source: a pattern spelled out of a caller's name would stay in the
    worker after the request, exactly what the scoped memos above exist to prevent. The pattern
    returned here is referenced only by its caller and goes with it.

    The flags are passed on as a plain integer: the compiler tests them dozens of times per
    character, and each test of a ``re.RegexFlag`` runs ``enum``'s Python ``__and__`` (a
    case-insensitive name took three times as long to compile). The compiled pattern is the same.
    """
    return _re_compiler.compile(source, int(flags))
