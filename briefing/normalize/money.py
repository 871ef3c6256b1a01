"""Money: amounts with their currency and scale, ranges of them, and prices per unit."""

from __future__ import annotations

import re

from .numbers import NUMBER, cardinal

_CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "₩": ("won", "won", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "Rs": ("rupee", "rupees", "paisa", "paise"),
    "R$": ("real", "reais", "centavo", "centavos"),
}
_PREFIXES = {
    "US": "US ",
    "A": "Australian ",
    "C": "Canadian ",
    "NZ": "New Zealand ",
    "HK": "Hong Kong ",
    "S": "Singapore ",
}
_SCALES = {
    "k": "thousand",
    "thousand": "thousand",
    "m": "million",
    "mn": "million",
    "mln": "million",
    "million": "million",
    "b": "billion",
    "bn": "billion",
    "bln": "billion",
    "billion": "billion",
    "t": "trillion",
    "tn": "trillion",
    "trillion": "trillion",
    "crore": "crore",
    "lakh": "lakh",
}
_SCALE = (
    r"(?:\s?(?P<scale{n}>(?i:thousand|million|billion|trillion|crore|lakh|mln|bln|bn|mn|tn|"
    r"[kmbt]))\b)?"
)
_CUR = r"(?P<prefix>US|A|C|NZ|HK|S)?(?P<cur>\bR\$|[$€£¥₩₹]|\bRs\.?\s?)"
_AMOUNT = re.compile(
    rf"{_CUR}\s?(?P<num>{NUMBER}){_SCALE.format(n='')}"
    rf"(?:\s?[-–]\s?(?:[$€£¥₩₹])?(?P<num2>{NUMBER}){_SCALE.format(n='2')})?"
    r"(?P<per>\s?/\s?(?:mo|month|wk|week|yr|year|day|hr|hour|person|head)\b|-a-(?:month|week|year|day))?"
)
_PER = {"mo": "month", "wk": "week", "yr": "year", "hr": "hour"}
#: After an amount, these words start something else: the amount stays plural.
_NOT_A_NOUN = frozenset(
    """
    a an the in on to for from of and or but nor as at by into with over under after before
    since so if when while because than per each plus more less last this that these those
    next every was is were are be been will would could should can may might must has had
    have did does do said says says worth apiece annually a year apart later ago earlier
    """.split()
)


def _scale(text: str | None) -> str:
    return _SCALES[text.lower()] if text else ""


def _attributive(text: str, end: int) -> bool:
    """ "a $40 million plan", "$9 billion order": an amount before a noun takes the singular."""
    following = re.match(r"\s+([a-z][a-z-]*)", text[end:])
    if not following:
        return False
    word = following.group(1)
    return word not in _NOT_A_NOUN and not word.endswith(("ly", "ing", "ed"))


def _trimmed(number: str) -> str:
    """ "20.500" -> "20.50", "2.000" -> "2.00": zeros past the cents say nothing."""
    whole, dot, fraction = number.partition(".")
    if dot and len(fraction) > 2:
        fraction = fraction.rstrip("0").ljust(2, "0")
    return whole + dot + fraction if dot else number


def amount(number: str, scale: str | None, units: tuple[str, ...], singular: bool) -> str:
    """One amount in words: "2.5" million dollars, 20 dollars and 50 cents, 5 cents."""
    one, many, sub_one, sub_many = units
    if scale:
        return f"{cardinal(number)} {_scale(scale)} {one if singular else many}"
    number = _trimmed(number.replace(",", ""))
    whole, _, cents = number.partition(".")
    if len(cents) > 2 or (cents and not sub_many):
        return f"{cardinal(number)} {many}"
    c = int(cents.ljust(2, "0")) if cents else 0
    small = f"{cardinal(str(c))} {sub_one if c == 1 else sub_many}"
    if c and int(whole or 0) == 0:
        return small
    # "a $1,000 fine": singular; "a $6.99 plan" stays "six dollars and ninety-nine cents".
    unit = one if whole == "1" or (singular and not c) else many
    return f"{cardinal(whole or '0')} {unit}" + (f" and {small}" if c else "")


def money(text: str) -> str:
    """ "$2.5 million" and "$2.5M" -> "two point five million dollars"; "¥30B" -> "thirty
    billion yen"; "a $40 million plan" -> "a forty million dollar plan"; "$250-$300" and
    "$40-50 billion" -> "... to ..."; "$20/mo" and "$6.99-a-month" -> "... a month";
    "US$76.3 trillion" -> "seventy-six point three trillion US dollars"; "$0.99" -> "ninety-nine
    cents"; "Rs 500" -> "five hundred rupees", "Rs 5,000 crore" -> "five thousand crore rupees";
    "R$10" -> "ten reais"."""

    def repl(m: re.Match[str]) -> str:
        symbol = m["cur"].strip().rstrip(".")
        units = _CURRENCIES[symbol if symbol in _CURRENCIES else "Rs"]
        if m["prefix"] in _PREFIXES and units[0] == "dollar":
            name = _PREFIXES[m["prefix"]]
            units = (name + units[0], name + units[1], units[2], units[3])
        singular = _attributive(text, m.end())
        per = m["per"]
        if per:
            unit = re.sub(r"[^a-z]", " ", per.lower()).split()[-1]
            per = f" a {_PER.get(unit, unit)}" if unit not in ("person", "head") else f" per {unit}"
        if m["num2"] is None:
            return amount(m["num"], m["scale"], units, singular) + (per or "")
        # A range: the scale of the second amount serves the first ("$40-50 billion").
        scale2 = m["scale2"] or m["scale"]
        first = amount(m["num"], m["scale"] or scale2, units, singular)
        if not m["scale"] and scale2:
            first = f"{cardinal(m['num'])}"  # "forty to fifty billion dollars"
        return f"{first} to {amount(m['num2'], scale2, units, singular)}" + (per or "")

    text = _AMOUNT.sub(repl, text)
    return _BARE_SCALE.sub(lambda m: f"{cardinal(m['num'])} {_scale(m['scale'])}", text)


_BARE_SCALE = re.compile(rf"(?<![\w.,])(?P<num>{NUMBER})\s?(?P<scale>bn|mn|tn|mln|bln)\b")
