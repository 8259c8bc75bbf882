from __future__ import annotations

import random

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


def test_it_agrees_with_phonenumbers_on_random_numbers() -> None:
    # every exchange and line shape, toll-free and premium codes among them
    rng = random.Random(7)
    numbers = [str(rng.randrange(2_000_000_000, 10_000_000_000)) for _ in range(5000)]
    numbers += [
        f"{code}{rng.randrange(2_000_000, 10_000_000)}"
        for code in (800, 833, 844, 855, 866, 877, 888, 900, 500, 521, 533)
        for _ in range(50)
    ]
    found = [is_phone(n) for n in numbers]
    assert found == [_reference(n) for n in numbers]
    assert any(found) and not all(found)
    assert [is_phone("1" + n) for n in numbers[:500]] == [_reference(n) for n in numbers[:500]]
