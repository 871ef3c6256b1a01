"""Text as a newsreader says it: numbers, money, dates, times, units, scores and capitals in
words, marks and codes no one says left out.

`spoken` applies small named rules in order; each is a pure str -> str function that carries
the real example that called for it (see its docstring), with a table test of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache, partial

from .counts import (
    designators,
    fractions,
    numbers,
    ordinals,
    ranges,
    scores,
    world_wars,
    years,
)
from .dates import decades, named_dates, numeric_dates, quarters, times
from .marks import brackets, codes, symbols, typography, whitespace
from .measures import percent, units
from .money import money
from .web import web
from .words import abbreviations, capitals, roman_numerals

Rule = Callable[[str], str]

RULES: tuple[Rule, ...] = (
    codes,
    web,
    world_wars,
    brackets,
    scores,
    typography,
    numeric_dates,
    named_dates,
    quarters,
    times,
    fractions,
    money,
    percent,
    units,
    ranges,
    decades,
    designators,
    ordinals,
    years,
    roman_numerals,
    abbreviations,
    capitals,
    numbers,
    symbols,
    whitespace,
)
#: British copy: "nil" in scores, day before month in "12/03/2025".
_BRITISH = tuple(
    partial(rule, british=True) if rule in (scores, numeric_dates) else rule for rule in RULES
)
#: Rules that only ever change text with a digit in it; most sentences have none.
_NUMERIC = frozenset(
    {scores, numeric_dates, named_dates, quarters, times, fractions, money, percent, units}
    | {ranges, decades, designators, ordinals, years, numbers}
)
#: Other rules, skipped when what they look for is not there at all.
_LOOKS_FOR: dict[Rule, re.Pattern[str]] = {
    codes: re.compile(r"[=<>]|\S{40}|c\d|\.[A-Z]{1,2}\)|\.[A-Z]{2}|[A-Z]\s?:\s?[A-Z]"),
    web: re.compile(r"[@#]|://|www\.|\w\.[a-z]{2,4}\b"),
    brackets: re.compile(r"\["),
    world_wars: re.compile(r"WW"),
    roman_numerals: re.compile(r" [IVXL]"),
    abbreviations: re.compile(r"\.|\bNo\b|#|^\W?Re:|/|(?i:\b([yqm])o\1\b)"),
    capitals: re.compile(r"[A-Z][A-Z.&]"),
    symbols: re.compile(r"[&+=%°@*_~^|<>{}\[\]\\/#$£€¥₩₹★☆≤≥]"),
}
_DIGIT = re.compile(r"\d")
#: Copy written in British English (a newsreader there says "nil", not "nothing").
_BRITISH_MARKS = re.compile(r"\bper cent\b|£|\bnil\b|\b(?:colour|favour|centre|metre)s?\b")


def is_british(text: str) -> bool:
    return bool(_BRITISH_MARKS.search(text))


def apply_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    """Replace whole words by their spoken forms (exact case first, then any case)."""
    if not lexicon:
        return text
    pattern = _lexicon_pattern(tuple(sorted(lexicon, key=len, reverse=True)))
    lowered = {k.lower(): v for k, v in lexicon.items()}

    def said(m: re.Match[str]) -> str:
        found = m.group(0)
        return lexicon.get(found) or lowered.get(found.lower(), found)

    return pattern.sub(said, text)


@lru_cache(maxsize=32)
def _lexicon_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


def spoken(text: str, *, lexicon: Mapping[str, str] | None = None, british: bool = False) -> str:
    """The text as the speech engine is to read it (see the module docstring). `british`
    reads scores as British copy does ("one-nil")."""
    if lexicon:
        text = apply_lexicon(text, lexicon)
    ended = _ENDS.search(text)
    digits = bool(_DIGIT.search(text))  # no rule ever writes a digit
    for rule in _BRITISH if british else RULES:
        base = getattr(rule, "func", rule)
        if base in _NUMERIC and not digits:
            continue
        needed = _LOOKS_FOR.get(base)
        if needed is not None and not needed.search(text):
            continue
        text = rule(text)
    if ended and not _ENDS.search(text):
        # A rule that wrote out "Oxford St." or "3 p.m." took the sentence's full stop along.
        stripped = text.rstrip(_CLOSING)
        text = stripped + "." + text[len(stripped) :]
    return text


_CLOSING = " \t\n”\"’')"
#: A sentence's end, before any closing quotation marks or brackets.
_ENDS = re.compile(r"[.!?…][ \t\n”\"’')]*$")


__all__ = ["RULES", "Rule", "apply_lexicon", "is_british", "spoken", *(r.__name__ for r in RULES)]
