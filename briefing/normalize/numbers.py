"""Numbers in words: cardinals, decimals, ordinals, years, and digits read one by one."""

from __future__ import annotations

import re
from functools import lru_cache

from num2words import num2words

DIGITS = "zero one two three four five six seven eight nine".split()
#: Numbers longer than this are read digit by digit (account or serial numbers, not amounts).
MAX_DIGITS = 15


def _clean(words: str) -> str:
    return words.replace(",", "")


@lru_cache(maxsize=8192)
def cardinal(value: str) -> str:
    """Words for a number written with digits ("800,000", "2.5", "-3", ".5", "004")."""
    number = value.replace(",", "")
    sign = "minus " if number[:1] in "-−" else ""
    number = number.lstrip("-−+")
    whole, dot, fraction = number.partition(".")
    if len(whole) > 1 and whole.startswith("0") and not dot:
        return sign + digits(whole)  # "004": a code, read digit by digit
    if len(whole) > MAX_DIGITS:
        return sign + digits(whole)
    words = _clean(num2words(int(whole))) if whole else ""
    if dot and fraction:
        words = (words + " " if words else "") + "point " + digits(fraction)
    return sign + (words or "zero")


def digits(text: str) -> str:
    """Each digit said on its own ("911" -> "nine one one")."""
    return " ".join(DIGITS[int(d)] for d in text if d.isdigit())


@lru_cache(maxsize=4096)
def ordinal(value: int) -> str:
    return _clean(num2words(value, to="ordinal"))


@lru_cache(maxsize=4096)
def year(value: int) -> str:
    """A year as said: "nineteen ninety-seven", "twenty twelve", "two thousand six"."""
    return _clean(num2words(value, to="year")).replace(" and ", " ").replace("oh-", "oh ")


def plural_year(value: int) -> str:
    """A decade: "nineteen eighties", "twenty twenties", "two thousands", "nineteen tens"."""
    *first, last = year(value).split(" ")
    last = last[:-1] + "ies" if last.endswith("y") else last + "s"
    return " ".join([*first, last])


def decade(two_digits: str) -> str:
    """ "80" of "'80s": "eighties"; "00" is "two thousands"."""
    if two_digits == "00":
        return "two thousands"
    word = cardinal(two_digits)
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def designator(number: str) -> str:
    """A number in a model name, read in groups as people say them: 787 "seven eighty-seven",
    350 "three fifty", 900 "nine hundred", 135 "one thirty-five", 2040 "twenty forty"."""
    if len(number) <= 2 or len(number) > 4:
        return cardinal(number) if len(number) <= 2 else digits(number)
    if len(number) == 3:
        head, tail = number[0], number[1:]
        if tail == "00":
            return f"{cardinal(head)} hundred"
        return f"{cardinal(head)} {'oh ' + cardinal(tail[1]) if tail[0] == '0' else cardinal(tail)}"
    return year(int(number)) if number[0] != "0" else digits(number)


def spell(letters: str) -> str:
    """Capitals said one by one ("PS" -> "P S")."""
    return " ".join(letters.upper())


NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUMBER_ONLY = re.compile(rf"(?:{NUMBER})")


def is_number(text: str) -> bool:
    return bool(_NUMBER_ONLY.fullmatch(text))
