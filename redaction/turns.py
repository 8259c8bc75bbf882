"""Which caller turns of a stored conversation answer a question, and what it asked for.

Live, the webhook remembers the assistant's last question and redacts each caller fragment with
its hint (``infer_hint``), so a bare answer ("yeah it's Megan Price", "four five three") is caught
although it carries no cue. An end-of-call report holds the same conversation at once, as a
transcript whose lines open with a speaker label ("AI: ...\\nUser: ...") and as message lists
(``{"role": "bot", "message": ...}``, ``{"role": "assistant", "content": ...}``). Read whole,
the question is just an earlier line, too far from the answer to act as a cue, so the stored copy
would keep what the live one hid. This module finds those answers; the detectors then read each
one as the fragment it was live, with its question's hint (``Context.hint_at``).

A caller turn takes the hint of the nearest assistant turn before it, as the webhook's state
does until the assistant speaks again. A question is read without its placeholders, so that a
second call over a redacted conversation, which sees "[SSN_REDACTED]" where a number was, finds
the same questions ("SSN" there asks for nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from . import types as t
from .hints import ASK_FILTER, asked_for, first_ask
from .prefilter import WordIndex

ASSISTANT_ROLES = frozenset({"assistant", "bot", "ai", "agent"})
CALLER_ROLES = frozenset({"user", "customer", "caller"})
# A labelled line: its label, and what was said after it, up to the end of the line.
_LABELLED = re.compile(r"^[ \t]*([A-Za-z]+)[ \t]*:[ \t]*(.*)", re.MULTILINE)


def _unmasked(said: str) -> str:
    return t.PLACEHOLDER_RE.sub(" ", said) if "_REDACTED]" in said else said


def _asked(said: str) -> str | None:
    return asked_for(_unmasked(said))


def answered_lines(
    text: str, asked: dict[str, str | None] | None = None, index: WordIndex | None = None
) -> Iterator[tuple[int, int, str]]:
    """(start, end, hint) of the words of every caller line that answers a question.

    Only a labelled transcript has any: a text with no line that opens with a label yields
    nothing, after one scan for line starts. ``asked`` remembers what each assistant line asked
    for, for a later scan of the same conversation. ``index``, the words of the text with its
    placeholders masked (``types.masked``), lets each question be read only at the words an ask
    can start with; a placeholder is no word then, as it is none when read without ``index``.
    """
    if asked is None:
        asked = {}
    starts: list[int] | None = None  # made at the first question not read before
    hint: str | None = None
    for line in _LABELLED.finditer(text):
        role = line.group(1).lower()
        if role in ASSISTANT_ROLES:
            said = line.group(2)
            if said in asked:
                hint = asked[said]
            elif index is not None:
                if starts is None:
                    starts = index.starts(ASK_FILTER.keys)
                hint = asked.setdefault(said, first_ask(index, starts, line.start(2), line.end(2)))
            else:
                hint = asked.setdefault(said, _asked(said))
        elif hint is not None and role in CALLER_ROLES and line.start(2) < line.end(2):
            yield line.start(2), line.end(2), hint


def answered_messages(messages: Iterable[object]) -> dict[int, str]:
    """The hint of each caller message of a message list that answers a question, by index."""
    hints: dict[int, str] = {}
    hint: str | None = None
    for i, item in enumerate(messages):
        if not isinstance(item, dict):
            continue
        role = item.get("role")
        role = role.lower() if isinstance(role, str) else ""
        said = item.get("message", item.get("content"))
        if role in ASSISTANT_ROLES:
            hint = _asked(said) if isinstance(said, str) else None
        elif role in CALLER_ROLES and hint is not None:
            hints[i] = hint
    return hints
