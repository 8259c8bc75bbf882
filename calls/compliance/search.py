"""Finding calls by the caller's phone number without keeping the number.

The number is hashed with the same key the webhook used for ``Call.caller_hash`` and matched on
the hash; the search is audited with the number of matches only. The admin posts the number
(so it never appears in a URL, a server log or the browser's history) and keeps the hash in the
signed-in session under a random token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from calls.models import Call
from calls.services import caller_hash_for, caller_last4

_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-/]+$")
_MIN_DIGITS = 5


@dataclass(frozen=True)
class CallerSearch:
    caller_hash: str
    last4: str
    matches: int


def looks_like_phone_number(text: str) -> bool:
    text = text.strip()
    return bool(_PHONE_LIKE.match(text)) and sum(ch.isdigit() for ch in text) >= _MIN_DIGITS


def calls_search_by_caller(*, number: str, actor: User) -> CallerSearch | None:
    if not looks_like_phone_number(number):
        return None
    digest = caller_hash_for(number)
    last4 = caller_last4(number)
    del number
    if not digest:
        return None
    with transaction.atomic():
        matches = Call.objects.filter(caller_hash=digest).count()
        audit_record(actor=actor, action=AuditEvent.Action.CALLS_SEARCHED_BY_CALLER, extra={"matches": matches})
    return CallerSearch(caller_hash=digest, last4=last4, matches=matches)
