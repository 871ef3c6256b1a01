"""Numbers that are not amounts: scores, ranges, model names, ordinals, fractions, years, and
the plain cardinals left at the end."""

from __future__ import annotations

import re

from .measures import SPACED_UNIT_NAMES
from .numbers import NUMBER, cardinal, designator, digits, ordinal, plural_year, spell, year

# --- scores ----------------------------------------------------------------------------------

_SPORT = re.compile(
    r"\b(?:win|wins|won|beat|beats|beaten|defeat|defeats|defeated|lost|lose|loses|loss|draw|"
    r"draws|drew|drawn|victory|score|scored|scoreline|lead|led|leads|trail|trailed|trailing|"
    r"series|game|match|final|semi-final|semifinal|quarter-final|half-time|halftime|set|sets|"
    r"tie-break|tiebreak|goal|goals|thrashing|thrashed|rout|routed|edged|hammered|clash|"
    r"home|away|league|cup|season|innings|inning|run|runs|points)\b",
    re.I,
)
#: Where a pair of numbers ends: not inside a word, a code, a decimal or a longer number.
_PAIR_END = r"(?![\w/%-]|[.,]\d)"
_SCORE = re.compile(
    rf"(?<![\w.,/$£€-])(?P<a>\d{{1,3}})[-–](?P<b>\d{{1,3}})(?:\s?\(\d{{1,2}}\))?{_PAIR_END}"
)


#: A vote's count: "the Senate voted 52-48", "passed 218-214" -> "... to ...".
_VOTE = re.compile(
    r"(?P<lead>\b(?:passed|voted|vote|votes|approved|rejected|confirmed|margin|tally|"
    rf"split)\b[^.;\d]{{0,30}}?)(?P<a>\d{{1,3}})[-–](?P<b>\d{{1,3}}){_PAIR_END}"
)


_UNIT_AFTER = re.compile(rf"\s?(?:{SPACED_UNIT_NAMES})\b")


def scores(text: str, british: bool = False) -> str:
    """Results in sports copy said as scores, not ranges: "a 1-0 defeat" -> "a one-nil
    defeat" ("one-nothing" in American copy), "drew 0-0", "won 4-6, 7-6 (3), 6-3" ->
    "four-six, seven-six, six-three" (the tiebreak is not read); a vote "passed 218-214" ->
    "... two hundred and eighteen to two hundred and fourteen"."""
    text = _VOTE.sub(lambda m: f"{m['lead']}{cardinal(m['a'])} to {cardinal(m['b'])}", text)
    if not _SPORT.search(text):
        return text
    nought = "nil" if british else "nothing"

    def repl(m: re.Match[str]) -> str:
        if _UNIT_AFTER.match(text, m.end()):  # "25-30 mins" in a recipe that has a "cup"
            return m.group(0)
        if m["a"] == m["b"] == "0" and not british:
            said = "nothing to nothing"
        else:
            a, b = (nought if x == "0" else cardinal(x) for x in (m["a"], m["b"]))
            said = f"{a}-{b}"
        # Sets of a tennis match, one after another: "four-six, seven-six, six-three".
        following = _SCORE.match(text, m.end() + 1) if text[m.end() : m.end() + 1] == " " else None
        return said + ("," if following else "")

    return _SCORE.sub(repl, text)


# --- ranges and years ------------------------------------------------------------------------

_YEAR_RANGE = re.compile(
    r"\b(?P<a>(?:1[5-9]|20)\d\d)(?P<s1>s)?\s?[-–/]\s?(?P<b>(?:(?:1[5-9]|20)\d\d|\d\d))(?P<s2>s)?\b"
)
_DECADE_RANGE = re.compile(r"\b(?P<a>(?:1[5-9]|20)\d0)s\s?[-–]\s?'?(?P<b>\d0)s\b")
_MID = re.compile(r"\bmid-(?=(?:1[5-9]|20)?\d0s\b|'\d0s\b)")
_RANGE = re.compile(rf"(?<![\w.,-])(?P<a>{NUMBER})\s?[-–]\s?(?P<b>{NUMBER})(?![\w.]|-\d)")


