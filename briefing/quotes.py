"""Quotations in a paragraph and who speaks them: spans, what counts as speech, attributions,
and a memory of speakers that resolves "he said" and "she added" to the right person."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

SPEECH_VERBS = (
    "said|says|added|adds|wrote|writes|told|tells|explained|explains|stated|states|noted|notes|"
    "declared|insisted|warned|warns|argued|argues|asked|asks|replied|continued|posted|tweeted|"
    "recalled|announced|acknowledged|admitted|claimed|claims|observed|remarked|conceded|stressed|"
    "emphasized|emphasised|commented|concluded|suggested|responded|shouted|urged|cautioned|"
    "predicted|maintained|contended|answered|confirmed|reported|revealed|went on|testified|"
    "pointed out|underlined|underscored|highlighted|assured|vowed|joked|lamented|complained|"
    "recounted|agreed|told reporters|said in a statement|remembers|remembered|recalls|"
    "laughed|laughs|quipped|wondered|insists|adds|explains|observes|admits|concedes|"
    "recalls|warned|told|writes|tweets|posted|confirms|announces|replies|urges|stresses|"
    "suggests|reveals|acknowledges|predicts|responds|concludes|cautions|continues"
)
#: Verbs whose object is the one spoken to: in "Grisham told CNN" the speaker is Grisham.
_TO_SOMEONE = frozenset("told tells asked asks assured reminded informed".split())
# Words before or after a name in "Defense Minister Rustem Umerov said": not part of the name.
TITLE_WORDS = frozenset(
    """
    president prime minister secretary general gen. sen. senator rep. representative gov.
    governor mayor dr. mr. mrs. ms. prof. professor chancellor deputy chief defense defence
    foreign finance interior health spokesman spokeswoman spokesperson ceo director judge
    ambassador commander coach manager captain lt. col. sgt. adm. king queen prince princess
    pope archbishop bishop former vice ukrainian russian american british french german
    chinese israeli u.s. us un nato eu department senior top executive officer chair chairman
    chairwoman leader head lawmaker attorney justice state mp mep msp mla councillor cllr
    """.split()
)
#: The small words inside names: "Otto von Bismarck", "Ana de Souza".
NAME_PARTICLES = r"(?:von|van|de|da|del|der|di|du|le|la|bin|al|ter|dos|das)"
_NAME_TOKEN = rf"(?:[A-Z][\w'’.-]*|{NAME_PARTICLES})"
_SPEAKER_NAME = rf"[A-Z][\w'’.-]*(?:\s+{_NAME_TOKEN}){{0,5}}"
# "Smith said", "Smith, 45, said", "Smith, the port's director, told reporters".
_AFTER_NAMED = re.compile(
    rf"(?:^|[,;]\s*|\s)(?P<name>{_SPEAKER_NAME})(?:,\s*[^,“”\"]{{1,60}},)?\s+(?:\w+ly\s+)?"
    rf"(?P<verb>{SPEECH_VERBS})\b"
)
_AFTER_PRONOUN = re.compile(
    rf"(?:^|[,;]\s*|\s)(?P<pro>[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS})\b"
)
# A role between the verb and the name: "said council member Ana Ruiz", "said state Sen. Jo
# Park", "said White House press secretary Kim Lee"; not "said on Tuesday", "said in a statement".
ROLE_WORD = (
    r"(?:(?!(?:on|in|at|to|that|after|before|during|with|by|from|for|of|a|an|the|this|last|"
    r"late|earlier|later|when|while|as|and|but|so|then|today|yesterday|tonight|it|there)\b)"
    r"[a-z][\w-]*\s+)"
)
_ROLE = rf"(?:(?:[A-Z][\w.'’-]*\s+){{0,3}}{ROLE_WORD}{{1,3}})?"
_VERB_THEN_NAME = re.compile(
    rf"(?:^|[,;]\s*|\s)(?:{SPEECH_VERBS})\s+(?:the\s+[^,.“”\"]{{2,80}}?,\s*)?{_ROLE}"
    rf"(?P<name>{_SPEAKER_NAME})"
)
_ACCORDING = re.compile(
    rf"according to\s+(?:the\s+[^,.“”\"]{{2,80}}?,\s*)?(?P<name>{_SPEAKER_NAME})"
)
_BEFORE_ATTR = re.compile(
    rf"(?:^|[.!?]\s+|\s)(?:(?P<name>{_SPEAKER_NAME})|(?P<pro>[Hh]e|[Ss]he))\s+(?:\w+ly\s+)?"
    rf"(?P<verb>{SPEECH_VERBS})\b[^.!?“”\"]{{0,80}}?[:,;]?\s*$"
)
_NOT_NAMES = frozenset(
    "The This That These Those It They We I You He She But And Officials Police Authorities "
    "Analysts Experts Critics Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December "
    "Today Yesterday Tonight Speaking Asked Told According In On At A An As When While "
    "Meanwhile However".split()
)
#: Words that end a name in an organization's: "it" and "they", never "he" or "she".
_ORGANIZATION = re.compile(
    r"\b(?:Inc|Corp|Corporation|Company|Group|Ministry|Department|Police|Council|Agency|Office|"
    r"Commission|Committee|Government|Party|Association|Union|Bank|Court|Service|Institute|"
    r"University|Foundation|Board|Authority|Organization|Organisation|Club|League|News|Times|"
    r"Post|Journal|Reuters|Press)\b"
)

OPEN_MARKS = "“«„"
CLOSE_MARKS = "”»"
DOUBLE_MARKS = '“”"«»„'

#: A single mark that opens a quotation (at a word's start) and one that closes it (after the
#: quotation's own punctuation, or after a word when punctuation follows): never the
#: apostrophe inside or at the end of a word ("don’t", "players’ union", "’90s").
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))[‘'](?=[^\W\d_]|\d+\b(?!s\b)|…)")
_SINGLE_CLOSE = re.compile(
    r"(?<=[,.!?…—-])[’'](?=$|[\s,.;:!?)\]—–-])|(?<=\w)[’'](?=[.,;:!?](?:\s|$))"
)
#: What an apostrophe at a word's start stands in for: not a quotation opening.
_ELISION = re.compile(r"[‘'](?:em|til|tis|twas|cause|bout|n'?|n’)\b", re.I)


def single_marks_as_double(text: str) -> str:
    """The paragraph with quotations in single marks (‘...’ or '...', as British papers and
    their wire copy quote) given double ones, at the same positions, so quotations are found
    the same way in every style. A paragraph with double marks keeps its single ones: there
    they quote inside a quotation. An opening mark with no close before the next opening
    runs on into the next paragraph only from the paragraph's start."""
    if any(mark in text for mark in DOUBLE_MARKS) or not re.search("[‘']", text):
        return text
    chars = list(text)
    opens = [m.start() for m in _SINGLE_OPEN.finditer(text) if not _ELISION.match(text, m.start())]
    closes = [m.start() for m in _SINGLE_CLOSE.finditer(text)]
    for n, start in enumerate(opens):
        limit = opens[n + 1] if n + 1 < len(opens) else len(text)
        end = next((c for c in closes if start < c < limit), None)
        if end is None and start != 0:
            continue
        chars[start] = "“"
        if end is not None:
            chars[end] = "”"
    return "".join(chars)


