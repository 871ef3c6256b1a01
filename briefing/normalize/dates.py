"""Dates, times and quarters as written in copy, as a newsreader says them."""

from __future__ import annotations

import re

from .numbers import cardinal, decade, designator, ordinal, plural_year, year

MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_ABBR = {name[:3].lower(): name for name in MONTH_NAMES} | {"sept": "September"}
# Full names in any case; abbreviations with or without a period. "May" and "March" are
# also words: lower-case, they count as months only before a day and a year.
# Only an abbreviation takes a period: after a full name it ends the sentence.
_MONTH = (
    r"(?P<month>(?:(?i:January|February|April|June|July|August|September|October|November|"
    r"December)|(?i:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?|May|March|MAY|MARCH|"
    r"may|march)(?![\w]))"
)
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?P<suffix>st|nd|rd|th)?"
_DAY_TO = r"(?:\s?[-–]\s?(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"


def month_name(text: str) -> str:
    key = text.rstrip(".").lower()
    return _ABBR.get(key[:4] if key.startswith("sept") else key[:3], text)


def _valid(day: str | None, month: int = 1) -> bool:
    return day is not None and 1 <= int(day) <= 31 and 1 <= month <= 12


def _year_words(text: str) -> str:
    if len(text) == 2:  # "11/17/05": the year as written
        return cardinal(text) if text[0] != "0" else f"oh {cardinal(text[1])}"
    return year(int(text))


def _month_first(month: int, day: int, year_text: str | None) -> str:
    out = f"{MONTH_NAMES[month - 1]} {ordinal(day)}"
    return out + (f", {_year_words(year_text)}" if year_text else "")


def _day_first(day: int, month: int, year_text: str | None) -> str:
    out = f"the {ordinal(day)} of {MONTH_NAMES[month - 1]}"
    return out + (f", {_year_words(year_text)}" if year_text else "")


_ISO = re.compile(r"\b(?P<y>(?:1[5-9]|20)\d\d)[-/](?P<m>1[0-2]|0?[1-9])[-/](?P<d>[0-3]?\d)\b")
_NUMERIC = re.compile(
    r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)"
    r"(?P<y>(?:1[5-9]|20)\d\d|\d\d)(?![\d/]|\.\d)"
)


def numeric_dates(text: str, *, british: bool = False) -> str:
    """Dates in digits: "2016-11-03" and "2016/07/03" (year first); "11/19/2019" and
    "01.10.2010" (month first, as in American copy; day first in British copy); "15.01.2020"
    and "15-01-2020" (day first, when the first number cannot be a month)."""

    def iso(m: re.Match[str]) -> str:
        month, day = int(m["m"]), int(m["d"])
        if not 1 <= day <= 31:
            return m.group(0)
        return _month_first(month, day, m["y"])

    def numeric(m: re.Match[str]) -> str:
        a, b = int(m["a"]), int(m["b"])
        if british and 1 <= a <= 31 and 1 <= b <= 12:
            return _day_first(a, b, m["y"])
        if 1 <= a <= 12 and 1 <= b <= 31:
            return _month_first(a, b, m["y"])
        if 1 <= b <= 12 and 1 <= a <= 31:
            return _day_first(a, b, m["y"])
        return m.group(0)

    return _NUMERIC.sub(numeric, _ISO.sub(iso, text))


_MDY = re.compile(rf"\b{_MONTH}(?:\s+|-){_DAY}{_DAY_TO}\b(?:(?:,?\s+|-){_YEAR}\b)?", re.M)
_DMY = re.compile(rf"\b{_DAY}{_DAY_TO}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+{_YEAR}\b")


