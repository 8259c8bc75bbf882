"""Hand-written word lists the detectors share.

Kept in one module so the vocabulary is reviewable in one sitting and compiled into sets and
regex alternations once, at import. None of it is a list of names: names are found from cue
phrases, capitalisation and spelling, so the engine does not depend on who happens to be in a list.
"""

from __future__ import annotations


def _words(s: str) -> list[str]:
    return s.split()


UNIT_WORDS: dict[str, str] = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "niner": "9",
}
TEEN_WORDS: dict[str, str] = {
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
}
TENS_WORDS: dict[str, str] = {
    "twenty": "2",
    "thirty": "3",
    "forty": "4",
    "fourty": "4",
    "fifty": "5",
    "sixty": "6",
    "seventy": "7",
    "eighty": "8",
    "ninety": "9",
}
REPEAT_WORDS: dict[str, int] = {"double": 2, "triple": 3}
SCALE_WORDS: frozenset[str] = frozenset({"hundred", "thousand"})
NUMBER_WORDS: frozenset[str] = frozenset([*UNIT_WORDS, *TEEN_WORDS, *TENS_WORDS, *REPEAT_WORDS, *SCALE_WORDS])

# Words a caller says while thinking or correcting; they neither break a number nor count as
# distance between a cue and the number it introduces.
# "like" too: "three five three four two like seven five eight oh" is one number
FILLERS: frozenset[str] = frozenset({"uh", "um", "umm", "uhm", "er", "erm", "ah", "hmm", "mm", "like"})
CORRECTIONS: frozenset[str] = frozenset(
    {
        "no",
        "sorry",
        "wait",
        "actually",
        "mean",
        "i",
        "let",
        "me",
        "start",
        "over",
        "scratch",
        "that",
        "oops",
        "correction",
        "rather",
        "not",
        "make",
        "it",
        "hold",
        "on",
        "again",
    }
)

# A number directly followed by one of these is a quantity, a time or a price, never an identifier.
QUANTITY_AFTER: frozenset[str] = frozenset(
    _words("""
    minute minutes min mins hour hours hr hrs second seconds sec secs day days week weeks month
    months year years yr yrs old am pm a.m p.m o'clock oclock percent pct % mg milligram milligrams
    mcg microgram micrograms ml milliliter milliliters millilitre millilitres cc unit units tablet
    tablets pill pills capsule capsules dose doses drop drops puff puffs time times dollar dollars
    buck bucks cent cents usd euro euros pound pounds lb lbs kg kilo kilos kilogram kilograms gram
    grams ounce ounces oz mile miles km feet foot ft inch inches meter meters metre metres degree
    degrees calorie calories people person items item box boxes pack packs refill refills bottle
    bottles kid kids children patients visits point points star stars hundred thousand million
    billion k x times-a-day ish floors steps rings seats bags stops blocks something odd
    """)
)
# Words right before a number that make it a room, an option, an order or some other non-PII
# reference. A nearer PII cue still wins (see cues.py).
NEGATIVE_BEFORE: frozenset[str] = frozenset(
    _words("""
    room suite ste apartment apt unit floor gate terminal building bldg press option extension ext
    step page chapter line row seat aisle table bed level version firmware build grade size flight bus route
    channel highway interstate exit order confirmation tracking reference ref case ticket invoice
    receipt transaction claim model serial zip postal postcode zipcode promo coupon discount voucher
    lot batch item sku part store branch location platform track episode season volume question
    score rated rating
    """)
)

