from __future__ import annotations

import pytest

from redaction import infer_hint, redact


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
        ("Who do I have the pleasure of speaking with?", "PERSON"),
        ("Who have I got on the line?", "PERSON"),
        ("Where should we send it?", "STREET_ADDRESS"),
        ("How can I help you today?", None),
        ("Thanks for speaking with me today.", None),
    ],
)
def test_it_infers_what_the_assistant_asked_for(question: str, expected: str | None) -> None:
    assert infer_hint(question) == expected


def test_a_day_of_the_month_does_not_take_the_hint_from_the_answer_after_it() -> None:
    text = "the appointment is December 12th at 5 o'clock. yeah it's 644"
    assert redact(text, "CARD_CVV").text == "the appointment is December 12th at 5 o'clock. yeah it's [CVV_REDACTED]"