def named_dates(text: str) -> str:
    """Dates with a month's name: "Feb. 24, 2022", "july 25 2012", "Jan-15-2020", "March
    3-5" (a range of days), "25 jul 2012" and "26th May" (day first: "the twenty-fifth of
    July"), "in February 2022"."""

    def days(m: re.Match[str]) -> list[int] | None:
        found = [int(d) for d in (m["day"], m["day2"]) if d]
        return found if all(1 <= d <= 31 for d in found) else None

    def lower_word(m: re.Match[str]) -> bool:
        """ "may 25" without a year is more likely the verb than the month."""
        return m["month"] in ("may", "march") and not m["year"]

    def mdy(m: re.Match[str]) -> str:
        found = days(m)
        if not found or lower_word(m):
            return m.group(0)
        out = f"{month_name(m['month'])} " + " to ".join(ordinal(d) for d in found)
        return out + (f", {year(int(m['year']))}" if m["year"] else "")

    def dmy(m: re.Match[str]) -> str:
        found = days(m)
        if not found or lower_word(m):
            return m.group(0)
        the = "" if re.search(r"\bthe\s*$", text[: m.start()], re.I) else "the "
        out = " to ".join(f"{the if i == 0 else 'the '}{ordinal(d)}" for i, d in enumerate(found))
        out += f" of {month_name(m['month'])}"
        if m["year"]:
            return f"{out}, {year(int(m['year']))}"
        # "... on 16 Aug. The talks": the abbreviation's period ended the sentence too.
        ends = m["month"].endswith(".") and re.match(r"\s*(?:$|[A-Z“\"])", text[m.end() :])
        return out + ("." if ends else "")

    text = _MDY.sub(mdy, text)
    text = _DMY.sub(dmy, text)
    return _MONTH_YEAR.sub(lambda m: f"{month_name(m['month'])} {year(int(m['year']))}", text)


_QUARTER = re.compile(
    r"(?P<lead>\b(?:the|its|their|his|her|this|last|next|a|each|every)\s+)?"
    r"\b(?:(?P<n1>[1-4])Q(?P<y1>\d\d(?:\d\d)?)|Q(?P<n2>[1-4])(?:\s+(?P<y2>(?:19|20)\d\d))?)\b"
)


def quarters(text: str) -> str:
    """Business quarters: "2Q22" -> "the second quarter of twenty twenty-two", "Q2 2024" ->
    "the second quarter of twenty twenty-four", "its Q3 results" -> "its third quarter
    results"."""

    def repl(m: re.Match[str]) -> str:
        number = int(m["n1"] or m["n2"])
        written = m["y1"] or m["y2"]
        said = f"{ordinal(number)} quarter"
        if written:
            full = int(written) if len(written) == 4 else 2000 + int(written)
            said += f" of {year(full)}"
        lead = m["lead"] or ""
        return f"{lead}{said}" if lead else f"the {said}"

    return _QUARTER.sub(repl, text)


_DECADE = re.compile(
    r"(?:\b(?P<full>1[5-9]\d0|20\d0)\s?'?s|(?<!\w)'(?P<short>\d0)s|\b(?P<bare>[2-9]0)s)\b"
)
#: A year cut to its last two digits: "in '08", "the class of '99".
_SHORT_YEAR = re.compile(r"(?:(?<=\s)|^)['’](?P<yy>\d\d)\b(?!['’]|\.\d|,\d)")
_ERA = re.compile(r"\b(?P<y>\d{1,4})\s?(?P<era>A\.?D\.?|B\.?C\.?E?\.?|C\.?E\.?)(?=\W|$)")


def decades(text: str) -> str:
    """ "the 1990s" -> "the nineteen nineties", "the 2020s" -> "the twenty twenties", "'80s"
    and "60s" -> "eighties", "sixties"; "in '08" -> "in oh eight"; "340 A.D." -> "three forty
    AD"."""

    def repl(m: re.Match[str]) -> str:
        if m["full"]:
            return plural_year(int(m["full"]))
        return decade(m["short"] or m["bare"])

    text = re.sub(r"\bc\.\s?(?=\d{3,4}s?\b)", "circa ", text)  # "born c. 1950"
    text = _DECADE.sub(repl, text)
    text = _SHORT_YEAR.sub(lambda m: _year_words(m["yy"]), text)
    return _ERA.sub(
        lambda m: f"{_era_year(m['y'])} " + re.sub(r"[^A-Z]", "", m["era"].upper()), text
    )


def _era_year(number: str) -> str:
    """ "340 AD": three-digit years in pairs, four-digit ones as years."""
    if len(number) == 3:
        return designator(number)
    return year(int(number)) if len(number) == 4 else cardinal(number)


