from __future__ import annotations

import pytest

from redaction import infer_hint


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Can I get your date of birth?", "DATE_OF_BIRTH"),
        ("what's the last four of your social", "US_SSN"),
        ("card number please", "CREDIT_CARD"),
        ("and the expiration date?", "CARD_EXPIRY"),
        ("the three digit code on the back", "CARD_CVV"),
        ("your member ID", "MEDICAL_ID"),
        ("what's your name", "PERSON"),
        ("your email", "EMAIL_ADDRESS"),
        ("best phone number to reach you", "PHONE_NUMBER"),
        ("what's the address on the account?", "STREET_ADDRESS"),
        ("and your routing number", "BANK_ROUTING"),
        ("the account number?", "BANK_ACCOUNT"),
        ("Who am I speaking with?", "PERSON"),
        ("How can I help you today?", None),
    ],
)
def test_it_infers_what_the_assistant_asked_for(question: str, expected: str | None) -> None:
    assert infer_hint(question) == expected