#: An embedded post's signature: "— Joe Diaz (@joediaz) December 5, 2024", and its links.
_SIGNATURE = re.compile(
    r"\s*[—–-]{1,2}\s*(?P<name>[^\s()@—–][^()@—–\n]{0,60}?)\s*\(@\w{1,30}\)"
    r"(?:\s*[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})?\s*$"
)
_POST_LINK = re.compile(r"\s*(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)")


def signed(text: str) -> tuple[str, str | None]:
    """An embedded post (a blockquote) without its signature and links, and the name it is
    signed with: the post's speaker."""
    match = _SIGNATURE.search(text)
    name = clean_name(match["name"]) if match else None
    body = text[: match.start()] if match else text
    return _POST_LINK.sub("", body).strip(), name


#: A word that ends a sentence inside what looked like one name ("... its U.S. Winter
#: Outlook. Researchers predicted"): longer than an initial or a title's abbreviation.
_SENTENCE_END = re.compile(r"^[A-Z][a-z]{4,}\.$")


_SUFFIXES = frozenset("jr sr ii iii iv".split())
#: Titles that close a name only by mistake; "King", "Head" and "Judge" are surnames too.
_TRAILING_TITLES = (TITLE_WORDS | {t.rstrip(".") for t in TITLE_WORDS}) - frozenset(
    "king queen prince princess head chief judge bishop pope justice state".split()
)


