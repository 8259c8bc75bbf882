"""Render digit strings the ways callers say them and STT writes them (bench side only)."""

from __future__ import annotations

import random

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]  # fmt: skip
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

DIGIT_FORMS = ["digits_dashed", "digits_spaced_groups", "digits_unbroken", "digits_one_by_one"]
SPOKEN_FORMS = ["spoken_single", "spoken_grouped_pauses", "spoken_double_triple", "spoken_pairs", "mixed"]
ALL_FORMS = DIGIT_FORMS + SPOKEN_FORMS


def word(d: str, rng: random.Random) -> str:
    if d == "0":
        return rng.choice(["zero", "oh", "oh", "zero"])
    return UNITS[int(d)]


def pair(p: str, rng: random.Random) -> str:
    """A two-digit group as a caller would say it: "forty five", "oh six", "twelve", "twenty"."""
    if p[0] == "0":
        return f"oh {word(p[1], rng)}"
    if p[0] == "1":
        return TEENS[int(p[1])]
    if p[1] == "0":
        return TENS[int(p[0])]
    return f"{TENS[int(p[0])]} {UNITS[int(p[1])]}"


def single_words(digits: str, rng: random.Random, repeats: bool = False) -> str:
    out: list[str] = []
    i = 0
    while i < len(digits):
        j = i
        while j < len(digits) and digits[j] == digits[i]:
            j += 1
        n = j - i
        if repeats and n == 3:
            out.append(f"triple {word(digits[i], rng)}")
        elif repeats and n == 2:
            out.append(f"double {word(digits[i], rng)}")
        else:
            out.extend(word(digits[i], rng) for _ in range(n))
        i = j
    return " ".join(out)


def render(digits: str, groups: list[int], form: str, rng: random.Random) -> str:
    parts: list[str] = []
    i = 0
    for g in groups:
        parts.append(digits[i : i + g])
        i += g
    if form == "digits_dashed":
        return "-".join(parts)
    if form == "digits_spaced_groups":
        return " ".join(parts)
    if form == "digits_unbroken":
        return digits
    if form == "digits_one_by_one":
        return " ".join(digits)
    if form == "spoken_single":
        return single_words(digits, rng)
    if form == "spoken_grouped_pauses":
        sep = rng.choice([", ", "... ", ", uh, "])
        return sep.join(single_words(p, rng) for p in parts)
    if form == "spoken_double_triple":
        return rng.choice([", ", " "]).join(single_words(p, rng, repeats=True) for p in parts)
    if form == "spoken_pairs":
        out = []
        for p in parts:
            chunks = [p[k : k + 2] for k in range(0, len(p), 2)]
            out.append(" ".join(pair(c, rng) if len(c) == 2 else word(c, rng) for c in chunks))
        return ", ".join(out)
    if form == "mixed":
        return " ".join(p if rng.random() < 0.5 else single_words(p, rng) for p in parts)
    raise ValueError(form)


def spoken_year(y: int, rng: random.Random) -> str:
    if y >= 2000:
        rest = y - 2000
        if rest == 0:
            return "two thousand"
        tail = UNITS[rest] if rest < 10 else pair(f"{rest:02d}", rng)
        return f"two thousand {rng.choice(['', 'and '])}{tail}".replace("  ", " ")
    return f"{pair(str(y)[:2], rng)} {pair(str(y)[2:], rng)}"


ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
            "seventeenth", "eighteenth", "nineteenth", "twentieth"]  # fmt: skip


def spoken_ordinal(d: int) -> str:
    if d <= 20:
        return ORDINALS[d]
    if d == 30:
        return "thirtieth"
    return f"{TENS[d // 10]} {ORDINALS[d % 10]}"


def suffix(d: int) -> str:
    if d in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
