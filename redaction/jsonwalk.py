"""``redact_json``: redact every string of a JSON value, including JSON embedded in strings.

Vapi puts transcript text everywhere (messages, summaries, tool-call ``arguments`` and tool
``result`` as JSON *strings*, structured analysis), so the whole tree is scanned rather than a
list of known fields that would go stale. Three refinements make that precise:

* Structural keys are left alone (``STRUCTURAL_KEYS`` plus keys ending in ``Id``/``_id``/``At``/
  ``_at``): ids, types, roles, statuses, timestamps and ``endedReason`` are not PII and downstream
  code dispatches on them.
* Key-aware hints: a value under ``ssn``, ``date_of_birth``, ``customer.number``, ``full_name``...
  is analysed with that key's entity type as the hint, so a bare "+14155550142" or "6789" is caught.
  PII-ish keys are checked before the structural suffixes, so ``patient_id`` is still scanned.
* Numbers under a PII-ish key are redacted too (replaced by the placeholder string).
* A ``transcript`` next to ``"transcriptType": "partial"`` is redacted as a partial
  (``redact(..., partial=True)``): its end is where the caller is still speaking.
* A conversation is read as the webhook read it live (turns.py): in a ``transcript`` string with
  speaker labels, and in a list of ``role``/``message`` (or ``content``) turns, a caller's answer
  to a question is analysed with that question's hint, so "yeah it's Megan Price" after "Can I
  get your full name?" is hidden in the stored report as it was in the live fragment.
* Names found anywhere in the payload ("this is Maria Gonzalez", ``caller_name``) are redacted
  everywhere else in it too ("Thanks, Maria", an LLM summary that starts with the name), through
  a payload-scoped ``Recognizer``. Names are only recognisable next to a cue, and a payload
  usually has one such mention and several without.

The walk is iterative (an explicit stack), so a hostile payload cannot reach Python's recursion
limit: anything nested deeper than ``MAX_JSON_DEPTH`` raises ``RedactionDepthError`` instead.
"""

from __future__ import annotations

import json
import re
from typing import Any

from . import memo
from . import types as t
from .engine import redact
from .turns import answered_messages
from .vocab import STOP_WORDS

MAX_JSON_DEPTH = 64

STRUCTURAL_KEYS: frozenset[str] = frozenset(
    {
        "id",
        "type",
        "role",
        "status",
        "timestamp",
        "time",
        "endTime",
        "secondsFromStart",
        "endedReason",
        "transcriptType",
        "subType",
        "analysisType",
    }
)
_STRUCTURAL_SUFFIX = re.compile(r"(?:Id|Ids|_id|_ids|At|_at)\Z")

_KEY_HINTS: list[tuple[str, str]] = [
    (t.EMAIL_ADDRESS, r"e?mail"),
    (t.IP_ADDRESS, r"^ip|ipaddress"),
    (t.CARD_CVV, r"cvv|cvc|securitycode"),
    (t.CARD_EXPIRY, r"expir|expdate|^exp"),
    (t.US_SSN, r"ssn|socialsecurity|^social"),
    (t.DATE_OF_BIRTH, r"dob|dateofbirth|birth"),
    (t.BANK_ROUTING, r"routing|^aba"),
    (t.IBAN, r"iban"),
    (t.BANK_ACCOUNT, r"accountn(?:umber|um|o)|acctn(?:umber|um|o)|bankaccount|^account$|^acct$"),
    (t.MEDICAL_ID, r"member|mrn|medicalrecord|insurance|policy|patientid|subscriber|medicare"),
    (t.CREDIT_CARD, r"cardnumber|creditcard|debitcard|^pan$|^card$|ccnumber"),
    (t.PHONE_NUMBER, r"phone|number$|mobile|^cell|^tel|fax|callback|msisdn"),
    (t.STREET_ADDRESS, r"address|street"),
    (t.PERSON, r"fullname|firstname|lastname|surname|givenname|callername|customername"
     r"|patientname|contactname|membername|cardholder|^name$"),
]  # fmt: skip
_KEY_HINT_RE = re.compile("|".join(rf"(?P<{k}>{p})" for k, p in _KEY_HINTS))
# Where a message list item holds what was said (Vapi ``message``, OpenAI ``content``).
_SAID_KEYS = frozenset({"message", "content"})
_PERSON_PARENTS = frozenset({"customer", "caller", "patient", "contact", "user", "member", "person"})


class RedactionDepthError(ValueError):
    """The JSON value is nested deeper than MAX_JSON_DEPTH (including JSON inside strings)."""


def _key_hint(key: str | None, parent: str | None) -> str | None:
    if not key:
        return None
    norm = re.sub(r"[^a-z0-9]", "", key.lower())
    m = _KEY_HINT_RE.search(norm)
    if m is None:
        return None
    if m.lastgroup == t.PERSON and norm == "name":
        return t.PERSON if (parent or "").lower() in _PERSON_PARENTS else None
    return m.lastgroup


def _is_structural(key: str | None) -> bool:
    return key is not None and (key in STRUCTURAL_KEYS or bool(_STRUCTURAL_SUFFIX.search(key)))


class _KnownNames:
    """Recognizer for the name tokens already found elsewhere in the same payload.

    Tokens said one after another ("Maria Gonzalez") are one name, and one placeholder."""

    def __init__(self, tokens: set[str]) -> None:
        alternation = "|".join(re.escape(tok) for tok in sorted(tokens, key=len, reverse=True))
        token = rf"(?<![\w'\u2019])(?:{alternation})(?![\w'\u2019])"
        self._re = memo.transient_pattern(rf"{token}(?:[ \t]+{token})*", re.IGNORECASE)

    def mentions(self, text: str) -> bool:
        return self._re.search(text) is not None

    def recognize(self, text: str, *, hint: str | None) -> list[t.Entity]:
        return [t.Entity(t.PERSON, m.start(), m.end(), "known", 0.6) for m in self._re.finditer(text)]


