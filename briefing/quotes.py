"""Quotations in a paragraph and who speaks them: spans, attributions, speaker names."""

from __future__ import annotations

import re
from dataclasses import dataclass

SPEECH_VERBS = (
    "said|says|added|adds|wrote|writes|told|tells|explained|explains|stated|states|noted|notes|"
    "declared|insisted|warned|warns|argued|argues|asked|asks|replied|continued|posted|tweeted|"
    "recalled|announced|acknowledged|admitted|claimed|claims|observed|remarked|conceded|stressed|"
    "emphasized|emphasised|commented|concluded|suggested|responded|shouted|urged|cautioned|"
    "predicted|maintained|contended|added|answered|confirmed|reported|revealed|went on|"
    "pointed out|underlined|underscored|highlighted|assured|vowed|joked|lamented|complained"
)
# Words before or after a name in "Defense Minister Rustem Umerov said": not part of the name.
_TITLE_WORDS = frozenset(
    """
    president prime minister secretary general gen. sen. senator rep. representative gov.
    governor mayor dr. mr. mrs. ms. prof. professor chancellor deputy chief defense defence
    foreign finance interior health spokesman spokeswoman spokesperson ceo director judge
    ambassador commander coach manager captain lt. col. sgt. adm. king queen prince princess
    pope archbishop bishop former vice ukrainian russian american british french german
    chinese israeli u.s. us un nato eu department senior top executive officer chair chairman
    chairwoman leader head lawmaker
    """.split()
)
_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|de|da|van|von|del|der|la|le|al|bin)"
_SPEAKER_NAME = rf"[A-Z][\w'’.-]*(?:\s+{_NAME_TOKEN}){{0,5}}"
# "Smith said", "Smith, 45, said", "Smith, the port's director, told reporters".
_AFTER_NAMED = re.compile(
    rf"(?:^|[,;]\s*|\s)(?P<name>{_SPEAKER_NAME})(?:,\s*[^,“”\"]{{1,60}},)?\s+(?:\w+ly\s+)?"
    rf"(?:{SPEECH_VERBS})\b"
)
_AFTER_PRONOUN = re.compile(
    rf"(?:^|[,;]\s*|\s)(?P<pro>[Hh]e|[Ss]he)\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS})\b"
)
# A role between the verb and the name: "said council member Ana Ruiz", "said state Sen. Jo
# Park", "said White House press secretary Kim Lee"; not "said on Tuesday", "said in a statement".
_LOWER_WORD = (
    r"(?:(?!(?:on|in|at|to|that|after|before|during|with|by|from|for|of|a|an|the|this|last|"
    r"late|earlier|later|when|while|as|and|but|so|then|today|yesterday|tonight|it|there)\b)"
    r"[a-z][\w-]*\s+)"
)
_ROLE = rf"(?:(?:[A-Z][\w.'’-]*\s+){{0,3}}{_LOWER_WORD}{{1,3}})?"
_VERB_THEN_NAME = re.compile(
    rf"(?:^|[,;]\s*|\s)(?:{SPEECH_VERBS})\s+(?:the\s+[^,.“”\"]{{2,80}}?,\s*)?{_ROLE}"
    rf"(?P<name>{_SPEAKER_NAME})"
)
_ACCORDING = re.compile(
    rf"according to\s+(?:the\s+[^,.“”\"]{{2,80}}?,\s*)?(?P<name>{_SPEAKER_NAME})"
)
_BEFORE_ATTR = re.compile(
    rf"(?:^|[.!?]\s+|\s)(?:(?P<name>{_SPEAKER_NAME})|(?P<pro>[Hh]e|[Ss]he))\s+(?:\w+ly\s+)?"
    rf"(?:{SPEECH_VERBS})\b[^.!?“”\"]{{0,80}}?[:,]?\s*$"
)
_NOT_NAMES = frozenset(
    "The This That These Those It They We I You He She But And Officials Police Authorities "
    "Analysts Experts Critics Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December "
    "Today Yesterday Tonight".split()
)

