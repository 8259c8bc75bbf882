"""How a caller's number becomes something VoiceGuard may keep: a keyed hash and the last four digits.

``caller_hash_for`` is the only place the hash is computed, so the webhook that stores it and the
admin search and erasure that look it up always agree. The key lives outside the database (the
keyring), so a copy of the database cannot be brute-forced back into numbers (there are only about
10^10 of them, so an unkeyed hash would be).
"""

from __future__ import annotations

import hashlib
import hmac
import re

import phonenumbers

from keys.kek import caller_hash_key

# The region assumed for a number written without a country code (Vapi sends E.164, people type less).
DEFAULT_REGION = "US"


def caller_number_normalise(number: str) -> str:
    """E.164 form (``+14155550142``) of a number as Vapi sends it or as an operator types it."""
    text = number.strip()
    try:
        parsed = phonenumbers.parse(text, None if text.startswith("+") else DEFAULT_REGION)
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", text)
        return f"+{digits}" if digits else ""


def caller_hash_for(number: str) -> str:
    """HMAC-SHA256 (hex) of the normalised number under the caller-hash key; "" for no number."""
    normalised = caller_number_normalise(number)
    if not normalised:
        return ""
    return hmac.new(caller_hash_key(), normalised.encode(), hashlib.sha256).hexdigest()


def caller_last4(number: str) -> str:
    return re.sub(r"\D", "", caller_number_normalise(number))[-4:]


def call_id_hash(vapi_call_id: str) -> str:
    """What a tombstone keeps: SHA-256 of the Vapi call id, enough to answer "was call X removed?"."""
    return hashlib.sha256(vapi_call_id.encode()).hexdigest()
