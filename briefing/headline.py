"""Headlines: a URL slug glued to one removed, a headline told from a sentence, and a short
headline made from a story's first sentence when its text has none."""

from __future__ import annotations

import re

from .sentences import ABBREVIATIONS, split_sentences
from .text import slugify

_SLUG_HEAD = re.compile(r"^[a-z0-9][a-z0-9'’_-]*-[a-z0-9'’_-]+")
_SLUG_ID = re.compile(r"(?:[-_](?:\d+|[a-z0-9]*\d[a-z0-9]*|[a-f0-9]{6,}))+$")


def _slug_words(slug: str) -> list[str]:
    return [w for w in slugify(_SLUG_ID.sub("", slug)).split("-") if w]


def strip_slug(line: str) -> str:
    """Remove a URL slug glued to the front of a headline ("nato-commits-...NATO commits")."""
    line = line.strip()
    match = _SLUG_HEAD.match(line)
    if not match:
        return line
    prefix = match.group(0)
    # Try every split point, longest slug first; accept where the rest spells the slug.
    for cut in range(len(prefix), 1, -1):
        rest = line[cut:].lstrip()
        if not rest or not re.match(r"[\w“\"‘'(]", rest):
            continue
        slug, head = _slug_words(line[:cut]), slugify(rest).split("-")
        if len(slug) >= 2 and slug == head[: len(slug)]:
            return rest
    # Unverified: accept a hyphenated lower-case run directly followed by a capital letter.
    tail = line[len(prefix) :]
    if prefix.count("-") >= 2 and re.match(r"[A-Z“\"]", tail):
        return tail.strip()
    return line


def is_bare_slug(text: str) -> bool:
    return " " not in text and text.count("-") >= 2 and text == text.lower()


def is_headline_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 30 and not re.search(r"[.,;:]['\"”’]?$", text)


#: Words before which a sentence's main clause has usually been said.
_BREAKS = frozenset(
    """
    after amid as because before but despite following if including since so than that
    though until unless when where whereas which while who whom whose without according
    """.split()
)
#: Words that open a phrase: a headline may stop before one.
_PHRASES = frozenset("to for in on at by with from over into during across through".split())
#: A headline never ends on these: the next word belongs to them.
_NO_END = frozenset(
    """
    a an the of in on at to for by with and or but as from into than that this these those
    its their his her our your my is are was were be been has have had will would can could
    not no per about over under between said says mr mrs ms dr
    """.split()
)
_SCALE = re.compile(r"^(?:thousand|million|billion|trillion|percent|per|cent|bn|mn|m|k)\b", re.I)
SHORT_HEADLINE_WORDS = (5, 12)
_ASIDE = re.compile(r",\s+(?:who|which|whose)\s+(?:[^,;:!?]|,(?=\d)){3,90}?,(?=\s)")


def short_headline(paragraph: str) -> str:
    """A headline from a story's first sentence: its main clause, or its first words up to a
    natural break; never cut inside an abbreviation or a number, never ending on a word that
    leads into the next."""
    sentence = split_sentences(paragraph)[0] if paragraph.strip() else paragraph
    # "Ana Ruiz, who leads the team, said ...": the relative clause is not the news.
    sentence = _ASIDE.sub("", sentence, count=1)
    words = sentence.split()
    low, high = SHORT_HEADLINE_WORDS
    if len(words) <= high:
        return _trimmed(words)
    cut = None
    for i in range(low, min(high, len(words) - 1) + 1):
        before, after = words[i - 1], words[i]
        if re.search(r"[,;:—–]$", before) or after in ("—", "–") or after.lower() in _BREAKS:
            cut = i
            break
    if cut is None:
        # No clause ends in reach: stop before the last phrase that starts in it.
        starts = [i for i in range(low, high + 1) if words[i].lower() in _PHRASES]
        cut = starts[-1] if starts else high
    while cut > low and not _can_end(words[cut - 1], words[cut] if cut < len(words) else ""):
        cut -= 1
    return _trimmed(words[:cut])


def _can_end(word: str, following: str) -> bool:
    bare = word.strip(",;:—–\"“”'’()").lower()
    if bare in _NO_END or (bare.rstrip(".") in ABBREVIATIONS and word.endswith(".")):
        return False
    # "$40" before "million", "3" before "percent": a number and its scale stay together.
    return not (re.search(r"\d$", bare) and _SCALE.match(following))


def _trimmed(words: list[str]) -> str:
    text = " ".join(words).strip()
    text = re.sub(r"[\s,;:—–-]+$", "", text)
    if text.endswith(".") and not re.search(r"\b[A-Za-z]\.[A-Za-z]\.$", text):
        text = text[:-1]
    return text.strip('“”"')
