"""Text as a newsreader says it: numbers, money, dates, times, units and abbreviations in words.

`spoken` applies small named rules in order; each rule is a pure str -> str function.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from num2words import num2words

Rule = Callable[[str], str]

MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_MONTH = rf"(?P<month>{_MONTH_NAMES}|(?:{_MONTH_ABBR})\.?)"


@lru_cache(maxsize=8192)
def cardinal(value: str) -> str:
    """Words for a number written with digits ("800,000", "2.5", "-3")."""
    number = value.replace(",", "")
    negative = number.startswith(("-", "−"))
    number = number.lstrip("-−")
    if "." in number:
        whole, frac = number.split(".", 1)
        words = num2words(int(whole or 0)) + " point " + " ".join(num2words(int(d)) for d in frac)
    else:
        words = num2words(int(number))
    words = words.replace(",", "")
    return ("minus " + words) if negative else words


@lru_cache(maxsize=4096)
def ordinal(value: int) -> str:
    return num2words(value, to="ordinal").replace(",", "")


@lru_cache(maxsize=4096)
def year(value: int) -> str:
    return num2words(value, to="year").replace(",", "")


def _month(name: str) -> str:
    key = name.rstrip(".").lower()
    return MONTHS.get(key[:4] if key.startswith("sept") else key[:3], name)


# --- rules -----------------------------------------------------------------------------------


def typography(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("…", "...")
    text = re.sub(r"[“”«»„\"]", "", text)
    text = re.sub(r"(?<=\d)\s*[—–]\s*(?=\d)", "-", text)  # ranges are read by `ranges`
    text = re.sub(r"\s+[—–]\s+|\s*—\s*", ", ", text)
    return re.sub(r"(?<=\w)–(?=\w)", "-", text)


_URL = re.compile(
    r"\b(?:https?://)?(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|"
    r"gov|edu|io|co|uk|de|fr|info|news|tv|int|eu))(?:/[^\s]*)?",
    re.I,
)
_EMAIL = re.compile(r"\b(?P<user>[\w.+-]+)@(?P<host>[\w-]+(?:\.[\w-]+)+)\b")
_HANDLE = re.compile(r"(?<![\w@])@(?P<name>[A-Za-z_]\w{1,30})\b")
_HASHTAG = re.compile(r"(?<![\w#])#(?P<tag>[A-Za-z]\w+)")


def web(text: str) -> str:
    """URLs to their host, e-mail and handles to plain words."""
    text = _EMAIL.sub(lambda m: f"{m['user']} at {m['host'].replace('.', ' dot ')}", text)
    text = _URL.sub(lambda m: m["host"].replace(".", " dot "), text)
    text = _HANDLE.sub(lambda m: m["name"], text)
    return _HASHTAG.sub(lambda m: m["tag"], text)


_ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")
_DAY_TO = r"(?:\s?[-–]\s?(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"
_MDY = re.compile(
    rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?{_DAY_TO}\b"
    r"(?:,?\s+(?P<year>(?:1[5-9]|20)\d\d)\b)?"
)
_DMY = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?{_DAY_TO}\s+{_MONTH}"
    r"(?:,?\s+(?P<year>(?:1[5-9]|20)\d\d)\b)?"
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<year>(?:1[5-9]|20)\d\d)\b")
_MONTH_NAMES_LIST = [m for m in _MONTH_NAMES.split("|")]


def dates(text: str) -> str:
    def iso(m: re.Match[str]) -> str:
        month = _MONTH_NAMES_LIST[int(m["m"]) - 1]
        return f"{month} {ordinal(int(m['d']))}, {year(int(m['y']))}"

    def days(m: re.Match[str]) -> list[int] | None:
        found = [int(d) for d in (m["day"], m["day2"]) if d]
        return found if all(1 <= d <= 31 for d in found) else None

    def mdy(m: re.Match[str]) -> str:
        found = days(m)
        if not found:
            return m.group(0)
        out = f"{_month(m['month'])} " + " to ".join(ordinal(d) for d in found)
        return out + (f", {year(int(m['year']))}" if m["year"] else "")

    def dmy(m: re.Match[str]) -> str:
        found = days(m)
        if not found:
            return m.group(0)
        out = " to ".join(f"the {ordinal(d)}" for d in found) + f" of {_month(m['month'])}"
        return out + (f", {year(int(m['year']))}" if m["year"] else "")

    text = _ISO_DATE.sub(iso, text)
    text = _MDY.sub(mdy, text)
    text = _DMY.sub(dmy, text)
    return _MONTH_YEAR.sub(lambda m: f"{_month(m['month'])} {year(int(m['year']))}", text)


_TIME = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?(?=\W|$)"
    r"(?:\s(?P<tz>(?-i:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|BST|CET|CEST))\b)?",
    re.I,
)
_ZONES = {
    "ET": "Eastern Time",
    "EST": "Eastern Standard Time",
    "EDT": "Eastern Daylight Time",
    "CT": "Central Time",
    "CST": "Central Standard Time",
    "CDT": "Central Daylight Time",
    "MT": "Mountain Time",
    "MST": "Mountain Standard Time",
    "MDT": "Mountain Daylight Time",
    "PT": "Pacific Time",
    "PST": "Pacific Standard Time",
    "PDT": "Pacific Daylight Time",
    "BST": "British Summer Time",
    "CET": "Central European Time",
    "CEST": "Central European Summer Time",
}
_CLOCK = re.compile(r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b")


def _minutes(m: int) -> str:
    return "" if m == 0 else f" oh {cardinal(str(m))}" if m < 10 else f" {cardinal(str(m))}"


def times(text: str) -> str:
    def ampm(m: re.Match[str]) -> str:
        hour = int(m["h"])
        words = cardinal(str(hour)) + _minutes(int(m["m"] or 0))
        zone = f" {_ZONES[m['tz']]}" if m["tz"] else ""
        return f"{words} {m['ap'].upper()}M{zone}"

    def clock(m: re.Match[str]) -> str:
        hour, minutes = int(m["h"]), int(m["m"])
        if minutes:
            return cardinal(str(hour)) + _minutes(minutes)
        if hour == 0:
            return "midnight"
        # "9:00" is nine o'clock; "21:00" is twenty-one hundred.
        return f"{cardinal(str(hour))} o'clock" if hour <= 12 else f"{cardinal(str(hour))} hundred"

    text = _TIME.sub(ampm, text)
    return _CLOCK.sub(clock, text)


_CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
}
_SCALE = {
    "k": "thousand",
    "thousand": "thousand",
    "m": "million",
    "mn": "million",
    "million": "million",
    "b": "billion",
    "bn": "billion",
    "billion": "billion",
    "t": "trillion",
    "tn": "trillion",
    "trillion": "trillion",
}
_MONEY = re.compile(
    r"(?P<prefix>US|A|C|NZ|HK)?(?P<cur>[$€£¥₹]|\bRs\.?\s?)\s?(?P<num>\d[\d,]*(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kmbt])\b)?"
)


def money(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        one, many, sub_one, sub_many = _CURRENCIES[m["cur"] if len(m["cur"]) == 1 else "₹"]
        num, scale = m["num"], m["scale"]
        # "a $40 million plan": an amount used as an adjective takes the singular.
        attributive = re.search(r"\ban?\s*$", text[: m.start()]) and re.match(
            r"\s+[a-z]", text[m.end() :]
        )
        if scale:
            unit = one if attributive else many
            return f"{cardinal(num)} {_SCALE[scale.lower()]} {unit}"
        whole, _, cents = num.replace(",", "").partition(".")
        c = int(cents[:2].ljust(2, "0")) if cents and sub_many else 0
        small = f"{cardinal(str(c))} {sub_one if c == 1 else sub_many}"
        if c and int(whole) == 0:
            return small
        out = f"{cardinal(whole)} {one if whole == '1' or attributive else many}"
        return out + (f" and {small}" if c else "")

    text = _MONEY.sub(repl, text)
    # "1bn people", "50mn barrels": scales written short without a currency.
    return _BARE_SCALE.sub(lambda m: f"{cardinal(m['num'])} {_SCALE[m['scale']]}", text)


_BARE_SCALE = re.compile(r"(?<![\w.,])(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<scale>bn|mn|tn)\b")


_PERCENT = re.compile(r"(?P<num>-?\d[\d,]*(?:\.\d+)?)\s?(?:%|per ?cent\b|pct\b)")


def percent(text: str) -> str:
    return _PERCENT.sub(lambda m: f"{cardinal(m['num'])} percent", text)


_UNITS = {
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "km": ("kilometer", "kilometers"),
    "kg": ("kilogram", "kilograms"),
    "mg": ("milligram", "milligrams"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"),
    "ml": ("milliliter", "milliliters"),
    "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "ft": ("foot", "feet"),
    "sq km": ("square kilometer", "square kilometers"),
    "km²": ("square kilometer", "square kilometers"),
    "m²": ("square meter", "square meters"),
    "km2": ("square kilometer", "square kilometers"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "kt": ("kiloton", "kilotons"),
    "Mt": ("megaton", "megatons"),
    "GB": ("gigabyte", "gigabytes"),
    "MB": ("megabyte", "megabytes"),
    "TB": ("terabyte", "terabytes"),
    "ha": ("hectare", "hectares"),
}
_UNIT = re.compile(
    r"(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
    + r")(?![\w/])"
)


# "1.5C", "40F": climate and weather copy glues the scale to the number.
_DEGREES = re.compile(r"(?<![\w.])(?P<num>-?\d{1,3}(?:\.\d+)?)(?P<scale>[CF])\b")


def units(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        one, many = _UNITS[m["unit"]]
        return f"{cardinal(m['num'])} {one if m['num'] == '1' else many}"

    text = _UNIT.sub(repl, text)
    return _DEGREES.sub(
        lambda m: (
            f"{cardinal(m['num'])} "
            + ("degree" if m["num"] == "1" else "degrees")
            + (" Celsius" if m["scale"] == "C" else " Fahrenheit")
        ),
        text,
    )


_RANGE = re.compile(r"\b(?P<a>\d[\d,]*)\s?[-–—]\s?(?P<b>\d[\d,]*)\b(?!-)")
_YEAR_RANGE = re.compile(
    r"\b(?P<a>(?:1[5-9]|20)\d\d)\s?[-–—/]\s?(?P<b>(?:(?:1[5-9]|20)\d\d|\d\d))\b"
)


def ranges(text: str) -> str:
    def years(m: re.Match[str]) -> str:
        a, b = m["a"], m["b"]
        if len(b) == 2:
            b = a[:2] + b
        if int(b) <= int(a):
            return m.group(0)
        return f"{year(int(a))} to {year(int(b))}"

    text = _YEAR_RANGE.sub(years, text)
    return _RANGE.sub(lambda m: f"{cardinal(m['a'])} to {cardinal(m['b'])}", text)


_ORDINAL = re.compile(r"\b(?P<num>\d+)(?:st|nd|rd|th)\b")
_NUMBER_SIGN = re.compile(r"(?:\bNo\.|#)\s?(?P<num>\d+)\b")


def ordinals(text: str) -> str:
    text = _NUMBER_SIGN.sub(lambda m: f"number {cardinal(m['num'])}", text)
    return _ORDINAL.sub(lambda m: ordinal(int(m["num"])), text)


_YEAR = re.compile(r"(?<![\d,.$€£])\b(?P<y>1[1-9]\d\d|20\d\d)\b(?!\d|,\d|\.\d|%)")
_DECADE = re.compile(r"\b(?P<y>1[5-9]\d0|20\d0)'?s\b")


def years(text: str) -> str:
    def decade(m: re.Match[str]) -> str:
        *first, last = year(int(m["y"])).split(" ")
        last = last[:-1] + "ies" if last.endswith("y") else last + "s"
        return " ".join([*first, last])

    text = _DECADE.sub(decade, text)
    return _YEAR.sub(lambda m: year(int(m["y"])), text)


_SAYINGS = {"9/11": "nine eleven", "24/7": "twenty-four seven", "50/50": "fifty-fifty"}
_SLASHED = re.compile(r"(?<![\w/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|\.\d)")


def fractions(text: str) -> str:
    """ "1/3" one third, "3/4" three quarters; "9/11" and "24/7" as people say them."""

    def repl(m: re.Match[str]) -> str:
        said = _SAYINGS.get(m.group(0))
        if said:
            return said
        a, b = int(m["a"]), int(m["b"])
        if not 0 < a < b <= 10:
            return f"{cardinal(m['a'])} {cardinal(m['b'])}"
        part = {2: "half", 4: "quarter"}.get(b) or ordinal(b)
        if a > 1:
            part = "halves" if b == 2 else part + "s"
        return f"{cardinal(m['a'])} {part}"

    return _SLASHED.sub(repl, text)


_ROMAN = re.compile(
    r"\b(?P<before>[A-Z][a-z]+) (?=[IVX])(?P<r>X{0,3}(?:IX|IV|V?I{0,3}))\b(?!['’]?\w)"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# After these words a numeral is a number ("World War Two"); after a name, a regnal
# ordinal ("Charles the Third").
_NUMBERED = frozenset(
    "War Part Phase Chapter Title Act Book Volume Stage Level Class Type Grade Category "
    "Episode Vatican Apollo Schedule Article Section Round Season Series Tier".split()
)


def _roman_value(numeral: str) -> int:
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN_VALUES[ch]
        following = _ROMAN_VALUES[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def roman_numerals(text: str) -> str:
    """ "World War II", "Pope Leo XIV", "Charles III": numerals after a capitalized word."""

    def repl(m: re.Match[str]) -> str:
        numeral, before = m["r"], m["before"]
        if len(numeral) < 2 and before not in _NUMBERED:
            return m.group(0)
        value = _roman_value(numeral)
        if before in _NUMBERED:
            return f"{before} {cardinal(str(value)).capitalize()}"
        return f"{before} the {ordinal(value).capitalize()}"

    return _ROMAN.sub(repl, text)


_NUMBER = re.compile(
    r"(?<![\w.])(?P<num>-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)(?![\w]|\.\d)"
)


def numbers(text: str) -> str:
    return _NUMBER.sub(lambda m: cardinal(m["num"]), text)


_ABBREVIATIONS = {
    "Dr.": "Doctor",
    "Mr.": "Mister",
    "Mrs.": "Missus",
    "Ms.": "Miz",
    "Prof.": "Professor",
    "Gen.": "General",
    "Gov.": "Governor",
    "Sen.": "Senator",
    "Rep.": "Representative",
    "Lt.": "Lieutenant",
    "Col.": "Colonel",
    "Sgt.": "Sergeant",
    "Capt.": "Captain",
    "Adm.": "Admiral",
    "Maj.": "Major",
    "Jr.": "Junior",
    "Sr.": "Senior",
    "Rev.": "Reverend",
    "vs.": "versus",
    "Ph.D.": "P H D",
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "approx.": "approximately",
    "Inc.": "Incorporated",
    "Corp.": "Corporation",
    "Ltd.": "Limited",
    "Co.": "Company",
    "Mt.": "Mount",
    "Ft.": "Fort",
    "Ave.": "Avenue",
    "Blvd.": "Boulevard",
}
_ABBR = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")(?=\s|$|,)")
_SAINT = re.compile(r"\bSt\.(?=\s+[A-Z])")
_STREET = re.compile(r"(?<=[a-z] )St\.")
_AMPERSAND = re.compile(r"\b[A-Z]{1,3}&[A-Z]{1,3}\b")
_DOTTED = re.compile(r"\b(?P<letters>(?:[A-Za-z]\.){2,})(?P<after>\s*)")
# Acronyms newsreaders say as words; other short capitals are spelled out.
WORD_ACRONYMS = frozenset(
    """
    NATO NASA OPEC FIFA UEFA AIDS COVID ISIS UNESCO UNICEF ASEAN NAFTA FEMA SWAT OSCE MERCOSUR
    INTERPOL EUROPOL FRONTEX SARS MERS NAACP ACLU SEAL NORAD CERN OSHA DARPA LIDAR RADAR SONAR
    GIF JPEG PIN ZIP SCOTUS POTUS FLOTUS TikTok
    """.split()
)
_CAPS = re.compile(r"\b(?P<w>[A-Z]{2,6})(?P<s>s)?\b")


def abbreviations(text: str) -> str:
    text = _SAINT.sub("Saint", text)
    text = _STREET.sub("Street", text)

    def expand(m: re.Match[str]) -> str:
        word = _ABBREVIATIONS[m.group(0)]
        return word

    text = _ABBR.sub(expand, text)

    def dotted(m: re.Match[str]) -> str:
        return " ".join(m["letters"].replace(".", "").upper()) + m["after"]

    text = _DOTTED.sub(dotted, text)
    # "S&P", "AT&T": letters said one by one, the ampersand as "and".
    text = _AMPERSAND.sub(
        lambda m: " and ".join(" ".join(part) for part in m.group(0).split("&")), text
    )
    if text.isupper():
        return text

    def caps(m: re.Match[str]) -> str:
        word, plural = m["w"], m["s"] or ""
        if word in WORD_ACRONYMS:
            return word.capitalize() + plural
        if word in ("I", "A", "AM", "PM") or len(word) > 5:
            return m.group(0)
        return " ".join(word) + ("'s" if plural else "")

    return _CAPS.sub(caps, text)


def symbols(text: str) -> str:
    text = re.sub(r"\s&\s", " and ", text)
    text = re.sub(r"(?<=\d)\s?x\s?(?=\d)", " by ", text)
    text = re.sub(r"(?<=\d)x\b", " times", text)
    text = text.replace("+", " plus ").replace("=", " equals ").replace("°", " degrees")
    return re.sub(r"[*_~^|<>{}\[\]\\]", " ", text)


def whitespace(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s+([,.;:!?])", r"\1", text).strip()


RULES: tuple[Rule, ...] = (
    typography,
    web,
    dates,
    times,
    money,
    percent,
    units,
    ranges,
    ordinals,
    years,
    fractions,
    roman_numerals,
    abbreviations,
    symbols,
    numbers,
    whitespace,
)


def apply_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    """Replace whole words by their spoken forms (exact case first, then any case)."""
    if not lexicon:
        return text
    pattern = _lexicon_pattern(tuple(sorted(lexicon, key=len, reverse=True)))
    lowered = {k.lower(): v for k, v in lexicon.items()}
    return pattern.sub(lambda m: lexicon.get(m.group(0)) or lowered[m.group(0).lower()], text)


@lru_cache(maxsize=32)
def _lexicon_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


def spoken(text: str, *, lexicon: Mapping[str, str] | None = None) -> str:
    """The text as the speech engine is to read it (see the module docstring)."""
    if lexicon:
        text = apply_lexicon(text, lexicon)
    for rule in RULES:
        text = rule(text)
    return text