# --- times -----------------------------------------------------------------------------------

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
    "GMT": "G M T",
    "UTC": "U T C",
    "BST": "British Summer Time",
    "CET": "Central European Time",
    "CEST": "Central European Summer Time",
}
_ZONE = r"(?:\s?(?P<tz>(?i:[ECMP]\.?[SD]?\.?T\.?|GMT|UTC|BST|CEST|CET))(?![\w]))?"
_CLOCK_AMPM = (
    r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?(?::(?P<s>[0-5]\d))?\s*"
    r"(?P<ap>[aApP])\.?\s?[mM]\b\.?"
)
_TIME = re.compile(rf"\b{_CLOCK_AMPM}{_ZONE}")
_SPAN = re.compile(
    r"\b(?P<h1>[01]?\d)(?::(?P<m1>[0-5]\d))?\s*(?P<ap1>[aApP]\.?\s?[mM]\.?)?\s?[-–]\s?"
    rf"(?={_CLOCK_AMPM})"
)
#: A match report's minute: "Salah 23'", "(88')" -> "twenty-third minute" (not a height's 6'2").
_MINUTE_MARK = re.compile(r"(?<![\d.'’])(?P<n>\d{1,3})['’](?=[\s,.;:)]|$)(?!\s?\d)")
#: A wire service's 24-hour time before its zone: "(0100 GMT)", "1530 UTC".
_WIRE_TIME = re.compile(
    r"(?P<lead>[(,] ?|\b(?i:at|by|to|from|until|till|before|after|around|about|and) )"
    r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s?(?P<tz>GMT|UTC|ET|EST|EDT|BST|CET|CEST)\b"
)
_HMS = re.compile(r"\b(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)\b")
_CLOCK = re.compile(r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b")


def _minutes(m: int) -> str:
    return "" if m == 0 else f" oh {cardinal(str(m))}" if m < 10 else f" {cardinal(str(m))}"


def _zone(raw: str | None) -> str:
    if not raw:
        return ""
    key = re.sub(r"[^A-Za-z]", "", raw).upper()
    return f" {_ZONES.get(key, ' '.join(key))}"


def _plural(count: int, unit: str) -> str:
    return f"{cardinal(str(count))} {unit}{'' if count == 1 else 's'}"


def times(text: str) -> str:
    """Clock times: "1:59 p.m." and "1.59 pm" -> "one fifty-nine PM", "2 p.m. ET" -> "two PM
    Eastern Time", "5pm-7pm" -> "five to seven PM", "9:00" -> "nine o'clock", "21:00" ->
    "twenty-one hundred", a race time "2:01:39" -> "two hours one minute and thirty-nine
    seconds", a wire's "0100 GMT" -> "one AM G M T", a match's "88'" -> "eighty-eighth
    minute"."""

    def ampm(m: re.Match[str]) -> str:
        words = cardinal(str(int(m["h"]))) + _minutes(int(m["m"] or 0))
        return f"{words} {m['ap'].upper()}M{_zone(m['tz'])}"

    def zoned(m: re.Match[str]) -> str:
        hour, minutes = int(m["h"]), int(m["m"])
        half = "AM" if hour < 12 else "PM"
        words = cardinal(str(hour % 12 or 12)) + _minutes(minutes)
        return f"{m['lead']}{words} {half}{_zone(m['tz'])}"

    def span(m: re.Match[str]) -> str:
        # "5pm-7pm": the first time takes the second's AM or PM unless it has its own.
        first = cardinal(str(int(m["h1"]))) + _minutes(int(m["m1"] or 0))
        if m["ap1"]:
            first += " " + re.sub(r"[^ap]", "", m["ap1"].lower()).upper() + "M"
        return f"{first} to "

    def hms(m: re.Match[str]) -> str:
        h, mi, s = int(m["h"]), int(m["m"]), int(m["s"])
        return f"{_plural(h, 'hour')} {_plural(mi, 'minute')} and {_plural(s, 'second')}"

    def clock(m: re.Match[str]) -> str:
        hour, minutes = int(m["h"]), int(m["m"])
        if minutes:
            return cardinal(str(hour)) + _minutes(minutes)
        if hour == 0:
            return "midnight"
        # "9:00" is nine o'clock; "21:00" is twenty-one hundred.
        return f"{cardinal(str(hour))} o'clock" if hour <= 12 else f"{cardinal(str(hour))} hundred"

    text = _MINUTE_MARK.sub(lambda m: f"{ordinal(int(m['n']))} minute", text)
    text = _SPAN.sub(span, text)
    text = _TIME.sub(ampm, text)
    text = _WIRE_TIME.sub(zoned, text)
    text = _HMS.sub(hms, text)
    return _CLOCK.sub(clock, text)
