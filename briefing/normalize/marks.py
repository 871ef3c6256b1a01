"""Marks on the page: quotation marks and dashes, brackets, codes no one reads aloud, and
the symbols left at the end."""

from __future__ import annotations

import re

from .numbers import cardinal

_PAUSE = ", "


def typography(text: str) -> str:
    """Curly quotes and apostrophes straightened, quotation marks dropped; a spaced dash or an
    aside in parentheses becomes a pause: "55 mph (88.5 km/h) — slowly" is read
    "55 mph, 88.5 km/h, slowly", not run together."""
    text = text.replace("’", "'").replace("‘", "'").replace("…", "...")
    # "45º": the ordinal indicator typed for a degree sign, as scraped copy often has it.
    text = re.sub(r"(?<=\d)\s?º", "°", text)
    text = re.sub(r"[“”«»„\"]", "", text)
    text = re.sub(r"(?<=\w) ' (?=s\b)", "'", text)  # "summer ' s" (scraped) -> "summer's"
    # Ranges are read by their rules: "4–6", "4:00 am - 8:12 pm", "$50 – $60".
    text = re.sub(r"(?<=\d)\s*[—–]\s*(?=\$?\d)|(?<=[\d.m])\s+-\s+(?=\$?\d)", "-", text)
    # A spaced bar separates items ("Coddling criminals | Undermining road"): a pause too.
    text = re.sub(r"\s+[—–]+\s+|\s*—\s*|\s+-{1,2}\s+|\s+\|\s+", _PAUSE, text)
    text = re.sub(r"(?<=\w)–(?=\w)", "-", text)
    # An aside in parentheses is said between pauses.
    text = re.sub(r"\s*\(([^()]{1,200})\)\s*(?=([,.;:!?]?))", _aside, text)
    return text


def _aside(match: re.Match[str]) -> str:
    inner = match.group(1).strip()
    if not inner:
        return " "
    follows = match.group(2)
    return f"{_PAUSE}{inner}{'' if follows else _PAUSE}"


def brackets(text: str) -> str:
    """Editors' insertions are read as words: "give[s]" -> "gives", "[the council] said" ->
    "the council said"."""
    text = re.sub(r"(?<=\w)\[(\w{1,3})\]", r"\1", text)
    return re.sub(r"\[([^\[\]]{1,80})\]", r"\1", text)


_MARKET_CODE = re.compile(
    r"\(?\s*(?:<\.?[A-Z0-9.=^]+>|\.[A-Z]{2,}[A-Z0-9]*|[A-Z0-9]{2,}=[A-Z]*|\b[A-Z]{1,5}c\d{1,2}\b|"
    r"[A-Z]{2,}\d[A-Z0-9]*=(?:RR)?)\s*\)?"
)
_LONG_TOKEN = re.compile(r"\S{40,}")
#: A listed company's ticker in brackets: "(AAPL.O)", "(7203.T)", "(NYSE: XOM)".
_EXCHANGES = r"(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|AMEX|OTC|HKEX|SGX)"
_TICKER = re.compile(
    rf"\s?\((?:{_EXCHANGES}\s?:\s?[A-Z0-9.]{{1,8}}|[A-Z0-9]{{1,6}}(?:_[a-z])?\.[A-Z]{{1,2}})"
    rf"(?:[,;]\s?(?:{_EXCHANGES}\s?:\s?)?[A-Z0-9.]{{1,8}})*\)"
)


def codes(text: str) -> str:
    """Market codes and strings no one could say are left out: "oil (CLc1)", ".MIWD00000PUS",
    "US10YT=RR", "Apple (AAPL.O)", "(NYSE: XOM)", a 40-character token."""
    text = _TICKER.sub("", text)
    text = _MARKET_CODE.sub(
        lambda m: " " if re.search(r"[=<>^]|\d", m.group(0)) else m.group(0), text
    )
    return _LONG_TOKEN.sub(" ", text)


_SAID = {
    "&": " and ",
    "+": " plus ",
    "=": " equals ",
    "%": " percent",
    "°": " degrees",
    "@": " at ",
    "~": " about ",
}


_STARS = re.compile(r"[★☆]{2,10}")


def symbols(text: str) -> str:
    """What is left of symbols after the rules for numbers: "A & B" -> "A and B", "and/or"
    -> "and or", "~5%" -> "about five percent", "★★★★☆" -> "four out of five stars"; marks no
    voice can say are dropped."""
    text = _STARS.sub(
        lambda m: (
            f"{cardinal(str(m.group(0).count('★')))} out of {cardinal(str(len(m.group(0))))} stars"
        ),
        text,
    )
    # "p < 0.05": a comparison set apart by spaces (the numbers are words by now).
    for mark, said in (("<", "less than"), (">", "more than"), ("≤", "at most"), ("≥", "at least")):
        text = re.sub(rf"(?<=\w) {mark} (?=\w)", f" {said} ", text)
    text = re.sub(r"\b(\w+)/or\b", r"\1 or", text)  # "and/or"
    text = re.sub(r"(?<=[A-Z])/(?=[A-Z])", " ", text)  # an index's "S&P/ASX"
    text = re.sub(r"(?<=[A-Za-z])/(?=[A-Za-z])", " or ", text)
    for mark, said in _SAID.items():
        text = text.replace(mark, said)
    text = re.sub(r"(?<=\d)\s?x\s?(?=\d)", " by ", text)
    return re.sub(r"[*_~^|<>{}\[\]\\/#$£€¥₩₹]", " ", text)


def whitespace(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(?:,\s*){2,}", ", ", text)  # pauses that met
    text = re.sub(r"^[,\s]+|\s+(?=[,.;:!?])", "", text)
    text = re.sub(r",\s*([.;:!?])", r"\1", text)
    return text.strip().lstrip(", ")