def clean_name(name: str) -> str | None:
    """A speaker's name without the titles around it; None when it is not a name."""
    words = name.split()
    ends = [i for i, w in enumerate(words[:-1]) if _SENTENCE_END.match(w)]
    if ends:
        name = " ".join(words[ends[-1] + 1 :])
    tokens = [
        t.strip(",;:.!?") if not t.endswith(".") or len(t) > 4 else t
        for t in name.replace("’s", "").split()
    ]
    tokens = [t for t in tokens if t]
    while tokens and tokens[0].lower() in TITLE_WORDS:
        tokens.pop(0)
    while tokens and tokens[-1].lower().rstrip(".") in _TRAILING_TITLES:
        tokens.pop()
    if not tokens or any(t.rstrip(".") in _NOT_NAMES for t in tokens):
        return None
    # "Saudi Energy Minister Prince Abdulaziz bin Salman": the name follows the last title
    # (not "Martin Luther King Jr.": a suffix is no name).
    titled = [
        i
        for i, t in enumerate(tokens[:-1])
        if t.lower() in TITLE_WORDS
        and any(u.lower().rstrip(".") not in _SUFFIXES for u in tokens[i + 1 :])
    ]
    if titled:
        tokens = tokens[titled[-1] + 1 :]
    names = [
        i
        for i, t in enumerate(tokens)
        if not re.fullmatch(NAME_PARTICLES, t) and t.lower().rstrip(".") not in _SUFFIXES
    ]
    if len(names) > 3:  # the last two names, with the particles between ("von der Leyen")
        tokens = tokens[names[-2] :]
    cleaned = " ".join(tokens).strip(" ,.")
    return cleaned or None


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
    """Quotations in a paragraph, with typographic, guillemet or straight double marks, mixed
    as sites mix them (“...\" closes as well as “...”). A straight mark opens when none is
    open and closes when one is; a new opening mark before any closing one ends a quotation
    that runs on into the next paragraph."""
    spans: list[Span] = []
    opened: int | None = None
    for i, ch in enumerate(text):
        if ch in OPEN_MARKS or (ch == '"' and opened is None):
            if opened is not None:
                spans.append(Span(opened, None, opened + 1, i))
            opened = i
        elif (ch in CLOSE_MARKS or ch == '"') and opened is not None:
            spans.append(Span(opened, i, opened + 1, i))
            opened = None
    if opened is not None:
        spans.append(Span(opened, None, opened + 1, len(text)))
    return spans


_TITLE_CASE = re.compile(
    r"^(?:[A-Z0-9][\w'’&.:-]*|of|the|a|an|and|in|on|to|for|at|by)(?:\s+(?:[A-Z0-9][\w'’&.:-]*|of|the|a|an|and|in|on|to|for|at|by))*[,]?$"
)


def is_title_or_term(inner: str, after: str) -> bool:
    """ "Star Wars", “Parasite,” the film, a scare-quoted “rewilding”: a name or a term in
    quotation marks, not speech; unless an attribution follows ("Wow," she said)."""
    words = inner.split()
    if len(words) > 4 or re.search(r"[.!?…]\W*$", inner):
        return False
    # “Parasite” director Bong Joon Ho said: without its own comma, a short quotation is a
    # name, even before an attribution; with one, it is speech when one follows.
    if inner.rstrip().endswith(",") and any(attribution(after, "")):
        return False
    return bool(_TITLE_CASE.match(inner.strip())) or (
        len(words) <= 3 and bool(re.match(r"\s*[a-z]", after))
    )


def is_full_quote(text: str, span: Span) -> bool:
    """Speech, said in the quote voice; not a phrase, a title or a term quoted in a sentence."""
    before = text[: span.open].rstrip()
    inner = text[span.inner_start : span.inner_end].strip()
    after = text[span.close + 1 :] if span.close is not None else ""
    if not inner or not re.search(r"\w", inner) or is_title_or_term(inner, after):
        return False
    # Re. “Prop. 13 proves costly,” Page A8, Jan. 13: a letter's reference to a headline.
    if re.search(r"\bRe[.:]?$", before) or re.match(r"\s*,?\s*\(?Page\s+[A-Z]?\d", after):
        return False
    if not before or before[-1] in '.!?:;”"»—–-(':
        return True
    if before.endswith(","):
        return True
    words = inner.split()
    if re.search(rf"\b(?:{SPEECH_VERBS})$", before) and len(words) >= 3:
        return True
    # The reason “was the recent statements …” (Popko explained): a partial quotation that
    # runs to the end of its sentence, or to its attribution, is the speaker's words.
    if len(words) < 3:
        return False
    if re.search(r"\b(?:titled|entitled|called|named|dubbed|headlined|known as)\s*$", before):
        return False  # the title of a paper, a book or a song
    if not after.strip() or re.match(r"\s*[.!?]", after):
        return True
    clause = _first_clause(after)
    attributed = rf"\s*,?\s*(?:{_SPEAKER_NAME}|[Hh]e|[Ss]he)\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS})\b"
    return bool(re.match(attributed, clause))


