"""A stored conversation is read as it was live: each answer with its question's hint."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from redaction import redact
from redaction.prefilter import WordIndex
from redaction.turns import answered_lines, answered_messages

CONVERSATION = (
    "AI: Can I get your full name?\n"
    "User: yeah it's Megan Price\n"
    "AI: And the security code on the back?\n"
    "User: it's fifty four degrees out. okay so 182\n"
    "AI: Thanks. Anything else?\n"
    "User: no that's all, 45 minutes is fine"
)


def test_it_finds_each_caller_line_that_answers_a_question_with_its_hint() -> None:
    found = [(CONVERSATION[a:b], hint) for a, b, hint in answered_lines(CONVERSATION)]
    assert found == [
        ("yeah it's Megan Price", "PERSON"),
        ("it's fifty four degrees out. okay so 182", "CARD_CVV"),
    ]


def test_a_caller_keeps_the_hint_until_the_assistant_speaks_again() -> None:
    text = "AI: What's the CVV?\nUser: hold on\nUser: 353\nAI: ok\nUser: 4 tablets"
    assert [(text[a:b], hint) for a, b, hint in answered_lines(text)] == [
        ("hold on", "CARD_CVV"),
        ("353", "CARD_CVV"),
    ]


def test_a_text_without_speaker_labels_has_no_answers() -> None:
    assert list(answered_lines("What's the CVV? 353")) == []
    assert list(answered_lines("")) == []


def test_it_finds_the_answers_of_a_message_list_in_vapi_and_openai_shapes() -> None:
    messages = [
        {"role": "system", "message": "You are a billing assistant."},
        {"role": "bot", "message": "Can I get your date of birth?"},
        {"role": "user", "message": "oh three fourteen eighty five"},
        "not a message",
        {"role": "assistant", "content": "Thanks."},
        {"role": "user", "content": "sure"},
    ]
    assert answered_messages(messages) == {2: "DATE_OF_BIRTH"}


def test_a_conversation_redacts_a_bare_answer_as_the_live_fragment_did() -> None:
    out = redact(CONVERSATION, turns=True).text
    assert out == (
        "AI: Can I get your full name?\n"
        "User: yeah it's [NAME_REDACTED]\n"
        "AI: And the security code on the back?\n"
        "User: it's fifty four degrees out. okay so [CVV_REDACTED]\n"
        "AI: Thanks. Anything else?\n"
        "User: no that's all, 45 minutes is fine"
    )
    assert redact("yeah it's Megan Price", "PERSON").text == "yeah it's [NAME_REDACTED]"


def test_with_turns_off_the_question_lines_are_only_context() -> None:
    assert "okay so 182" in redact(CONVERSATION, turns=False).text


def test_a_labelled_conversation_is_read_with_its_questions_by_default() -> None:
    assert redact(CONVERSATION).text == redact(CONVERSATION, turns=True).text
    assert "182" not in redact(CONVERSATION).text


def test_a_text_without_labelled_answers_is_read_as_one_fragment_by_default() -> None:
    text = "the appointment is at 3 pm\nand the room is 12"
    assert redact(text).text == redact(text, turns=False).text == text


_LINES = st.lists(
    st.tuples(
        st.sampled_from(["AI", "User", "Customer", "Bot", "Note"]),
        st.sampled_from(
            [
                "Can I get your full name?", "What's the CVV?", "And your date of birth?", "yeah it's Megan Price",
                "353", "oh three fourteen eighty five", "four five three two", "thanks", "my social is",
                "123 45 6789", "take 2 tablets", "Maria", "john dot doe at gmail dot com", "",
            ]
        ),
    ),
    max_size=12,
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(_LINES)
def test_a_conversation_is_redacted_idempotently(lines: list[tuple[str, str]]) -> None:
    text = "\n".join(f"{label}: {said}" for label, said in lines)
    once = redact(text, turns=True)
    assert redact(once.text, turns=True).text == once.text
    for e in once.entities:
        assert 0 <= e.start < e.end <= len(text)


def test_a_cue_in_the_question_is_the_answers_hint_and_skips_a_day_of_the_month() -> None:
    text = "AI: And the security code on the back?\nUser: the appointment is December 12th at 5 o'clock. yeah it's 644"
    assert redact(text, turns=True).text == (
        "AI: And the security code on the back?\nUser: the appointment is December 12th at 5 o'clock. yeah it's [CVV_REDACTED]"
    )


def test_the_answer_to_a_question_for_an_order_number_is_not_pii() -> None:
    for question in ("What's the order number?", "And the tracking number?"):
        text = f"AI: {question}\nUser: eight fifty one, oh thirty two, oh nineteen"
        assert redact(text).text == text


def test_an_answer_to_a_question_for_pii_after_an_order_number_question_is_still_redacted() -> None:
    text = "AI: What's the order number?\nUser: 12345\nAI: And your social?\nUser: 851032019"
    assert redact(text).text == "AI: What's the order number?\nUser: 12345\nAI: And your social?\nUser: [SSN_REDACTED]"


def test_the_answer_to_a_zip_code_question_is_not_a_card() -> None:
    text = "AI: And the zip code on the account?\nUser: three three six one one"
    assert redact(text).text == text


@settings(max_examples=200, deadline=None)
@given(_LINES, st.sampled_from(["", "What's the order number?", "the zip code and your social", "3 digit code?"]))
def test_questions_read_at_their_candidate_words_ask_what_they_ask_read_whole(lines: list[tuple[str, str]], extra: str) -> None:
    text = "\n".join(f"{label}: {said}" for label, said in [*lines, ("AI", extra)])
    assert list(answered_lines(text, {}, WordIndex(text))) == list(answered_lines(text, {}))