OPEN_MARKS = "“«„"


def clean_name(name: str) -> str | None:
    tokens = name.replace("’s", "").split()
    while tokens and tokens[0].lower() in _TITLE_WORDS:
        tokens.pop(0)
    while tokens and tokens[-1].lower() in _TITLE_WORDS:
        tokens.pop()
    if not tokens or tokens[0] in _NOT_NAMES:
        return None
    if len(tokens) > 3:
        tokens = tokens[-2:]
    name = " ".join(tokens).strip(" ,.")
    return name or None


def surname(name: str) -> str:
    """How news copy names a person after the first mention."""
    tokens = name.split()
    return tokens[-1] if len(tokens) > 1 else name


@dataclass(frozen=True)
class Span:
    open: int  # index of the opening mark
    close: int | None  # index of the closing mark, None when the quote runs on
    inner_start: int
    inner_end: int


def quote_spans(text: str) -> list[Span]:
    """Quotations in a paragraph: typographic, guillemet or straight double quotes."""
    spans: list[Span] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in OPEN_MARKS or ch == '"':
            closers = '"' if ch == '"' else ("»" if ch == "«" else "”“" if ch == "„" else "”")
            j = i + 1
            while j < len(text) and text[j] not in closers:
                j += 1
            if j < len(text) and not (ch == "“" and text[j] == "“"):
                spans.append(Span(i, j, i + 1, j))
                i = j + 1
                continue
            if j < len(text) and text[j] == "“":
                # A new opening mark before any closing one: a quote that ran on.
                spans.append(Span(i, None, i + 1, j))
                i = j
                continue
            spans.append(Span(i, None, i + 1, len(text)))
            break
        i += 1
    return spans


def is_full_quote(text: str, span: Span) -> bool:
    """A whole quotation (spoken in the quote voice), not a phrase quoted inside a sentence."""
    before = text[: span.open].rstrip()
    inner = text[span.inner_start : span.inner_end].strip()
    if not inner or not re.search(r"\w", inner):
        return False
    if not before or before[-1] in '.!?:;”"»—–-':
        return True
    if before.endswith(","):
        return True
    words = inner.split()
    return bool(re.search(rf"\b(?:{SPEECH_VERBS})$", before)) and len(words) >= 3


def _first_clause(text: str) -> str:
    """Text up to the end of its first sentence or the next quotation mark."""
    for match in re.finditer(r"(?<=[.!?])\s+|[“\"]", text):
        before = text[: match.start()].split()
        last = before[-1] if before else ""
        # "said state Sen. Jo Park": a title's or an initial's period ends no sentence.
        if match.group().strip() or not (
            last.lower() in _TITLE_WORDS or re.fullmatch(r"[A-Z]\.", last)
        ):
            return text[: match.start()]
    return text


def attribution(after: str, before: str) -> tuple[str | None, bool]:
    """(speaker, is_pronoun) named around a quotation."""
    clause = _first_clause(after)
    for pattern in (_VERB_THEN_NAME, _AFTER_NAMED, _ACCORDING):
        match = pattern.search(clause)
        if match:
            name = clean_name(match.group("name"))
            if name:
                return name, False
    if _AFTER_PRONOUN.search(clause):
        return None, True
    match = _BEFORE_ATTR.search(before)
    if match:
        if match.group("pro"):
            return None, True
        name = clean_name(match.group("name"))
        if name:
            return name, False
    return None, False


def narration_speaker(text: str) -> str | None:
    """A person named as speaking in narration ("Umerov stated that ...")."""
    for pattern in (_VERB_THEN_NAME, _AFTER_NAMED, _ACCORDING):
        found = None
        for match in pattern.finditer(text):
            found = clean_name(match.group("name")) or found
        if found:
            return found
    return None