def ranges(text: str) -> str:
    """ "2019-2022" and "2019–22" -> "twenty nineteen to twenty twenty-two", "1960s-80s" ->
    "nineteen sixties to eighties", "mid-1980s" -> "mid nineteen eighties", "30-40 people"
    -> "thirty to forty people". A pair that falls ("787-9", "978-0") is no range: it is
    read as a model number."""

    def years(m: re.Match[str]) -> str:
        a, b = m["a"], m["b"]
        full = a[:2] + b if len(b) == 2 else b
        if int(full) <= int(a) or (m["s1"] and not m["s2"]) or (m["s2"] and not m["s1"]):
            return m.group(0)
        if m["s1"]:
            return f"{plural_year(int(a))} to {plural_year(int(full))}"
        if len(b) == 2 and b[0] != "0" and int(full) == int(a) + 1:  # "the 2024-25 season"
            return f"{year(int(a))} to {cardinal(b)}"
        return f"{year(int(a))} to {year(int(full))}"

    def decade_range(m: re.Match[str]) -> str:
        later = cardinal(m["b"])
        later = later[:-1] + "ies" if later.endswith("y") else later + "s"
        return f"{plural_year(int(m['a']))} to {later}"

    def span(m: re.Match[str]) -> str:
        a, b = m["a"], m["b"]
        if float(b.replace(",", "")) < float(a.replace(",", "")):
            return f"{designator(a.replace(',', ''))} {designator(b.replace(',', ''))}"
        return f"{cardinal(a)} to {cardinal(b)}"

    text = _MID.sub("mid ", text)
    text = _DECADE_RANGE.sub(decade_range, text)
    text = _YEAR_RANGE.sub(years, text)
    return _RANGE.sub(span, text)


_YEAR = re.compile(r"(?<![\d,.$€£])\b(?P<y>1[1-9]\d\d|20\d\d)\b(?!\d|,\d|\.\d|%)")


def years(text: str) -> str:
    """ "in 1997" -> "in nineteen ninety-seven", "since 2005" -> "since two thousand five"."""
    return _YEAR.sub(lambda m: year(int(m["y"])), text)


# --- names with numbers ----------------------------------------------------------------------

_DESIGNATOR = re.compile(
    r"\b(?P<letters>[A-Z]{1,3})(?P<dash>-?)(?P<num>\d{1,4})(?P<tail>[A-Z]{0,2})"
    r"(?:-(?P<num2>\d{1,4})(?P<tail2>[A-Z]{0,2}))?\b"
    r"|\b(?P<plain>\d{3})(?P<suffix>[A-Z]{1,2})\b"
    r"|\b(?P<model>\d{3})-(?P<variant>\d{1,3})\b"
)
_EMERGENCY = re.compile(
    r"\b911\b(?=[\s-]+(?:call|calls|caller|callers|operator|dispatch|emergency|line|system|centers?))"
)


#: Boeing's jets are said like other model numbers: "seven thirty-seven".
_JET = re.compile(
    r"(?<=Boeing )7[0-8]7\b|\b7[0-8]7(?=s?[\s-]+(?:MAX|Max|max|Dreamliners?|jets?|jetliners?|"
    r"aircraft|planes?|airliners?|freighters?)\b)"
)
_DECIMAL_NAME = re.compile(r"\b(?P<letters>[A-Z]{1,3})(?P<num>\d{1,2}\.\d)\b(?!\.\d)")
_MODEL_AFTER_CAPS = re.compile(r"\b(?P<caps>[A-Z]{2,4}) (?P<num>[1-9]\d{3})\b(?![,.]\d)")
_WORLD_WAR = re.compile(r"\bWW(?P<n>1|2|II?)\b")


def world_wars(text: str) -> str:
    """ "WWII" and "WW2" -> "World War Two"."""
    return _WORLD_WAR.sub(lambda m: f"World War {'One' if m['n'] in ('1', 'I') else 'Two'}", text)


def designators(text: str) -> str:
    """Model and flight numbers read group by group: "787-9" -> "seven eighty-seven nine",
    "A350-900" -> "A three fifty nine hundred", "RC-135U" -> "R C one thirty-five U", "PS4" ->
    "P S four", "777X" -> "seven seventy-seven X", "911 calls" -> "nine one one calls"."""
    text = _EMERGENCY.sub("nine one one", text)
    text = _JET.sub(lambda m: designator(m.group(0)), text)
    # "PM2.5": a decimal after letters is read as one ("P M two point five").
    text = _DECIMAL_NAME.sub(lambda m: f"{spell(m['letters'])} {cardinal(m['num'])}", text)
    # "RTX 4090", "GTX 1080": a four-digit model number after capitals, read in pairs.
    text = _MODEL_AFTER_CAPS.sub(lambda m: f"{m['caps']} {designator(m['num'])}", text)

    def repl(m: re.Match[str]) -> str:
        if m["plain"]:
            return f"{designator(m['plain'])} {spell(m['suffix'])}"
        if m["model"]:
            return f"{designator(m['model'])} {designator(m['variant'])}"
        letters = m["letters"]
        # "COVID-19": a word-like name keeps its word.
        from .words import said_as_word

        head = letters.capitalize() if said_as_word(letters) else spell(letters)
        parts = [head, designator(m["num"])]
        if m["tail"]:
            parts.append(spell(m["tail"]))
        if m["num2"]:
            parts.append(designator(m["num2"]))
            if m["tail2"]:
                parts.append(spell(m["tail2"]))
        return " ".join(parts)

    return _DESIGNATOR.sub(repl, text)


