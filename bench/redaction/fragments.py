"""Assemble fragments: PII in context, number-heavy non-PII sentences, cumulative partials."""

from __future__ import annotations

import random

from . import spoken
from .generator import FILLERS, MONTHS, TAILS, TEMPLATES, Fragment, Generator, Gold

NON_PII = [
    "let's do {time} on {weekday}", "it takes about {small} minutes", "take {dose} milligrams twice a day",
    "the bill was ${price}", "that's {words_small} dollars and {small} cents", "I need {words_small} refills",
    "press {digit} for pharmacy", "I'm in room {room}", "it's suite {room} on the {ordinal} floor",
    "your order number is {order}", "the confirmation number is {order_spoken}",
    "the tracking number is {tracking}", "my zip code is {zip}", "I've been with you since {year}",
    "it's {words_small} degrees out", "your balance is ${thousands}", "we have {digit} kids",
    "the appointment is {month} {day}{suffix} at {time}", "call back in {words_small} minutes",
    "I called like {digit} times last week", "my dad is {age} years old", "it's about {small} percent",
    "flight {flight} lands at {time}", "the reference number is {order}", "extension {room} please",
    "the case number is {order_spoken}", "I'm {age} and she's {age}", "the model number is {model}",
    "my kid takes {half} of a tablet", "page {small} of the letter", "it was {year} or {year} I think",
    "the {ordinal} one was {price}", "we paid {words_small} hundred for it", "from {time} to {time}",
    "ok so that's {small} units", "I'll be there in {words_small} minutes", "version {version}",
    "my claim number is {order}", "your plan costs {price} a month", "it's {words_small} {words_small}",
    "hold on one second", "I don't know, maybe twenty five or thirty", "no it was the second one",
    "hi, this is {org}, how can I help you today?", "thanks for calling {org}", "he goes by {mode} most days",
    "take route {small} to get there", "highway {room} was closed this morning", "we're on the {ordinal} floor",
    "it's a {words_small} second walk from here", "the bill from {month} the {ordinal}, {recent_year} is paid",
]  # fmt: skip


def _fill(template: str, rng: random.Random) -> str:
    def small() -> str:
        return str(rng.randint(2, 90))

    subs = {
        "time": lambda: rng.choice([f"{rng.randint(1, 12)}:{rng.choice(['00', '15', '30', '45'])} {rng.choice(['am', 'pm'])}",
                                    f"{spoken.UNITS[rng.randint(1, 9)]} thirty", f"{rng.randint(1, 12)} o'clock"]),
        "weekday": lambda: rng.choice(["Monday", "Tuesday", "Friday"]),
        "small": small, "dose": lambda: str(rng.choice([5, 10, 20, 25, 50, 250, 500])),
        "price": lambda: f"{rng.randint(5, 400)}.{rng.randint(0, 99):02d}",
        "words_small": lambda: spoken.pair(str(rng.randint(20, 99)), rng),
        "digit": lambda: str(rng.randint(1, 9)), "room": lambda: str(rng.randint(100, 999)),
        "ordinal": lambda: spoken.spoken_ordinal(rng.randint(1, 12)),
        "order": lambda: str(rng.randint(10_000, 99_999_999)),
        "order_spoken": lambda: spoken.render(
            str(rng.randint(100_000, 999_999_999)), [3, 3, 3], rng.choice(spoken.ALL_FORMS), rng
        ),
        "tracking": lambda: "1Z" + "".join(rng.choice("0123456789ABCDEF") for _ in range(16)),
        "zip": lambda: str(rng.randint(10_000, 99_999)), "year": lambda: str(rng.randint(1990, 2025)),
        "recent_year": lambda: str(rng.randint(2020, 2025)),
        "thousands": lambda: f"{rng.randint(1, 9)},{rng.randint(0, 999):03d}.{rng.randint(0, 99):02d}",
        "month": lambda: rng.choice(MONTHS), "day": lambda: str(rng.randint(1, 28)),
        "suffix": lambda: "th", "age": lambda: str(rng.randint(18, 95)),
        "flight": lambda: f"{rng.choice(['UA', 'DL', 'AA'])} {rng.randint(10, 2999)}",
        "model": lambda: f"{rng.choice(['XR', 'TX', 'B'])}-{rng.randint(100, 9999)}",
        "org": lambda: f"{rng.choice(['Acme', 'Mercy', 'Northside', 'Lakeview', 'Summit'])} "
                       f"{rng.choice(['Health', 'Hospital', 'Pharmacy', 'Dental Care', 'Credit Union', 'Insurance'])}",
        "mode": lambda: rng.choice(["bus", "car", "train", "bike"]),
        "half": lambda: "half", "version": lambda: f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
    }  # fmt: skip
    out = template
    while "{" in out:
        start = out.index("{")
        end = out.index("}", start)
        out = out[:start] + subs[out[start + 1 : end]]() + out[end + 1 :]
    return out


