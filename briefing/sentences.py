"""Sentence splitting for news text: nltk's Punkt with a news abbreviation list, built offline."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Any


def _import_nltk():  # type: ignore[no-untyped-def]
    """nltk's Punkt and Porter modules, without the half second `import nltk` spends on scipy.

    nltk's package import loads scipy's statistics and sparse matrices for parsers and
    measures this tool never uses, and falls back cleanly when they are missing; they are
    hidden for the duration of the import. Only those: a voice loading on another thread
    imports scipy's FFT meanwhile (hidden too, its import failed, or it came first and nltk
    then loaded all of scipy's statistics).
    """
    hidden = [n for n in ("scipy.stats", "scipy.sparse", "sklearn") if n not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        from nltk.stem import porter
        from nltk.tokenize import punkt
    finally:
        for name in hidden:
            del sys.modules[name]
    return punkt, porter


_punkt, _porter = _import_nltk()
PorterStemmer = _porter.PorterStemmer
PunktParameters = _punkt.PunktParameters
PunktSentenceTokenizer = _punkt.PunktSentenceTokenizer

# Abbreviations after which a period does not end a sentence (lower case, without the final dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cmdr sgt adm gov sen rep rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat
    sun no nos vol vols p pp fig figs ed eds est approx dept univ assn bros inc ltd co corp plc
    llc vs v etc al cf ca e.g i.e u.s u.k u.n u.s.a e.u d.c a.m p.m ph.d m.d b.a m.a n.y l.a
    calif fla ill mass mich minn penn tenn tex va wash wis ariz colo conn ga ky la md mo nev
    okla ore pa re prop
    """.split()
) | frozenset("abcdefghijklmnopqrstuvwxyz")

# Abbreviations that also end sentences; split after them when a sentence plainly starts next.
_TERMINAL_ABBREV = re.compile(
    r"\b(?:U\.S|U\.K|U\.N|E\.U|D\.C|a\.m|p\.m|Inc|Ltd|Co|Corp|Jr|Sr|etc)\.(?P<gap>\s+)"
    r"(?=(?:He|She|It|They|We|I|The|This|That|These|Those|But|And|In|On|At|After|Before|"
    r"However|Meanwhile|A|An|His|Her|Their|Its|There|When|While|If|As)\b)"
)


@lru_cache(maxsize=1)
def tokenizer() -> Any:  # nltk's PunktSentenceTokenizer
    """Punkt trained parameters when nltk's punkt_tab data is installed, else our abbreviations."""
    params = PunktParameters()
    try:
        trained = _punkt.PunktTokenizer("english")
        params = trained._params
    except (LookupError, ImportError, OSError):
        pass
    params.abbrev_types = set(params.abbrev_types) | set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


#: An abbreviation just inside a quotation mark or bracket (“Prop. 13): Punkt reads the mark
#: as part of the word and ends the sentence there.
_MARKED_ABBREV = re.compile(r"[“\"‘'(\[](?P<word>[A-Za-z.]+)\.$")
#: A question or exclamation inside a sentence: what follows goes on in lower case or with a
#: bracket ('asked “Why now?” and left', 'the article “Is it over?” (Page B1)').
_GOES_ON = re.compile(r"^[a-z(]")


def _runs_on(text: str, previous: tuple[int, int], span: tuple[int, int]) -> bool:
    before = text[previous[0] : previous[1]]
    marked = _MARKED_ABBREV.search(before)
    if marked and marked["word"].lower() in ABBREVIATIONS:
        return True
    return bool(re.search(r"[?!][”\"’')]*$", before)) and bool(
        _GOES_ON.match(text[span[0] : span[1]])
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a paragraph."""
    spans: list[tuple[int, int]] = []
    for start, end in tokenizer().span_tokenize(text):
        cut = start
        for match in _TERMINAL_ABBREV.finditer(text, start, end):
            spans.append((cut, match.start("gap")))
            cut = match.end("gap")
        if spans and _runs_on(text, spans[-1], (cut, end)):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((cut, end))
    return spans


def split_sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]