# --- ordinals and fractions ------------------------------------------------------------------

_ORDINAL = re.compile(r"\b(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<suffix>st|nd|rd|th)\b")


def ordinals(text: str) -> str:
    """ "the 3rd time" -> "the third time", "1,000th" -> "one thousandth"; a wrong suffix is
    read as written ("4rd" -> "four rd")."""

    def repl(m: re.Match[str]) -> str:
        value = int(m["num"].replace(",", ""))
        last_two, last = value % 100, value % 10
        right = "th" if 11 <= last_two <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(last, "th")
        if m["suffix"] != right:
            return f"{cardinal(m['num'])} {m['suffix']}"
        return ordinal(value)

    return _ORDINAL.sub(repl, text)


_SAYINGS = {"9/11": "nine eleven", "24/7": "twenty-four seven", "50/50": "fifty-fifty"}
_MIXED = re.compile(r"\b(?P<whole>\d+)(?:-|\s)(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|\.\d)")
_SLASHED = re.compile(r"(?<![\w/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|\.\d)")


def _fraction(a: int, b: int) -> str:
    if b == 2:
        part = "half" if a == 1 else "halves"
    elif b == 4:
        part = "quarter" if a == 1 else "quarters"
    else:
        part = ordinal(b) + ("" if a == 1 else "s")
    return f"{cardinal(str(a))} {part}"


def fractions(text: str) -> str:
    """ "1/3" -> "one third", "7/32" -> "seven thirty-seconds", "4 1/2" and "1-1/2" -> "four
    and a half", "one and a half", "8/10" -> "eight out of ten"; "9/11" and "24/7" as people
    say them."""

    def mixed(m: re.Match[str]) -> str:
        a, b = int(m["a"]), int(m["b"])
        if not 0 < a < b:
            return m.group(0)
        rest = (
            "a half" if (a, b) == (1, 2) else "a quarter" if (a, b) == (1, 4) else _fraction(a, b)
        )
        return f"{cardinal(m['whole'])} and {rest}"

    def slashed(m: re.Match[str]) -> str:
        said = _SAYINGS.get(m.group(0))
        if said:
            return said
        a, b = int(m["a"]), int(m["b"])
        if b == 10 and 0 <= a <= b:  # a rating or a share: "8/10", "9/10 doctors"
            return f"{cardinal(m['a'])} out of ten"
        alone = re.match(r"\s*(?:[,.;:)]|$)", m.string[m.end() :])
        if b == 5 and 0 <= a <= b and alone:  # a rating: "Rating: (4/5)"
            return f"{cardinal(m['a'])} out of five"
        if not 0 < a < b:
            return f"{cardinal(m['a'])} {cardinal(m['b'])}"
        return _fraction(a, b)

    return _SLASHED.sub(slashed, _MIXED.sub(mixed, text))


# --- what is left ----------------------------------------------------------------------------

_TIMES = re.compile(rf"(?<![\w.])(?P<num>{NUMBER})x\b")
_NUMBER = re.compile(
    r"(?<![\w.])(?P<num>-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?|-?\.\d+)(?![\w]|\.\d)"
)
_GLUED = re.compile(r"(?<![\w.])(?P<num>\d+(?:\.\d+)?)(?P<word>[A-Za-z]{2,})\b")
_TEAM = re.compile(r"(?<![\w.])(?P<num>\d{2})ers\b")  # the 49ers, the 76ers
_VERSION = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w]|\.\d)")


def numbers(text: str) -> str:
    """Cardinals and decimals: "800,000" -> "eight hundred thousand", "2.5" -> "two point
    five", "iOS 17.4.1" -> "seventeen point four point one", "3x" -> "three times", "004" ->
    "zero zero four", "the 49ers" -> "the forty-niners"; a number glued to a word is set apart
    ("7minutes" -> "seven minutes")."""
    text = _TIMES.sub(lambda m: f"{cardinal(m['num'])} times", text)
    text = _TEAM.sub(lambda m: cardinal(m["num"]) + ("rs" if m["num"][-1] == "9" else "ers"), text)
    text = _VERSION.sub(lambda m: " point ".join(cardinal(p) for p in m.group(0).split(".")), text)
    text = _GLUED.sub(lambda m: f"{m['num']} {m['word']}", text)
    text = _NUMBER.sub(lambda m: cardinal(m["num"]), text)
    # Digits still glued to letters (a code such as "A8"): said one by one.
    return re.sub(r"\d+", lambda m: " " + digits(m.group(0)) + " ", text)
