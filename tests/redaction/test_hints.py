from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redaction import infer_hint, redact
from redaction.hints import ASK_FILTER, asked_for, first_ask
from redaction.prefilter import WordIndex


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


# Words of questions, many of them the first words of several asks ("security", "ship", "s.s.n")
_QUESTION_WORDS = st.lists(
    st.sampled_from(
        [
            "what's", "your", "the", "security", "code", "on", "back", "E-mail", "email", "IP", "address",
            "member", "ship", "id", "number", "zip", "routing", "expiration", "date", "of", "birth", "social",
            "card", "phone", "order", "tracking", "name", "full", "spell", "that", "mail", "it", "3", "digit",
            "savings", "account", "checking", "medicare", "policy", "born", "dob", "s.s.n", "cvv", "where",
            "do", "you", "live", "who's", "calling", "reach", "best", "long", "verification", "value", ",", "?",
        ]
    ),
    max_size=14,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_QUESTION_WORDS, _QUESTION_WORDS, _QUESTION_WORDS)
def test_a_question_read_at_its_candidate_words_asks_what_it_asks_read_alone(
    before: list[str], words: list[str], after: list[str]
) -> None:
    question = " ".join(words)
    text = f"User: {' '.join(before)}\nAI: {question}\nUser: {' '.join(after)}"
    lo = text.index("\nAI: ") + 5
    index = WordIndex(text)
    # each candidate word is tried with only the asks its first letters can start
    assert first_ask(index, index.starts(ASK_FILTER.keys), lo, lo + len(question)) == asked_for(question)


def test_the_cardholders_name_asks_for_a_name_not_a_card() -> None:
    assert infer_hint("Could I get the cardholder's name?") == "PERSON"
    assert infer_hint("Could I get the card number?") == "CREDIT_CARD"
