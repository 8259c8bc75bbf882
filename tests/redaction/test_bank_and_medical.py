from __future__ import annotations

import pytest

from redaction import redact

from ._util import assert_keeps, assert_redacts


def test_it_redacts_a_routing_number_and_validates_it() -> None:
    result = redact("my routing number is 021000021")
    assert result.text == "my routing number is [ROUTING_REDACTED]"
    assert result.entities[0].validated


def test_it_redacts_a_spoken_routing_number() -> None:
    assert_redacts("routing is oh two one, oh oh oh, oh two one", "BANK_ROUTING", "two one")


def test_it_redacts_an_account_number() -> None:
    assert_redacts("and the account number is 12345678901", "BANK_ACCOUNT", "12345678901")


def test_it_redacts_a_member_id_with_letters() -> None:
    assert_redacts("my member ID is XJH 4 5 6 7 8 9 0 1", "MEDICAL_ID", "XJH")


def test_it_redacts_an_alphanumeric_member_id() -> None:
    assert_redacts("member id W123456789", "MEDICAL_ID", "W123456789")


def test_it_redacts_a_medical_record_number() -> None:
    assert_redacts("medical record number eight eight two one three four", "MEDICAL_ID", "three four")


def test_it_does_not_let_an_insurance_card_become_a_credit_card() -> None:
    assert redact("my insurance card number is 99812345").entities[0].type == "MEDICAL_ID"


def test_it_redacts_an_iban() -> None:
    assert_redacts("IBAN GB82 WEST 1234 5698 7654 32 please", "IBAN", "WEST 1234")


def test_it_redacts_an_ip_address() -> None:
    assert_redacts("my ip is 203.0.113.42", "IP_ADDRESS", "203.0.113.42")


def test_an_id_does_not_take_the_next_lines_speaker_label_as_its_letters() -> None:
    text = "User: account number, double nine double five double two double one seven two.\nAI: thanks"
    assert redact(text).text == "User: account number, [BANK_ACCOUNT_REDACTED].\nAI: thanks"


@pytest.mark.parametrize("text", ["my medicare number is 1EG4-TE5-MK73", "here it is 1EG4TE5MK73 if you need it"])
def test_a_medicare_number_is_a_medical_id_by_its_shape(text: str) -> None:
    result = redact(text)
    assert [e.type for e in result.entities] == ["MEDICAL_ID"]
    assert "MK73" not in result.text


def test_an_iban_shaped_tail_of_a_final_is_not_an_iban_without_a_cue() -> None:
    assert_keeps("my flight is AA12")


def test_an_iban_cut_by_the_end_of_a_partial_is_redacted() -> None:
    assert redact("sure it's GB82 WEST 1234", partial=True).text == "sure it's [IBAN_REDACTED]"


@pytest.mark.parametrize(
    "text, hint",
    [
        ("it's one ninety two dot one sixty eight dot one dot one", "IP_ADDRESS"),
        ("my IP is ten point zero point zero point fifteen", None),
        ("the server is at 10 dot 0 dot 0 dot 15", None),
    ],
)
def test_it_redacts_an_ip_address_read_out(text: str, hint: str | None) -> None:
    result = redact(text, hint=hint)
    assert [e.type for e in result.entities] == ["IP_ADDRESS"]
    assert result.text.endswith("[IP_REDACTED]")


@pytest.mark.parametrize("text", ["we're on version two point one point three", "it's two fifty six dot one dot one dot one"])
def test_a_version_or_an_impossible_address_read_out_is_kept(text: str) -> None:
    assert_keeps(text)


# Identifiers mixing letters and digits, read out piece by piece (detectors/ids.py)


@pytest.mark.parametrize(
    "text, secret",
    [
        ("uh the policy number is b as in boy four four two, oh one nine, seven seven", "b as in boy"),
        ("the policy number is r as in robert, t as in tom, 4 5 1 2 0 9", "t as in tom"),
        ("my member id is m as in mary, k as in kilo, 5 5 2 9 1 0", "k as in kilo"),
    ],
)
def test_it_redacts_a_member_id_spelled_with_as_in(text: str, secret: str) -> None:
    result = redact(text)
    assert [e.type for e in result.entities] == ["MEDICAL_ID"]
    assert secret not in result.text
    assert result.text.endswith("[MEDICAL_ID_REDACTED]")


