"""Sentence splitting for news text: nltk's Punkt with a news abbreviation list, built offline."""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any


@contextmanager
def _bare_packages(names: tuple[str, ...]) -> Iterator[None]:
    """nltk's packages entered as empty ones, so their modules load without the package init.

    `import nltk` loads every one of nltk's modules (parsers, corpora, numpy, scipy's
    statistics): 0.2 s of a main thread that the voice loading beside it waits on; Punkt and
    Porter need a twentieth of that. Afterwards nltk's modules are taken out of sys.modules
    again (the caller keeps its own), so a later `import nltk` anywhere gets the whole package.
    """
    spec = importlib.util.find_spec(names[0])
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{names[0]} is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    before = set(sys.modules)
    empty = [n for n in names if n not in sys.modules]
    for name in empty:
        folder = root.joinpath(*name.split(".")[1:])
        package = types.ModuleType(name)
        package.__file__ = str(folder / "__init__.py")
        package.__path__ = [str(folder)]
        package.__spec__ = importlib.util.spec_from_file_location(
            name, package.__file__, submodule_search_locations=package.__path__
        )
        sys.modules[name] = package
    try:
        yield
    finally:
        # Modules loaded under an empty package are not attributes of the real one: a later
        # `import nltk` must load its own.
        for name in set(sys.modules) - before:
            if name == names[0] or name.startswith(names[0] + "."):
                del sys.modules[name]
        for name in empty:
            sys.modules.pop(name, None)


def _import_nltk():  # type: ignore[no-untyped-def]
    """nltk's Punkt and Porter modules, and Punkt's trained English parameters when nltk's
    punkt_tab data is installed. Should a future nltk need its package init for these, the
    plain import is used."""

    def load():  # type: ignore[no-untyped-def]
        from nltk.stem import porter
        from nltk.tokenize import punkt

        try:
            trained = punkt.PunktTokenizer("english")._params
        except (LookupError, OSError):
            trained = None
        return punkt, porter, trained

    try:
        with _bare_packages(("nltk", "nltk.tokenize", "nltk.stem")):
            return load()
    except (ImportError, AttributeError):
        return load()


_punkt, _porter, _TRAINED = _import_nltk()
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
    params = _TRAINED or PunktParameters()
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