_Key = tuple[str, str | None, bool, bool]


class _Walker:
    """One walk over a payload.

    ``results`` memoises ``redact`` per (string, hint, partial) for the walk: a report repeats each
    turn's text in ``messages``, ``messagesOpenAIFormatted`` and ``transcript``. A second walk
    with the payload's known names gets the first walk's results as ``earlier`` and re-redacts
    only the strings the names occur in; for any other string the recognizer finds nothing, so
    the first walk's result is the answer.
    """

    def __init__(self, known: _KnownNames | None = None, earlier: dict[_Key, t.RedactionResult] | None = None) -> None:
        self.entities: list[t.Entity] = []
        self.known = known
        self.recognizers: tuple[t.Recognizer, ...] = (known,) if known is not None else ()
        self.earlier = earlier or {}
        self.results: dict[_Key, t.RedactionResult] = {}
        self.name_tokens: set[str] = set()

    def redact(self, value: str, hint: str | None, partial: bool, turns: bool = False) -> t.RedactionResult:
        key = (value, hint, partial, turns)
        result = self.results.get(key)
        if result is None:
            result = self.earlier.get(key) if self.known is None or not self.known.mentions(value) else None
            if result is None:
                result = redact(value, hint, recognizers=self.recognizers, partial=partial, turns=turns)
            self.results[key] = result
            for e in result.entities:
                if e.type == t.PERSON:
                    for tok in re.findall(r"[^\W\d_][\w'\u2019-]+", value[e.start : e.end]):
                        if len(tok) >= 3 and tok.lower() not in STOP_WORDS:
                            self.name_tokens.add(tok)
        return result

    def string(
        self, value: str, key: str | None, parent: str | None, depth: int, partial: bool = False, asked: str | None = None
    ) -> str:
        stripped = value.strip()
        if stripped[:1] in ("{", "[") and stripped[-1:] in ("}", "]"):
            try:
                inner = json.loads(stripped)
            except RecursionError as exc:
                raise RedactionDepthError(f"embedded JSON deeper than {MAX_JSON_DEPTH}") from exc
            except ValueError:
                inner = None
            if isinstance(inner, (dict, list)):
                return json.dumps(self.walk(inner, key, parent, depth + 1), ensure_ascii=False)
        # a conversation's transcript: its answers are read with their questions' hints (turns.py)
        result = self.redact(value, _key_hint(key, parent) or asked, partial, turns=key == "transcript")
        self.entities.extend(result.entities)
        return result.text

    def scalar(
        self, value: Any, key: str | None, parent: str | None, depth: int, partial: bool = False, asked: str | None = None
    ) -> Any:
        if isinstance(value, str):
            if _is_structural(key) and _key_hint(key, parent) is None:
                return value
            return self.string(value, key, parent, depth, partial, asked)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            hint = _key_hint(key, parent)
            if hint is not None and not _is_structural(key):
                result = redact(str(value), hint)
                if result.entities:
                    self.entities.extend(result.entities)
                    return result.text
        return value

    def walk(self, value: Any, key: str | None, parent: str | None, depth: int) -> Any:
        holder: list[Any] = [None]
        # (value, container to write into, slot, depth, key, parent key, partial transcript, and
        # what the assistant asked for, when the value is the caller's answer in a message list)
        stack: list[tuple[Any, Any, Any, int, str | None, str | None, bool, str | None]] = [
            (value, holder, 0, depth, key, parent, False, None)
        ]
        while stack:
            val, target, slot, d, k, pk, partial, asked = stack.pop()
            if isinstance(val, dict):
                if d >= MAX_JSON_DEPTH:
                    raise RedactionDepthError(f"JSON nested deeper than {MAX_JSON_DEPTH}")
                new: dict[Any, Any] = {}
                target[slot] = new
                # a Vapi partial transcript: its text ends where the caller is still speaking
                open_end = val.get("transcriptType") == "partial"
                for ck, cv in val.items():
                    new[ck] = None
                    child_key = ck if isinstance(ck, str) else None
                    said = asked if ck in _SAID_KEYS else None
                    stack.append((cv, new, ck, d + 1, child_key, k, open_end and ck == "transcript", said))
            elif isinstance(val, (list, tuple)):
                if d >= MAX_JSON_DEPTH:
                    raise RedactionDepthError(f"JSON nested deeper than {MAX_JSON_DEPTH}")
                items: list[Any] = [None] * len(val)
                target[slot] = items
                answers = answered_messages(val)  # {} unless a list of role/message turns
                for i, cv in enumerate(val):
                    stack.append((cv, items, i, d + 1, k, pk, False, answers.get(i)))
            else:
                target[slot] = self.scalar(val, k, pk, d, partial, asked)
        return holder[0]


def redact_json(value: Any) -> tuple[Any, list[t.Entity]]:
    """A redacted deep copy of a JSON value, and the entities found (spans per string)."""
    scope = memo.open_scope()  # one memo for the whole payload: its turns repeat (see memo.py)
    try:
        walker = _Walker()
        redacted = walker.walk(value, None, None, 0)
        if walker.name_tokens:
            walker = _Walker(_KnownNames(walker.name_tokens), walker.results)
            redacted = walker.walk(value, None, None, 0)
        return redacted, walker.entities
    finally:
        memo.close_scope(scope)