@pytest.mark.parametrize(
    "text, value",
    [
        ("my medicaid number is q r 9 9 0 1 2 4 z", "q r 9 9 0 1 2 4 z"),
        ("subscriber id is 9 t w 4 k c 2 n p 7 1", "9 t w 4 k c 2 n p 7 1"),
        ("policy number alpha bravo four four two nine one", "alpha bravo four four two nine one"),
        ("my member id is j k 4 4 1 2 9 0 8", "j k 4 4 1 2 9 0 8"),
    ],
)
def test_it_redacts_a_member_id_read_letter_by_letter_with_its_letters_on_both_sides(text: str, value: str) -> None:
    result = redact(text)
    assert [e.type for e in result.entities] == ["MEDICAL_ID"]
    assert result.text == text.replace(value, "[MEDICAL_ID_REDACTED]")


def test_it_redacts_a_member_id_whose_cue_comes_after_it() -> None:
    result = redact("Q X 4 4 1 9 0 2, that's the number on my insurance card")
    assert result.text == "[MEDICAL_ID_REDACTED], that's the number on my insurance card"


def test_a_member_id_with_letters_is_not_a_card_whatever_card_it_is_on() -> None:
    result = redact("The member number on my card is KLM 448 120 976")
    assert result.text == "The member number on my card is [MEDICAL_ID_REDACTED]"
    assert [e.type for e in result.entities] == ["MEDICAL_ID"]


def test_digits_inside_a_member_id_are_not_an_ssn_even_when_they_would_be_one() -> None:
    result = redact("my son's insurance id is d d p eight seven two, nine one seven, double nine one, he's under my plan")
    assert result.text == "my son's insurance id is [MEDICAL_ID_REDACTED], he's under my plan"


@pytest.mark.parametrize(
    "text",
    [
        "it's two K four four, X zero six, F T two one",
        "AI: What's your Medicare number?\nUser: seven d t two a x nine m w three four",
    ],
)
def test_a_medicare_number_read_out_is_a_medical_id_by_its_shape(text: str) -> None:
    result = redact(text)
    assert [e.type for e in result.entities] == ["MEDICAL_ID"]
    assert result.text.endswith("[MEDICAL_ID_REDACTED]")


def test_it_redacts_a_letters_and_digits_answer_to_a_member_id_question() -> None:
    assert redact("it's w x y 1 2 3 4 5 6 7 8 9", "MEDICAL_ID").text == "it's [MEDICAL_ID_REDACTED]"


def test_it_redacts_an_account_number_with_letters_after_its_cue() -> None:
    assert redact("the account number is A B 4 4 9 1 2 7 7").text == "the account number is [BANK_ACCOUNT_REDACTED]"


@pytest.mark.parametrize(
    "text",
    [
        "sure, it's D E eight nine, three seven oh four, oh oh four four, oh five three two, oh one three oh, oh oh",
        "it's g b 82 w e s t 1234 5698 7654 32",
        "the wire goes to de89 3704 0044 0532 0130 00",
        "G B, two nine, N W B K, six zero one six, one three, three one, nine two, six eight, one nine",
    ],
)
def test_a_spoken_iban_whose_check_digits_hold_is_redacted_without_a_cue(text: str) -> None:
    result = redact(text)
    assert [(e.type, e.validated) for e in result.entities] == [("IBAN", True)]
    assert result.text.endswith("[IBAN_REDACTED]")


def test_a_lowercase_written_iban_is_redacted_after_its_cue() -> None:
    assert redact("the iban is nl91 abna 0417 1643 00").text == "the iban is [IBAN_REDACTED]"


