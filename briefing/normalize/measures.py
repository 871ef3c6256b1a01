"""Percentages and measures: numbers with their units, ranges of them and rates per unit."""

from __future__ import annotations

import re

from .numbers import NUMBER, cardinal

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
}
_UNIT_NAMES = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_MEASURE = re.compile(
    rf"(?P<num>-?(?:{NUMBER}))(?:\s?[-–]\s?(?P<num2>{NUMBER}))?"
    rf"(?P<scale>\s(?:thousand|million|billion))?\s?(?P<unit>{_UNIT_NAMES})"
    rf"(?:/(?P<per>{_UNIT_NAMES}))?(?![\w/])"
)
_AFTER_FRACTION = re.compile(
    rf"\b(?P<part>half|quarters?|thirds?) (?P<unit>{_UNIT_NAMES})(?![\w/])"
)
_PER_ONLY = re.compile(rf"(?P<num>{NUMBER})/(?P<per>{_UNIT_NAMES})(?![\w/])")
_DEGREES = re.compile(r"(?<![\w.])(?P<num>-?\d{1,3}(?:\.\d+)?)(?P<scale>[CF])\b")
#: "12 kg" is a weight; "3 m" (ambiguous, and "m" for million) and "5 g" stay with a space.
_GLUED_ONLY = frozenset({"g"})


def _unit(name: str, number: str) -> str:
    one, many = _UNITS[name]
    return one if number in ("1", "-1") else many


_BY = re.compile(rf"(?P<a>{NUMBER})\s?x\s?(?P<b>{NUMBER})(?:\s?(?P<unit>{_UNIT_NAMES}))?(?![\w.])")


def units(text: str) -> str:
    """ "12kg" -> "twelve kilograms", "100 km/h", "2-5lb" -> "two to five pounds", "2 hrs",
    "a 4x4 grid" -> "a four by four grid",
    "12kg/kg" -> "twelve kilograms per kilogram", "12/kg" -> "twelve per kilogram", "1.5C" ->
    "one point five degrees Celsius", "41,459.00 km³" -> "... cubic kilometers"."""

    def repl(m: re.Match[str]) -> str:
        unit, number = m["unit"], m["num2"] or m["num"]
        if unit in _GLUED_ONLY and not re.match(r"\d", text[m.start("unit") - 1]):
            return m.group(0)
        said = cardinal(m["num"]) + (f" to {cardinal(m['num2'])}" if m["num2"] else "")
        scale = m["scale"] or ""
        said += f"{scale} {_unit(unit, '2' if scale else number)}"
        if m["per"]:
            said += f" per {_UNITS[m['per']][0]}"
        return said

    text = _BY.sub(
        lambda m: (
            f"{cardinal(m['a'])} by {cardinal(m['b'])}"
            + (f" {_UNITS[m['unit']][1]}" if m["unit"] else "")
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