# Common words that end a name. Capitalised tokens in this set are still refused after a weak cue
# ("I'm Calling about...", "this is Great").
STOP_WORDS: frozenset[str] = frozenset(
    _words("""
    a about above after again against all also am an and any are as at away back be because been let's
    before being below between both but by can can't cannot could did didn't do does doesn't doing
    don't down during each else even ever every few for from further get gets getting go going gone
    good got great had has have having he her here hers herself him himself his how i i'd i'll i'm
    i've if in into is isn't it it's its itself just know let like look looking made make many may
    maybe me might mine more most much must my myself need needs new no nor not now of off okay ok on
    once only or other our ours ourselves out over own please really right said same say see she
    should so some still such sure than thank thanks that that's the their theirs them themselves
    then there these they this those through to too trying under until up us very want wanted was
    wasn't we well were what when where which while who whom why will with would yeah yes yet you
    your yours yourself calling call called here's hi hello hey bye goodbye sorry fine glad happy
    interested wondering just not calling regarding speaking checking phoning ringing writing
    having doing gonna wanna hoping about also only still already currently actually really
    trying working living staying moving coming leaving waiting confused worried sick afraid ready
    done finished new old sure correct right wrong yes nope yep yup uh um hmm er ah oh mm
    customer patient member caller user agent assistant representative doctor nurse team
    sir madam ma'am mister miss mom dad mother father son daughter wife husband brother sister
    number name phone email address date birth card account social security card credit debit
    today tomorrow yesterday morning afternoon evening night week month year time next last tonight weekend
    near behind across around beside towards toward past along inside outside
    always never usually often sometimes rarely someone somebody anyone anybody everyone everybody nobody
    anyway anyways instead either though
    who's what's where's how's there's asking primary secondary necessary temporary ordinary
    monday tuesday wednesday thursday friday saturday sunday press hold wait please
    really very quite pretty totally completely absolutely super kind sort bad ridiculous crazy
    insane terrible awful urgent important serious weird strange frustrating annoying confusing
    perfect wonderful amazing nice lovely cool awesome exactly true false possible impossible
    """)
)

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

STREET_SUFFIXES: tuple[str, ...] = tuple(
    _words("""
    street st avenue ave av road rd boulevard blvd lane ln drive dr court ct way place pl terrace
    ter circle cir parkway pkwy highway hwy trail trl square sq loop alley crescent cres close
    plaza plz pike turnpike expressway expy freeway fwy causeway row walk heights hts grove
    """)
)

_STATES_ONE_WORD = _words("""
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
    minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
    tennessee texas utah vermont virginia washington wisconsin wyoming
    """)
_STATES_TWO_WORDS = [
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "rhode island",
    "south carolina",
    "south dakota",
    "west virginia",
]
US_STATES: tuple[str, ...] = (*_STATES_ONE_WORD, *_STATES_TWO_WORDS)
# How a state is shortened in speech after its city ("lowell mass", "Erie, Penn."). Several are
# English words ("mass", "wash", "ill", "miss"), so these are only read as a state right after a city.
US_STATE_SHORT_FORMS: tuple[str, ...] = tuple(
    _words("""
    ala ariz ark calif cali colo conn fla ill ind kan kans mass mich minn miss mont neb nebr nev
    okla ore penn penna tenn tex wash wis wisc wyo
    """)
)
# Postal codes as speech-to-text writes them lowercase, without those that are English words or
# common short words ("in", "or", "me", "hi", "ok", "oh", "la", "pa", "ma", "id", "co", "de"...).
US_STATE_CODES_LOWERCASE: tuple[str, ...] = tuple(
    _words("ak az ar ca ct dc fl ga ia il ks ky md mi mn mt nc nd nh nj nm nv ny ri sc sd tn tx ut va vt wa wi wv wy")
)
# ... and those, read as a state only when a ZIP follows ("columbus, oh 43201")
US_STATE_CODES_THAT_ARE_WORDS: tuple[str, ...] = tuple(_words("al co de hi id in la ma me mo ms ne oh ok or pa"))

TLDS: tuple[str, ...] = tuple(
    _words(
        "com net org edu gov io co us uk ca info biz me mil ai app dev de fr es it nl au in mx br jp ch se no pl ie nz za"
        " ru cn kr tw hk sg dk fi pt gr cz hu ro tr il ar cl pe ph vn eg ng ke kz ua be lu ee lv lt sk si hr rs"
        " bg ge uz pk bd lk np th ae sa qa gh tz ug et"
    )
)
# Mail services whose name alone, after "at", says an e-mail ("maria85 at hotmail"). Hosts that are
# also everyday words or employers ("look at me", "I work at verizon") need their top-level domain.
COMMON_MAIL_HOSTS: tuple[str, ...] = tuple(_words("gmail yahoo hotmail outlook icloud aol protonmail msn sbcglobal ymail gmx"))