def test_a_spoken_iban_that_does_not_validate_needs_a_hint_or_a_cue() -> None:
    text = "G B one two, A B C D, 1 2 3 4 5 6"
    assert redact(text, "IBAN").text == "[IBAN_REDACTED]"
    assert redact(f"my IBAN is {text} ok").text == "my IBAN is [IBAN_REDACTED] ok"
    assert_keeps(f"the code is {text} on the box")


def test_a_spoken_iban_cut_by_the_end_of_a_partial_is_redacted() -> None:
    assert redact("sure it's G B eight two, W E S T, one two", partial=True).text == "sure it's [IBAN_REDACTED]"


@pytest.mark.parametrize(
    "text",
    [
        "the tracking number is t b a 462020078391",
        "order number is b x 4 4 9 1 2",
        "the confirmation number is q w 7 7 8 1 2 k",
        "my reference number is x y 9 9 8 7 6 5",
        "the rma number is r m a 4 4 9 1 2",
        "my flight is AA 1234",
        "ABC 123",
        "it's ABC 123 on the box",
        "the 1 800 number",
        "I'm in room b 4 2",
        "we have a 5 year old and a 3 year old",
        "it says G B one two, A B C D, 1 2 3 4 on the label",
    ],
)
def test_letters_and_digits_without_a_pii_cue_are_kept(text: str) -> None:
    assert_keeps(text)


def test_a_spelled_name_next_to_a_member_id_stays_a_name() -> None:
    result = redact("Kowalski, K O W A L S K I, and my member id is 4 4 9 1 2")
    assert result.text == "[NAME_REDACTED], [NAME_REDACTED], and my member id is [MEDICAL_ID_REDACTED]"


@pytest.mark.parametrize("said", ["pt57858533362099654660266", "Gb82 West 1234 5698 7654 32", "gb82west12345698765432"])
def test_a_lowercase_iban_whose_check_digits_hold_is_redacted_without_a_cue(said: str) -> None:
    result = redact(f"it's {said}, thanks")
    assert [(e.type, e.validated) for e in result.entities] == [("IBAN", True)]
    assert result.text == "it's [IBAN_REDACTED], thanks"


def test_a_lowercase_iban_shape_that_does_not_validate_is_kept_without_a_cue() -> None:
    assert_keeps("the model ab12 cdef works fine")
    assert_keeps("the room is gb83 west wing")


def test_an_id_with_letters_takes_the_id_cue_past_a_card_cue() -> None:
    # a card number holds no letters: "card" names where the member ID is printed
    assert redact("the insurance id on the card is 4ad0-yt3-gr26").text == "the insurance id on the card is [MEDICAL_ID_REDACTED]"
    assert_keeps("my card is 4ad0-yt3-gr26")
    assert_keeps("the order number on my card is AB12-CD34")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("AI: What's the member ID?\nUser: dxp 139 878 272", "AI: What's the member ID?\nUser: [MEDICAL_ID_REDACTED]"),
        ("my member id is xj 4829 1175", "my member id is [MEDICAL_ID_REDACTED]"),
        ("my member id is XJH 4829 1175", "my member id is [MEDICAL_ID_REDACTED]"),
        # a short word has a vowel, and a few without one are words too
        ("my member id is 4829 1175", "my member id is [MEDICAL_ID_REDACTED]"),
        ("the member number is pt 48291175", "the member number is pt [MEDICAL_ID_REDACTED]"),
        ("member id, hmm 48291175", "member id, hmm [MEDICAL_ID_REDACTED]"),
    ],
)  # fmt: skip
def test_an_ids_lowercase_letters_go_with_it_when_they_are_no_word(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_a_label_in_capitals_before_an_id_is_kept() -> None:
    assert redact("member ID XJH-4471-22.").text == "member ID [MEDICAL_ID_REDACTED]."
    assert redact("uh insurance ID one eight three one two four oh two three, thanks").text == (
        "uh insurance ID [MEDICAL_ID_REDACTED], thanks"
    )


def test_an_insurers_name_before_the_id_is_a_medical_id_cue() -> None:
    text = "blue cross id, uh, XYW eight eight two oh four one five five three"
    assert redact(text).text == "blue cross id, uh, [MEDICAL_ID_REDACTED]"
