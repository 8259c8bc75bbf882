"""Seeded generator of speech-like transcript fragments with gold PII spans.

Each PII instance is rendered in one of the forms speech-to-text produces and placed in one of
four contexts: a cue before it, a cue after it, a bare answer to an assistant question (the hint
comes from ``infer_hint`` on that question, as in the webhook), or no cue at all (only for types a
caller plausibly says that way). Every final is also emitted as cumulative partials cut at word
boundaries. About 40% of fragments carry no PII but plenty of numbers. Phrasings are written to
sound like callers, not to match the engine's cue list.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import samples, spoken, values

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip


@dataclass
class Gold:
    type: str
    start: int
    end: int
    form: str


@dataclass
class Fragment:
    text: str
    question: str | None
    gold: list[Gold] = field(default_factory=list)
    partial: bool = False
    context: str = "none"


# type -> (cue-before templates, cue-after templates, assistant questions, allow uncued)
TEMPLATES: dict[str, tuple[list[str], list[str], list[str], bool]] = {
    "US_SSN": (
        [
            "my social is {}",
            "social security number is {}",
            "ok my SSN, {}",
            "it's uh, my social's {}",
            "the social on the account should be {}",
        ],
        ["{} is my social", "{}, that's my social security number"],
        ["Can I have your Social Security number?", "What's your SSN?"],
        True,
    ),
    "CREDIT_CARD": (
        ["my card number is {}", "it's a Visa, {}", "the card is {}", "use my Mastercard, {}", "the number on the card is {}"],
        ["{}, that's the card", "{} is my debit card"],
        ["What's the card number?", "Which card would you like to use? Go ahead with the number."],
        True,
    ),
    "CARD_CVV": (
        ["the security code is {}", "CVV is {}", "the three digits on the back are {}"],
        [],
        ["And the security code on the back?", "What's the CVV?"],
        False,
    ),
    "CARD_EXPIRY": (
        ["it expires {}", "expiration {}", "exp date is {}", "good through {}"],
        [],
        ["What's the expiration date?"],
        False,
    ),
    "PHONE_NUMBER": (
        ["you can reach me at {}", "my cell is {}", "call me back on {}", "my phone number is {}", "best number is {}"],
        ["{} is my cell", "{}, that's my home phone"],
        ["What's the best phone number to reach you?", "Can I get a callback number?"],
        True,
    ),
    "BANK_ROUTING": (["the routing number is {}", "routing {}"], [], ["What's the routing number on the check?"], False),
    "BANK_ACCOUNT": (
        ["my account number is {}", "checking account is {}", "account number, {}"],
        [],
        ["And the account number?"],
        False,
    ),
    "MEDICAL_ID": (
        ["my member ID is {}", "insurance ID {}", "medical record number is {}", "policy number {}"],
        [],
        ["Can I get the member ID from your insurance card?"],
        False,
    ),
    "DATE_OF_BIRTH": (
        ["my date of birth is {}", "I was born {}", "birthday's {}", "DOB {}"],
        [],
        ["Can I get your date of birth?", "And your birth date?"],
        True,
    ),
    "EMAIL_ADDRESS": (
        ["my email is {}", "email address is {}", "send it to {}"],
        [],
        ["What's a good email for the receipt?"],
        True,
    ),
    "PERSON": (
        ["my name is {}", "this is {}", "Hi, this is {} calling", "the patient is {}", "my last name is {}"],
        [],
        ["Who am I speaking with?", "Can I get your full name?"],
        False,
    ),
    "STREET_ADDRESS": (
        ["I live at {}", "ship it to {}", "my address is {}", "mail it to {}"],
        [],
        ["What's the address on the account?"],
        True,
    ),
    "IP_ADDRESS": (["my IP is {}", "the router says {}"], [], ["What's the IP address on the screen?"], True),
    "IBAN": (["my IBAN is {}", "transfer it to {}"], [], ["What's the IBAN?"], True),
}
FILLERS = ["", "", "uh ", "um ", "yeah ", "sure, ", "okay so "]
TAILS = ["", "", ".", ", thanks", " if that helps", ". Is that right?"]


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def numeric(self, digits: str, groups: list[int]) -> tuple[str, str]:
        form = self.rng.choice(spoken.ALL_FORMS)
        return spoken.render(digits, groups, form, self.rng), form

    def value(self, kind: str, cued: bool = True) -> tuple[str, str]:
        """A value of ``kind`` and its form; ``cued`` is False when no cue or question comes with
        it, and a form that only a cue makes PII (a date of birth with a two-digit year) is then
        not chosen."""
        rng = self.rng
        if kind == "US_SSN":
            return self.numeric(values.ssn(rng), [3, 2, 4])
        if kind == "CREDIT_CARD":
            return self.numeric(*values.card(rng))
        if kind == "CARD_CVV":
            return self.numeric(values.digits(rng, 3), [3])
        if kind == "CARD_EXPIRY":
            mm, yy = rng.randint(1, 12), rng.randint(25, 33)
            choice = rng.random()
            if choice < 0.3:
                return f"{mm:02d}/{yy}", "digits_slash"
            if choice < 0.6:
                return f"{spoken.pair(f'{mm:02d}', rng)} {spoken.pair(str(yy), rng)}", "spoken_pairs"
            if choice < 0.8:
                return f"{MONTHS[mm - 1]} {spoken.spoken_year(2000 + yy, rng)}", "spoken_month"
            return self.numeric(f"{mm:02d}{yy}", [2, 2])
        if kind == "PHONE_NUMBER":
            return self.numeric(values.phone(rng), [3, 3, 4])
        if kind == "BANK_ROUTING":
            return self.numeric(values.routing(rng), [3, 3, 3])
        if kind == "BANK_ACCOUNT":
            n = rng.randint(8, 12)
            return self.numeric(values.digits(rng, n), [4] * (n // 4) + ([n % 4] if n % 4 else []))
        if kind == "MEDICAL_ID":
            if rng.random() < 0.4:
                letters = "".join(rng.choice("ABCDEFGHJKMNPRSTUVWXYZ") for _ in range(3))
                return letters + values.digits(rng, 9), "alphanumeric"
            return self.numeric(values.digits(rng, 9), [3, 3, 3])
        if kind == "DATE_OF_BIRTH":
            return self.dob(cued)
        if kind == "EMAIL_ADDRESS":
            return self.email()
        if kind == "PERSON":
            return self.name()
        if kind == "STREET_ADDRESS":
            return self.address()
        if kind == "IP_ADDRESS":
            return ".".join(str(rng.randint(1, 254)) for _ in range(4)), "written"
        if kind == "IBAN":
            return values.iban(rng), "written"
        raise ValueError(kind)

    def dob(self, cued: bool = True) -> tuple[str, str]:
        rng = self.rng
        y, m, d = rng.randint(1935, 2006), rng.randint(1, 12), rng.randint(1, 28)
        forms = ["month_name", "numeric_slash", "spoken_ordinal", "spoken_month", "spoken_digits", "iso", "day_pause_month"]
        form = rng.choice(forms + (["short_year"] if cued else []))
        if form == "short_year":  # "june 20th, 52", "february the first, eighty one"
            yy = f"{y % 100:02d}"
            if rng.random() < 0.5:
                return f"{MONTHS[m - 1].lower()} {d}{spoken.suffix(d)}, {yy}", form
            return f"{MONTHS[m - 1].lower()} the {spoken.spoken_ordinal(d)}, {spoken.pair(yy, rng)}", form
        if form == "day_pause_month":  # "the fifteenth, march, nineteen eighty"
            return f"the {spoken.spoken_ordinal(d)}, {MONTHS[m - 1].lower()}, {spoken.spoken_year(y, rng)}", form
        if form == "month_name":
            return f"{MONTHS[m - 1]} {d}{spoken.suffix(d)}, {y}", form
        if form == "numeric_slash":
            return (f"{m:02d}/{d:02d}/{y}" if rng.random() < 0.6 else f"{m}/{d}/{str(y)[2:]}"), form
        if form == "spoken_ordinal":
            return f"the {spoken.spoken_ordinal(d)} of {MONTHS[m - 1].lower()} {spoken.spoken_year(y, rng)}", form
        if form == "spoken_month":
            return f"{MONTHS[m - 1].lower()} {spoken.spoken_ordinal(d)} {spoken.spoken_year(y, rng)}", form
        if form == "spoken_digits":
            return spoken.render(f"{m:02d}{d:02d}{str(y)[2:]}", [2, 2, 2], "spoken_pairs", rng), form
        return f"{y}-{m:02d}-{d:02d}", form

    def email(self) -> tuple[str, str]:
        rng = self.rng
        first, last, _ = values.person(rng)
        local_parts = [first.split()[0].lower(), last.split()[-1].lower().replace("'", "")]
        host, tld = rng.choice(samples.MAIL_HOSTS)
        form = rng.choice(["written", "spoken", "spoken_underscore", "spelled"])
        if form == "written":
            return f"{local_parts[0]}.{local_parts[1]}{rng.randint(1, 99)}@{host}.{tld}", form
        if form == "spoken":
            return f"{local_parts[0]} dot {local_parts[1]} at {host} dot {tld}", form
        if form == "spoken_underscore":
            return f"{local_parts[0]} underscore {local_parts[1]} {rng.randint(1, 99)} at {host} dot {tld}", form
        return " ".join(local_parts[1][:6]) + f" at {host} dot {tld}", form

    def name(self) -> tuple[str, str]:
        rng = self.rng
        first, last, locale = values.person(rng)
        form = rng.choice(["capitalised", "capitalised", "lowercase", "spelled"])
        if form == "lowercase":
            return f"{first} {last}".lower(), f"{form}:{locale}"
        if form == "spelled":
            letters = [c for c in last if c.isalpha()][:7]
            sep = rng.choice([" ", "-", ". "])
            return f"{first} {last}, {sep.join(c.upper() for c in letters)}", f"{form}:{locale}"
        return f"{first} {last}", f"{form}:{locale}"

    def address(self) -> tuple[str, str]:
        rng = self.rng
        house = str(rng.randint(1, 9999))
        spoken_house = rng.random() < 0.4
        house_text = spoken.render(house, [len(house)], "spoken_pairs", rng) if spoken_house else house
        city, state = rng.choice(samples.CITIES)
        city_said, state_said = rng.choice(samples.CITIES_SAID)
        tail = rng.choice(["", f", {city}, {state}", f", {city} {state} {values.digits(rng, 5)}",
                           f", apartment {rng.randint(1, 40)}", f", {city_said} {state_said}"])  # fmt: skip
        shape = rng.choice(["street", "street", "street", "ordinal", "route", "po_box"])
        if shape == "po_box":  # "P.O. Box 123", "PO box eight three eight"
            box = str(rng.randint(1, 9999))
            spoken_box = rng.random() < 0.5
            box_text = spoken.single_words(box, rng) if spoken_box else box
            tail = "" if tail.startswith(", apartment") else tail  # a box has no apartment
            return f"{rng.choice(samples.PO_BOXES)} {box_text}{tail}", "po_box_spoken" if spoken_box else "po_box"
        if shape == "ordinal":  # "forty second Ave", "5th Street"
            n = rng.choice([k for k in range(1, 100) if k <= 30 or k % 10])  # spoken_ordinal has no "fortieth"
            name = spoken.spoken_ordinal(n) if rng.random() < 0.5 else f"{n}{spoken.suffix(n)}"
            street = f"{name} {rng.choice(samples.SUFFIXES)}"
        elif shape == "route":  # "county road 237", "highway 101", "FM 1960"
            street = f"{rng.choice(samples.ROUTES)} {rng.randint(1, 2999)}"
        else:
            street = f"{rng.choice(samples.STREETS)} {rng.choice(samples.SUFFIXES)}"
        form = "spoken_house" if spoken_house else "written"
        return f"{house_text} {street}{tail}", form if shape == "street" else f"{shape}_{form}"
