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
