"""Random PII values with real check digits (Luhn, ABA, IBAN mod-97), bench side only."""

from __future__ import annotations

import random

from . import samples


def luhn_complete(prefix: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(prefix)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return prefix + str((10 - total % 10) % 10)


def card(rng: random.Random) -> tuple[str, list[int]]:
    brand = rng.choice(["visa", "visa", "mc", "amex", "discover"])
    if brand == "amex":
        body = rng.choice(["34", "37"]) + "".join(rng.choice("0123456789") for _ in range(12))
        return luhn_complete(body), [4, 6, 5]
    prefix = {"visa": "4", "mc": str(rng.randint(51, 55)), "discover": "6011"}[brand]
    body = prefix + "".join(rng.choice("0123456789") for _ in range(15 - len(prefix)))
    return luhn_complete(body), [4, 4, 4, 4]


def ssn(rng: random.Random) -> str:
    area = rng.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"


def phone(rng: random.Random) -> str:
    area = f"{rng.randint(2, 9)}{rng.randint(0, 8)}{rng.randint(0, 9)}"
    return f"{area}{rng.randint(2, 9)}{rng.randint(0, 99):02d}{rng.randint(0, 9999):04d}"


def routing(rng: random.Random) -> str:
    body = [rng.randint(0, 1)] + [rng.randint(0, 9) for _ in range(7)]
    weights = [3, 7, 1, 3, 7, 1, 3, 7]
    check = (10 - sum(w * d for w, d in zip(weights, body, strict=True)) % 10) % 10
    return "".join(map(str, body)) + str(check)


def digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def iban(rng: random.Random) -> str:
    bban = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + digits(rng, 14)
    country = "GB"
    rearranged = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in rearranged))
    check = 98 - number % 97
    raw = f"{country}{check:02d}{bban}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def person(rng: random.Random) -> tuple[str, str, str]:
    locale = rng.choice(list(samples.NAMES))
    firsts, lasts = samples.NAMES[locale]
    return rng.choice(firsts), rng.choice(lasts), locale
