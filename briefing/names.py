"""First references: a person a summary names by surname alone, though the sentence that
gave the full name was left out, is named in full the first time a listener hears them.

"Gilley, author of the controversial article, argued ..." -> "Bruce Gilley, author of ...".
Only names an article marks as a person's (a title, role or speech verb beside them, or a
comma and an apposition after them) are used, so "East Africa" never turns a later
"Africa" into it, and a surname two people share is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .quotes import NAME_PARTICLES, SPEECH_VERBS, TITLE_WORDS

_WORD = r"[A-Z][a-z]+(?:[-’'][A-Z][a-z]+)?"
#: A given name, perhaps a middle initial or particles, and a surname; not part of a longer
#: run of capitalized words.
_FULL_NAME = re.compile(
    rf"(?<![\w.’'-])(?P<full>{_WORD}(?:\s+[A-Z]\.)?(?:\s+{NAME_PARTICLES})*\s+(?P<last>{_WORD}))"
    r"(?![\w’'-]|\s+[A-Z])"
)
_ROLES = (
    "sir dame lord lady historian author writer editor official analyst economist researcher "
    "scientist founder player actor actress singer artist lawyer prosecutor commissioner adviser "
    "advisor candidate premier activist campaigner resident student teacher doctor nurse owner "
    "farmer fisherman member colleague wife husband son daughter mother father brother sister "
    "friend"
).split()
#: Words that say the name after them is a person's: titles, roles, a speech verb.
_BEFORE = re.compile(
    r"(?:\b(?:"
    + "|".join(sorted({re.escape(w.rstrip(".")) for w in TITLE_WORDS} | set(_ROLES)))
    + rf"|{SPEECH_VERBS})\.?)\s+$",
    re.I,
)
#: After the name: an apposition ("Smith, 45," "Smith, the port's director,") or a verb
#: of saying.
_AFTER = re.compile(
    rf"^(?:,\s+(?:\d{{1,3}}|a|an|the|who|whose)\b|\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS})\b)"
)


def people(paragraphs: Iterable[str]) -> dict[str, str]:
    """Surname -> full name, for each surname only one named person carries and the
    article never writes as an ordinary word ("Price" and "price")."""
    found: dict[str, set[str]] = {}
    text = "\n".join(paragraphs)
    for match in _FULL_NAME.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() : match.end() + 80]
        if _BEFORE.search(before) or _AFTER.match(after):
            found.setdefault(match["last"], set()).add(match["full"])
    words = set(re.findall(r"\b[a-z][\w’'-]*", text))
    return {
        last: next(iter(full))
        for last, full in found.items()
        if len(full) == 1 and last.lower() not in words
    }


_SURNAME = re.compile(rf"(?<![\w’'-]){_WORD}\b")


class FirstReferences:
    """Names people in full at their first mention in what is spoken, one story at a time."""

    def __init__(self, paragraphs: Iterable[str]) -> None:
        self._people = people(paragraphs)
        self._heard: set[str] = set()

    def _named_in(self, text: str) -> set[str]:
        return {w for w in _SURNAME.findall(text) if w in self._people}

    def hear(self, text: str) -> None:
        """Note whom a spoken text named (a quotation's words count too)."""
        self._heard |= self._named_in(text)

    def named(self, text: str) -> str:
        """Narration with each person not yet heard of named in full, then heard."""
        for last in sorted(self._named_in(text) - self._heard):
            full = self._people[last]
            if full not in text:
                text = _in_full(text, last, full)
        self.hear(text)
        return text


#: What follows a surname that opens a sentence and is a person's: an apposition, a
#: possessive, a verb of saying. ("Price increases ..." is not named in full.)
_OPENS_AS_PERSON = re.compile(rf"^(?:,|[’']s\b|\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS})\b)")


def _in_full(text: str, last: str, full: str) -> str:
    """`text` with its first surname standing alone (no capitalized word or initial right
    before or after it) given in full."""
    for match in re.finditer(rf"(?<![\w’'-]){re.escape(last)}\b", text):
        before, after = text[: match.start()], text[match.end() :]  # one spoken sentence
        if re.search(r"[A-Z][\w’'.-]*\s+$", before) or re.match(r"\s+[A-Z]", after):
            continue
        opens = not before.strip() or re.search(r"[.!?:“\"]\s*$", before)
        if opens and not _OPENS_AS_PERSON.match(after):
            continue
        return before + full + after
    return text
