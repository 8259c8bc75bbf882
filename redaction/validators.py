"""Checksums and numbering-plan checks, delegated to python-stdnum and phonenumbers.

Validation is what lets an uncued number be redacted with confidence (a Luhn-valid 16-digit
number starting with a card IIN is a card whoever said it) and lets cued numbers be labelled
``validated``. Hand-written checks are avoided on purpose: these libraries track the rules
(SSN area/group/serial and the advertising blacklist, ABA weights, IBAN country lengths, NANP
area codes) better than we would. The one hand-written check, an IBAN checksum, only rejects
early what stdnum would reject: stdnum still decides every IBAN it lets through.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import phonenumbers
from stdnum import iban as _iban
from stdnum import luhn
from stdnum.us import rtn, ssn

from .memo import scoped


def _card_iin_ok(d: str) -> bool:
    n = len(d)
    if d[0] == "4":
        return n in (13, 16, 19)
    two, four = int(d[:2]), int(d[:4])
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return n == 16
    if two in (34, 37):
        return n == 15
    if d.startswith("6011") or two == 65 or 644 <= int(d[:3]) <= 649 or two == 62:
        return 16 <= n <= 19
    if two == 35:
        return 16 <= n <= 19
    if two in (36, 38, 30):
        return 14 <= n <= 19
    return False


def card_prefix_plausible(d: str) -> bool:
    """Could this (possibly incomplete) digit string be the start of a card number?"""
    if not d:
        return False
    return d[0] in "3456" or d[:2] in ("22", "23", "24", "25", "26", "27")


def is_card(d: str) -> bool:
    return 13 <= len(d) <= 19 and _card_iin_ok(d) and _luhn(d)


def is_ssn(d: str) -> bool:
    return len(d) == 9 and _ssn(d)


def is_routing(d: str) -> bool:
    return len(d) == 9 and _routing(d)


# The checks of python-stdnum cost a few microseconds each, and the second pass over a redacted
# text (see engine.py) asks them again of every number left in it: for a number of the right
# length, they are remembered for the call (memo.py), as ``is_phone`` is.
_luhn = scoped(luhn.is_valid)
_ssn = scoped(ssn.is_valid)
_routing = scoped(rtn.is_valid)


# ISO 7064 mod 97-10 reads an IBAN as a base-36 number: each letter is its two-digit value
_BASE36 = str.maketrans({chr(c): str(c - ord("A") + 10) for c in range(ord("A"), ord("Z") + 1)})
_IBAN_CHARS = re.compile(r"[A-Z0-9 ]*")
# Longer strings are left to stdnum: int() refuses over 4,300 digits, which stdnum reports as invalid.
_IBAN_CHECKED = 100


def is_iban(s: str) -> bool:
    """python-stdnum's check, after a cheap one that rejects a wrong checksum first.

    stdnum also looks the country up in its registry (~50 us), and most of what is shaped like an
    IBAN in a transcript is one cut short or misheard. For a string of capitals, digits and
    spaces, stdnum's compact form is the string without spaces, and it rejects any whose
    rearranged base-36 value is not 1 mod 97; anything else is left to stdnum alone.
    """
    if len(s) <= _IBAN_CHECKED and _IBAN_CHARS.fullmatch(s):
        number = s.replace(" ", "")
        if not number or int((number[4:] + number[:4]).translate(_BASE36)) % 97 != 1:
            return False
    return _iban.is_valid(s)


@scoped
def is_phone(d: str, international: bool = False) -> bool:
    """A valid number in the North American plan, or any valid number when written with '+'."""
    if not international:
        national = d[1:] if len(d) == 11 and d[0] == "1" else d if len(d) == 10 else ""
        if not national or national[0] in "01":
            return False  # no NANP number starts with 0 or 1
        # is_valid_number tries the NANP regions in order and the US comes first, so a number
        # valid for the US is valid
        return _US_VALID(national) or _valid_outside_us(national)
    try:
        num = phonenumbers.parse("+" + d, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(num)


_NANP_LENGTH = 10


def _valid_for(region: str) -> Callable[[str], bool]:
    """phonenumbers' ``is_valid_number_for_region`` for a +1 national number of ten digits that
    does not start with 0 or 1, with the region's patterns joined into two compiled ones.

    phonenumbers says a number is valid for a region when it fits the region's general pattern
    and the pattern of one of its types (fixed line, mobile, toll free...), and it tries the
    types one by one in Python: most of the cost of validating the numbers of a transcript. A
    type's pattern counts only where its possible lengths, when it lists any, hold ten digits, as
    in ``_is_number_matching_desc``. A test checks every area code against ``is_valid_number``.
    """
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)

    def pattern(desc: phonenumbers.PhoneNumberDesc | None) -> str | None:
        if desc is None or not desc.national_number_pattern:
            return None
        return desc.national_number_pattern if not desc.possible_length or _NANP_LENGTH in desc.possible_length else None

    general_pattern = pattern(metadata.general_desc) if metadata is not None else None
    if metadata is None or general_pattern is None:
        return lambda national: False
    descs = (
        metadata.premium_rate, metadata.toll_free, metadata.shared_cost, metadata.voip, metadata.personal_number,
        metadata.pager, metadata.uan, metadata.voicemail, metadata.fixed_line, metadata.mobile,
    )  # fmt: skip
    types = [found for found in map(pattern, descs) if found is not None]
    if not types:
        return lambda national: False
    general = re.compile(general_pattern).fullmatch
    any_type = re.compile("|".join(f"(?:{found})" for found in types)).fullmatch
    return lambda national: general(national) is not None and any_type(national) is not None


_US_VALID = _valid_for("US")


def _leading(region: str) -> re.Pattern[str] | None:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    return re.compile(metadata.leading_digits) if metadata is not None and metadata.leading_digits else None


# The other regions of +1 in the order phonenumbers tries them, each with its area-code pattern
# (None: it is told by full validation, as Canada is) and its validity.
_NANP_AFTER_US = [(_leading(region), _valid_for(region)) for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[1][1:]]


def _valid_outside_us(national: str) -> bool:
    """``is_valid_number`` for a +1 number known not to be valid in the US.

    phonenumbers finds the region of a +1 number by walking its regions in order (the first whose
    area-code pattern matches, or which validates the number outright when it has none) and then
    validates it there. This is that walk without the US, already ruled out.
    """
    for leading, valid in _NANP_AFTER_US:
        if leading is None:
            if valid(national):
                return True
        elif leading.match(national):
            return valid(national)
    return False


def is_expiry(d: str) -> bool:
    """MYY, MMYY or MMYYYY with a real month."""
    if len(d) == 3:
        return d[0] != "0"
    if len(d) in (4, 6):
        return 1 <= int(d[:2]) <= 12 and (len(d) == 4 or d[2:4] == "20")
    return False


def is_birth_date(d: str) -> bool:
    """MMDDYYYY / MMDDYY read as digits, with a plausible birth year."""
    if len(d) not in (6, 8):
        return False
    month, day = int(d[:2]), int(d[2:4])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    return len(d) == 6 or 1900 <= int(d[4:]) <= 2025


# phonenumbers loads its metadata for +1 numbers written with "+" on first use (~0.2 ms); do it
# at import, with the engine's own patterns, rather than inside the first caller's request.
is_phone("12015550123", True)