def _pii(gen: Generator, kind: str) -> Fragment:
    rng = gen.rng
    before, after, questions, uncued_ok = TEMPLATES[kind]
    contexts = ["left"] * 4 + ["right"] * (2 if after else 0) + ["hint"] * 3 + ["none"] * (2 if uncued_ok else 0)
    context = rng.choice(contexts)
    value, form = gen.value(kind, cued=context != "none")
    question = None
    if context == "left":
        template = rng.choice(before)
    elif context == "right":
        template = rng.choice(after)
    elif context == "hint":
        question = rng.choice(questions)
        template = rng.choice(["{}", "{}", "it's {}", "yeah it's {}"])
    else:
        template = rng.choice(["{}", "ok {}", "right, {} and that's it", "so {}"])
    prefix, suffix = template.split("{}")
    lead = rng.choice(FILLERS)
    text = lead + prefix
    start = len(text)
    text += value
    gold = [Gold(kind, start, len(text), form)]
    text += suffix + rng.choice(TAILS)
    if rng.random() < 0.25:  # a non-PII number sentence in the same utterance
        extra = _fill(rng.choice(NON_PII), rng)
        if rng.random() < 0.5:
            text = f"{text.rstrip('.')}, and {extra}"
        else:
            shift = len(extra) + 2
            text = f"{extra}. {text}"
            gold = [Gold(g.type, g.start + shift, g.end + shift, g.form) for g in gold]
    return Fragment(text, question, gold, False, context)


def _partials(final: Fragment, rng: random.Random) -> list[Fragment]:
    """Cumulative partials as STT emits them, cut at word boundaries (often inside the PII)."""
    cuts = [i for i, ch in enumerate(final.text) if ch == " "]
    if not cuts:
        return []
    out = []
    for cut in sorted(rng.sample(cuts, min(len(cuts), 3))):
        gold = [Gold(g.type, g.start, min(g.end, cut), g.form) for g in final.gold if g.start < cut]
        gold = [g for g in gold if final.text[g.start : g.end].strip(" ,.")]
        out.append(Fragment(final.text[:cut], final.question, gold, True, final.context))
    return out


def generate(seed: int, n: int) -> list[Fragment]:
    """``n`` finals (about 60% with PII) plus their cumulative partials."""
    gen = Generator(seed)
    rng = gen.rng
    kinds = list(TEMPLATES)
    weights = [10 if k in ("US_SSN", "CREDIT_CARD", "PHONE_NUMBER", "DATE_OF_BIRTH") else 6 for k in kinds]
    fragments: list[Fragment] = []
    for _ in range(n):
        if rng.random() < 0.6:
            final = _pii(gen, rng.choices(kinds, weights)[0])
        else:
            text = _fill(rng.choice(NON_PII), rng)
            final = Fragment(text[0].upper() + text[1:] if rng.random() < 0.5 else text, None)
        fragments.append(final)
        if rng.random() < 0.5:
            fragments.extend(_partials(final, rng))
    return fragments


def transcript(fragments: list[Fragment], words: int, pii_every: int = 0) -> str:
    """An end-of-call transcript of about ``words`` words built from finals.

    By default the finals come in generation order (about 60% carry PII: a worst case); with
    ``pii_every=n`` only one line in n does, as in a call that is mostly small talk.
    """
    lines: list[str] = []
    count = 0
    finals = [f for f in fragments if not f.partial]
    if pii_every:
        pii = [f for f in finals if f.gold]
        plain = [f for f in finals if not f.gold]
        finals = [pii[i // pii_every % len(pii)] if i % pii_every == 0 else plain[i % len(plain)] for i in range(len(finals))]
    i = 0
    while count < words:
        f = finals[i % len(finals)]
        lines.append(f"{'AI' if i % 2 else 'User'}: {f.text}")
        count += len(f.text.split()) + 1
        i += 1
    return "\n".join(lines)


def conversation(fragments: list[Fragment], words: int) -> Fragment:
    """An end-of-call transcript of about ``words`` words as the report stores it, with its gold.

    Unlike ``transcript``, a final that answers a question comes after the assistant's line that
    asks it ("AI: What's the CVV?\\nUser: 353"), as in a real call, so a bare answer can only be
    caught by reading it with its question (``redact(..., turns=True)``).
    """
    lines: list[str] = []
    gold: list[Gold] = []
    pos = count = i = 0
    finals = [f for f in fragments if not f.partial]
    while count < words:
        f = finals[i % len(finals)]
        if f.question:
            lines.append(f"AI: {f.question}")
            pos += len(lines[-1]) + 1
            count += len(f.question.split()) + 1
            label = "User"
        else:
            label = "AI" if i % 2 else "User"
        prefix = f"{label}: "
        gold.extend(Gold(g.type, pos + len(prefix) + g.start, pos + len(prefix) + g.end, g.form) for g in f.gold)
        lines.append(prefix + f.text)
        pos += len(lines[-1]) + 1
        count += len(f.text.split()) + 1
        i += 1
    return Fragment("\n".join(lines), None, gold, False, "conversation")
