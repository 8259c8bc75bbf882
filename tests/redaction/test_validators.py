from __future__ import annotations

import phonenumbers
import pytest

from redaction.validators import is_phone


def _reference(national: str) -> bool:
    return phonenumbers.is_valid_number(phonenumbers.PhoneNumber(country_code=1, national_number=int(national)))


@pytest.mark.parametrize("line", ["5550142", "2345678", "9011234"])
def test_it_agrees_with_phonenumbers_on_every_area_code(line: str) -> None:
    # every +1 region (the US, Canada, the Caribbean, the Pacific territories) and every area
    # code no region has: the shortcut past the US must give phonenumbers' own answer
    numbers = [f"{area}{line}" for area in range(200, 1000)]
    assert [is_phone(n) for n in numbers] == [_reference(n) for n in numbers]
    assert any(is_phone(n) for n in numbers) and not all(is_phone(n) for n in numbers)


def test_it_finds_a_caribbean_number_valid() -> None:
    assert is_phone("8762345678")  # Jamaica: valid, though not in the US
    assert is_phone("18762345678")


def test_it_refuses_a_number_no_region_has() -> None:
    assert not is_phone("4665095547")