def _first_clause(text: str) -> str:
    """Text up to the end of its first sentence or the next quotation mark."""
    for match in re.finditer(r"(?<=[.!?])\s+|[“\"]", text):
        before = text[: match.start()].split()
        last = before[-1] if before else ""
        # "said state Sen. Jo Park": a title's or an initial's period ends no sentence.
        if match.group().strip() or not (
            last.lower() in TITLE_WORDS or re.fullmatch(r"[A-Z]\.", last)
        ):
            return text[: match.start()]
    return text


def _named(match: re.Match[str] | None) -> str | None:
    return clean_name(match.group("name")) if match else None


def _role_place(clause: str, match: re.Match[str]) -> bool:
    """ "said a spokesman for the New York-based group": the capitals follow a preposition,
    so they name a place or a body, not the speaker."""
    return bool(
        re.search(r"\b(?:of|for|at|in|from|with|on|to|the)\s+$", clause[: match.start("name")])
    )


def attribution(after: str, before: str) -> tuple[str | None, bool]:
    """(speaker, is_pronoun) named around a quotation.

    A name before the verb wins ("Grisham told CNN": Grisham), then a name after it ("said
    council member Ana Ruiz"), then "according to"; then a pronoun; then an attribution in
    the text before the quotation.
    """
    clause = _first_clause(after)
    named = _AFTER_NAMED.search(clause)
    inverted = _VERB_THEN_NAME.search(clause)
    if named and _named(named) and (not inverted or named.start() <= inverted.start()):
        return _named(named), False
    if inverted and not _role_place(clause, inverted) and _named(inverted):
        verb = re.match(rf"\W*({SPEECH_VERBS})", clause[inverted.start() :])
        # "Grisham told CNN", "she tells MPs": the name after such a verb is who listens.
        spoken_to = verb and verb.group(1) in _TO_SOMEONE
        if not (spoken_to and (named or _AFTER_PRONOUN.search(clause))):
            return _named(inverted), False
    if named and _named(named):
        return _named(named), False
    according = _ACCORDING.search(clause)
    if according and _named(according):
        return _named(according), False
    if _AFTER_PRONOUN.search(clause):
        return None, True
    for pattern in (_ACCORDING_BEFORE, _WHO_SAID):
        found = pattern.search(before)
        if found and _named(found):
            return _named(found), False
    match = _BEFORE_ATTR.search(before)
    if match:
        if match.group("pro"):
            return None, True
        name = _named(match)
        if name:
            return name, False
    return None, False


def pronoun_of(after: str, before: str) -> str | None:
    """The pronoun of an attribution around a quotation ("he", "she", "they", "it")."""
    for text in (_first_clause(after), before):
        match = _AFTER_PRONOUN.search(text) or re.search(
            r"(?:^|[.!?]\s+|\s)(?P<pro>[Hh]e|[Ss]he)\s+(?:\w+ly\s+)?(?:" + SPEECH_VERBS + r")\b",
            text,
        )
        if match:
            return match.group("pro").lower()
    return None


#: The person a sentence of narration is about, as its subject: "Reed, however, disagreed.",
#: "Silva's deputy, Maria Lopez, was blunt."
_SUBJECT = re.compile(
    rf"(?:^|[.!?]\s+)(?:[A-Z][\w’']*['’]s\s+[a-z]+(?:\s+[a-z]+)?,\s+)?(?P<name>{_SPEAKER_NAME})"
    r"(?=,|\s+(?:\w+ly\s+)?[a-z])"
)
#: An attribution to someone unnamed: "a spokesperson for the port said", "officials said",
#: "the company said"; not "the 45-year-old said", which points back to someone named.
_UNNAMED = re.compile(
    rf"^\s*,?\s*(?:(?:a|an|one|another)\s+[^,.“”\"]{{1,60}}?|(?:[a-z]+\s+){{0,3}}"
    r"(?:officials|police|authorities|analysts|experts|residents|witnesses|sources|critics|"
    r"officers|prosecutors|investigators|researchers|scientists|people)|the\s+(?:[a-z]+\s+)?"
    r"(?:company|firm|ministry|department|government|agency|council|authority|court|"
    rf"police|army|military|embassy|group|club|union|party))\s+(?:{SPEECH_VERBS})\b"
)
_ACCORDING_BEFORE = re.compile(rf"\b[Aa]ccording to\s+(?P<name>{_SPEAKER_NAME}),?\s*$")
#: "Silva told Reed, who replied:" — the one who replies speaks next.
_WHO_SAID = re.compile(
    rf"(?P<name>{_SPEAKER_NAME}),\s+who\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS})\b[^.!?“”\"]{{0,60}}?"
    r"[:,]?\s*$"
)


