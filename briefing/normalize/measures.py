"""Percentages and measures: numbers with their units, ranges of them and rates per unit."""

from __future__ import annotations

import re

from .numbers import NUMBER, cardinal, designator

_PCT = r"(?:%|per ?cent\b|pct\b)"
_PERCENT = re.compile(
    rf"(?P<num>-?(?:{NUMBER}))(?:\s?{_PCT}\s?[-–]\s?|\s?[-–]\s?)(?P<num2>{NUMBER})\s?{_PCT}"
    rf"|(?P<one>-?(?:{NUMBER}))\s?{_PCT}"
)


def percent(text: str) -> str:
    """ "97%" and "12 per cent" -> "... percent"; "30-60 per cent" and "5%-7%" -> "thirty to
    sixty percent"."""

    def repl(m: re.Match[str]) -> str:
        if m["one"]:
            return f"{cardinal(m['one'])} percent"
        return f"{cardinal(m['num'])} to {cardinal(m['num2'])} percent"

    return _PERCENT.sub(repl, text)


_UNITS: dict[str, tuple[str, str]] = {
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "m/s": ("meter per second", "meters per second"),
    "km": ("kilometer", "kilometers"),
    "kg": ("kilogram", "kilograms"),
    "kgs": ("kilogram", "kilograms"),
    "KG": ("kilogram", "kilograms"),
    "mg": ("milligram", "milligrams"),
    "g": ("gram", "grams"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"),
    "µm": ("micrometer", "micrometers"),
    "μm": ("micrometer", "micrometers"),
    "nm": ("nanometer", "nanometers"),
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
    "sq ft": ("square foot", "square feet"),
    "km²": ("square kilometer", "square kilometers"),
    "km2": ("square kilometer", "square kilometers"),
    "m²": ("square meter", "square meters"),
    "m2": ("square meter", "square meters"),
    "km³": ("cubic kilometer", "cubic kilometers"),
    "m³": ("cubic meter", "cubic meters"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "ºC": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "ºF": ("degree Fahrenheit", "degrees Fahrenheit"),
    "kt": ("kiloton", "kilotons"),
    "Mt": ("megaton", "megatons"),
    "GB": ("gigabyte", "gigabytes"),
    "MB": ("megabyte", "megabytes"),
    "TB": ("terabyte", "terabytes"),
    "mbps": ("megabit per second", "megabits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "ha": ("hectare", "hectares"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "sec": ("second", "seconds"),
    "secs": ("second", "seconds"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "wk": ("week", "weeks"),
    "wks": ("week", "weeks"),
    "mo": ("month", "months"),
    "mos": ("month", "months"),
    "yr": ("year", "years"),
    "yrs": ("year", "years"),
    "pts": ("point", "points"),
    "tbsp": ("tablespoon", "tablespoons"),
    "tsp": ("teaspoon", "teaspoons"),
    "mth": ("month", "months"),
    "mths": ("month", "months"),
    "bps": ("basis point", "basis points"),
    "bp": ("basis point", "basis points"),
    "ppm": ("part per million", "parts per million"),
    "ppb": ("part per billion", "parts per billion"),
    "in": ("inch", "inches"),
    "st": ("stone", "stone"),
    "h": ("hour", "hours"),
}
UNIT_NAMES = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_MEASURE = re.compile(
    rf"(?P<num>-?(?:{NUMBER}))(?:\s?[-–]\s?(?P<num2>{NUMBER}))?"
    rf"(?P<scale>\s(?:thousand|million|billion))?\s?(?P<unit>{UNIT_NAMES})"
    rf"(?:/(?P<per>{UNIT_NAMES}))?(?![\w/])"
)
_AFTER_FRACTION = re.compile(rf"\b(?P<part>half|quarters?|thirds?) (?P<unit>{UNIT_NAMES})(?![\w/])")
_PER_ONLY = re.compile(rf"(?P<num>{NUMBER})/(?P<per>{UNIT_NAMES})(?![\w/])")
_DEGREES = re.compile(r"(?<![\w.])(?P<num>-?\d{1,3}(?:\.\d+)?)(?P<scale>[CF])\b")
#: "12 kg" is a weight; "3 m" (ambiguous, and "m" for million) and "5 g" stay with a space,
#: as do the words "in", "st" and "h" ("5in", "15st", "24h" only glued).
_GLUED_ONLY = frozenset({"g", "in", "st", "h"})
#: The units a measure may name after a space ("25-30 mins"), not the words "in" or "h".
SPACED_UNIT_NAMES = "|".join(
    re.escape(u) for u in sorted(_UNITS, key=len, reverse=True) if u not in _GLUED_ONLY
)
#: Two units said together: "6ft 2in", "15st 4lb", "14h 20m", "2hr 5min".
_COMPOUND = re.compile(
    r"(?<![\w.])(?P<a>\d{1,3})\s?(?P<u1>ft|st|h|hrs?)\s?(?P<b>\d{1,2})\s?(?P<u2>in|lbs?|m|mins?)\b"
)
#: A height in primes: 6'2" -> "six feet two".
_FEET_INCHES = re.compile(r"(?<![\w.'’])(?P<ft>[1-9])['’]\s?(?P<inch>1[01]|\d)(?:\"|”|'')?")
_COMPOUND_UNITS = {"ft": "ft", "st": "st", "h": "h", "hr": "h", "hrs": "h"}
_SECOND_UNITS = {"in": "in", "lb": "lb", "lbs": "lb", "m": "min", "min": "min", "mins": "min"}
#: "100m": metres before a distance's or a race's word, million before any other word ("100m
#: people", "a 300m budget"); "10.72s": seconds; "412p": pence (not a video's 720p).
_GLUED_M = re.compile(
    r"(?<![\w.$£€¥])(?P<num>\d+(?:\.\d+)?)m\b(?![²³]|/)(?P<after>\s+(?P<word>[a-z][\w-]*))?"
)
_METRE_WORDS = frozenset(
    """
    tall high long wide deep away above below under from into across along off down up
    freestyle backstroke breaststroke butterfly medley individual relay hurdles sprint race
    races dash final finals heat heats semi-final semifinal title gold silver bronze record
    world champion winner run runs swim dive drop fall climb walk steeplechase and or
    """.split()
)
_DECIMAL_SECONDS = re.compile(r"(?<![\w.])(?P<num>\d+\.\d+)s\b")
_PENCE = re.compile(r"(?<![\w.$£€¥])(?P<num>\d{1,4}(?:\.\d+)?)p\b(?!\.m)")
#: A video's lines: "1080p" is "ten eighty p".
_VIDEO_LINES = frozenset({"144", "240", "360", "480", "540", "720", "1080", "1440", "2160"})
#: "a 12in pizza", "a 5km run": a measure before its noun is said in the singular.
_BEFORE_NOUN = re.compile(r"\b(?:[Aa]n?)\s+$")
_NOT_A_NOUN = frozenset("of per from away long tall high wide deep in on at to by or and".split())


def _unit(name: str, number: str) -> str:
    one, many = _UNITS[name]
    return one if number in ("1", "-1") else many


def _metres_or_million(m: re.Match[str]) -> str:
    after = m["after"] or ""
    timed = m["word"] == "in" and re.match(r"\s+\d", m.string[m.end() :])  # "100m in 9.58s"
    if m["word"] and m["word"] not in _METRE_WORDS and not timed:
        return f"{cardinal(m['num'])} million{after}"
    return f"{cardinal(m['num'])} {'meter' if m['num'] == '1' else 'meters'}{after}"


_BY = re.compile(
    rf"(?P<a>{NUMBER})\s?x\s?(?P<b>{NUMBER})(?:\s?(?P<unit>{UNIT_NAMES}|m(?=\s)))?(?![\w.])"
)


def units(text: str) -> str:
    """ "12kg" -> "twelve kilograms", "100 km/h", "2-5lb" -> "two to five pounds", "2 hrs",
    "6ft 2in" -> "six feet two inches", "won the 100m in 10.72s" -> "... one hundred meters in
    ten point seven two seconds", "100m people" -> "one hundred million people", "412p" ->
    "four hundred and twelve pence", "a 4x4 grid" -> "a four by four grid",
    "12kg/kg" -> "twelve kilograms per kilogram", "12/kg" -> "twelve per kilogram", "1.5C" ->
    "one point five degrees Celsius", "41,459.00 km³" -> "... cubic kilometers"."""

    def repl(m: re.Match[str]) -> str:
        unit, number = m["unit"], m["num2"] or m["num"]
        if unit in _GLUED_ONLY and not re.match(r"\d", text[m.start("unit") - 1]):
            return m.group(0)
        if unit == "st" and re.search(r"(?<!1)1$", number):
            return m.group(0)  # "21st" is an ordinal
        said = cardinal(m["num"]) + (f" to {cardinal(m['num2'])}" if m["num2"] else "")
        scale = m["scale"] or ""
        noun = re.match(r"\s+([A-Za-z]+)", text[m.end() :])
        if _BEFORE_NOUN.search(text[: m.start()]) and noun and noun[1] not in _NOT_A_NOUN:
            number = "1"
        said += f"{scale} {_unit(unit, '2' if scale else number)}"
        if m["per"]:
            said += f" per {_UNITS[m['per']][0]}"
        return said

    text = _BY.sub(
        lambda m: (
            f"{cardinal(m['a'])} by {cardinal(m['b'])}"
            + (f" {_UNITS.get(m['unit'], ('', 'meters'))[1]}" if m["unit"] else "")
        ),
        text,
    )
    text = _FEET_INCHES.sub(lambda m: f"{cardinal(m['ft'])} feet {cardinal(m['inch'])}", text)
    text = _COMPOUND.sub(
        lambda m: (
            f"{cardinal(m['a'])} {_unit(_COMPOUND_UNITS[m['u1']], m['a'])} "
            f"{cardinal(m['b'])} {_unit(_SECOND_UNITS[m['u2']], m['b'])}"
        ),
        text,
    )
    text = _GLUED_M.sub(_metres_or_million, text)
    text = _DECIMAL_SECONDS.sub(lambda m: f"{cardinal(m['num'])} seconds", text)
    text = _PENCE.sub(
        lambda m: (
            f"{designator(m['num'])} p"
            if m["num"] in _VIDEO_LINES
            else m.group(0)
            if len(m["num"]) > 3
            else f"{cardinal(m['num'])} {'penny' if m['num'] == '1' else 'pence'}"
        ),
        text,
    )
    text = _MEASURE.sub(repl, text)
    text = _PER_ONLY.sub(lambda m: f"{cardinal(m['num'])} per {_UNITS[m['per']][0]}", text)
    # "4 1/2 lbs", read "four and a half" by the fractions rule: the unit is plural.
    text = _AFTER_FRACTION.sub(lambda m: f"{m['part']} {_UNITS[m['unit']][1]}", text)
    return _DEGREES.sub(
        lambda m: (
            f"{cardinal(m['num'])} "
            + ("degree" if m["num"] == "1" else "degrees")
            + (" Celsius" if m["scale"] == "C" else " Fahrenheit")
        ),
        text,
    )
