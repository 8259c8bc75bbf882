from __future__ import annotations

import pytest

from redaction import redact

from ._util import assert_keeps, assert_redacts


@pytest.mark.parametrize(
    "text, secret",
    [
        ("Hi, this is Maria Gonzalez.", "Maria Gonzalez"),
        ("my name is maria de la cruz and I'm calling", "maria de la cruz"),
        ("the patient is Oluwaseun Adeyemi", "Oluwaseun"),
        ("Thanks, Maria. To verify", "Maria"),
        ("Mr. O'Brien-Smith will call", "O'Brien-Smith"),
        ("my name is Nguyễn Văn An", "Nguyễn Văn An"),
    ],
)
def test_it_redacts_a_cued_name(text: str, secret: str) -> None:
    assert_redacts(text, "PERSON", secret)


@pytest.mark.parametrize("spelled", ["S M I T H", "S-M-I-T-H", "s. m. i. t. h."])
def test_it_redacts_a_name_spelled_letter_by_letter(spelled: str) -> None:
    assert_redacts(f"that's {spelled}", "PERSON", spelled)


def test_it_redacts_a_bare_name_when_asked() -> None:
    assert redact("uh it's José García", hint="PERSON").text == "uh it's [NAME_REDACTED]"


def test_it_keeps_im_calling() -> None:
    assert_keeps("I'm calling about my bill")


def test_it_keeps_a_non_name_answer_to_a_name_question() -> None:
    assert_keeps("can you repeat that", hint="PERSON")