def unnamed_attribution(after: str) -> bool:
    """Whether the words after a quotation give it to someone the article does not name."""
    return bool(_UNNAMED.match(_first_clause(after)))


def narration_subject(text: str, people: Collection[str]) -> str | None:
    """The last person a stretch of narration has as a sentence's subject, if any: a full
    name, or a surname of `people` (a capitalized word opening a sentence is no name)."""
    found = None
    for match in _SUBJECT.finditer(text):
        name = _named(match)
        if name and (surname(name) in people or (" " in name and not _PLACE_NAME.search(name))):
            found = name
    return found


#: Two capitalized words that name a place, not a person: "New York", "Hong Kong City".
_PLACE_NAME = re.compile(
    r"^(?:New|North|South|East|West|Saint|St|San|Santa|Los|Las|El|Hong|Upper|Lower|Great|Port|"
    r"Fort|Mount|Lake|Cape)\b|\b(?:City|County|State|Island|Islands|Street|Valley|Bay|Beach|"
    r"Park|River|Coast|Airport|Station|Square|Hall|House)$"
)


def narration_speaker(text: str) -> str | None:
    """A person named as speaking in narration ("Umerov stated that ...")."""
    for pattern in (_AFTER_NAMED, _VERB_THEN_NAME, _ACCORDING):
        found = None
        for match in pattern.finditer(text):
            found = _named(match) or found
        if found:
            return found
    return None


@dataclass
class Speakers:
    """Who has spoken so far in an article, and what is known of each: a pronoun resolves to
    the latest speaker it can stand for ("she" to a woman, "it" to an organization)."""

    order: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # name -> "he" | "she" | "it"

    @property
    def last(self) -> str | None:
        return self.order[-1] if self.order else None

    def name(self, name: str, text: str = "") -> str:
        """Note a speaker by name; "Popko" after "Sergei Popko" is the same person."""
        full = next((n for n in reversed(self.order) if n == name or n.endswith(" " + name)), name)
        if full in self.order:
            self.order.remove(full)
        self.order.append(full)
        if _ORGANIZATION.search(full):
            self.kinds[full] = "it"
        elif text:
            self._learn(full, text)
        return full

    def _learn(self, full: str, text: str) -> None:
        """Gender from the copy: "Mrs Ruiz", "Ruiz said she ...", "Ruiz ... her"."""
        last = re.escape(surname(full))
        if re.search(rf"\b(?:Mr|Sir)\.?\s+(?:\w+\s+)?{last}\b", text):
            self.kinds[full] = "he"
        elif re.search(rf"\b(?:Mrs|Ms|Miss|Dame)\.?\s+(?:\w+\s+)?{last}\b", text):
            self.kinds[full] = "she"
        else:
            pronoun = re.search(rf"\b{last}\b[^.!?]{{0,80}}?\b(?P<p>he|she|his|her|him)\b", text)
            if pronoun:
                self.kinds[full] = "she" if pronoun.group("p") in ("she", "her") else "he"

    def learn(self, text: str) -> None:
        """Gender of the speakers not yet known whose surname this paragraph mentions (only
        those: a page of hundreds of names must not cost hundreds of searches a paragraph)."""
        words = re.findall(r"[A-Z][\w'’-]*", text)
        present = {*words, *(re.sub(r"[’']s$", "", w) for w in words)}
        for full in self.order:
            if full not in self.kinds and surname(full).rstrip(".") in present:
                self._learn(full, text)

    def resolve(self, pronoun: str | None) -> str | None:
        """The speaker a pronoun stands for, by surname, or None when none fits."""
        wanted = {"he": "he", "she": "she", "it": "it", "they": "it"}.get(pronoun or "")
        for name in reversed(self.order):
            kind = self.kinds.get(name)
            if wanted == "it" and kind != "it":
                continue
            if wanted in ("he", "she") and kind not in (None, wanted):
                continue
            return surname(name) if kind != "it" else name
        return None
