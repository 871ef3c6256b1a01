"""Extractive summaries: position, centrality and redundancy, within a budget, offline."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from .errors import SummarizeError
from .furniture import is_furniture_sentence
from .models import Article, Piece, Sentence, Summary
from .quotes import SPEECH_VERBS
from .segment import segment_text
from .sentences import PorterStemmer, sentence_spans

DEFAULT_SECONDS = 60.0

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself said says
    say told one two new year years last first mr mrs ms would could may might must shall
    """.split()
)
# A sentence starting so leans on the one before it: a connective, a pronoun, a reference
# back ("During that time", "The statement, which ..."), or a lower-case continuation.
DANGLING = re.compile(
    r"^(?:[\"“‘']?)(?:(?:But|However|And|Yet|Still|Also|So|Then|Meanwhile|Instead|Nevertheless|"
    r"Nonetheless|Moreover|Furthermore|Besides|Otherwise|Thus|Therefore|Hence|He|She|It|They|"
    r"This|That|These|Those|His|Her|Its|Their|Him|Them|There|Such|Both|Another|The other|"
    r"Other|Later|Earlier|Afterward|Afterwards|During that time|At the time|At that time|"
    r"By then|Since then|In addition|In fact|Even so|The statement|The move|The decision|"
    r"The comments|The remarks|The announcement|The same|Either way|In any case|That said|"
    r"Even then|As a result|In turn|Likewise|Similarly|On the other hand|Conversely|"
    r"For its part|In response|After that|Again|Once again|Regardless)\b|[a-z])"
    # "Unlike his past physicals, it ...": a pronoun in the opening clause points back.
    r"|^[^,;:]{0,50}\b(?:he|she|his|her|him|they|their|them|its)\b[^,;:]{0,50},"
    # "I most certainly have.", "She did.": a verb left out is the one said before.
    r"|^(?:\S+\s+){0,4}(?:have|has|had|do|does|did|will|would|can|could|should|am|is|are|"
    r"was|were)(?:\s+not|n['’]t)?[.!]$"
)
_NAMES_ONLY = re.compile(r"^(?:[A-Z][\w'’.-]*,?\s+){1,6}[A-Z][\w'’.-]*\.?$")
# "Holmes testified.", "Schiff asked.": an attribution alone belongs to the quotation before.
_ATTRIBUTION_ONLY = re.compile(
    rf"^(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}}|[Hh]e|[Ss]he|[Tt]hey)\s+"
    rf"(?:\w+ly\s+)?(?:{SPEECH_VERBS}|testified)\b[^.!?]{{0,40}}[.!?]$"
)


@dataclass(frozen=True)
class Weights:
    """Scoring constants; chosen by 5-fold cross-validation (benchmarks/summarize_rouge.py)."""

    position: float = 1.0
    decay: float = 0.2
    centrality: float = 0.9
    length: float = 0.4
    title: float = 0.3
    redundancy: float = 0.4


WEIGHTS = Weights()


# --- units -----------------------------------------------------------------------------------


#: A unit in the making: text, section, paragraph, pieces, quotation ids.
Unit = tuple[str, int, int, list[Piece], set[int]]


def article_sentences(article: Article) -> list[Sentence]:
    """The article's body as pickable units; a quotation never splits across two units."""
    by_paragraph: dict[int, list] = {}
    for seg in article.segments:
        if seg.kind in ("text", "quote") and seg.paragraph >= 0:
            by_paragraph.setdefault(seg.paragraph, []).append(seg)
    units: list[Unit] = []
    for p_index, segs in sorted(by_paragraph.items()):
        paragraph = article.paragraphs[p_index]
        section = segs[0].section  # a paragraph lies in one section
        for start, end in sentence_spans(paragraph):
            pieces: list[Piece] = []
            quote_ids: set[int] = set()
            for seg in segs:
                lo, hi = max(start, seg.start), min(end, seg.end)
                if lo >= hi or not paragraph[lo:hi].strip(' ,;:—–“”"'):
                    continue
                part = paragraph[lo:hi].strip()
                if seg.kind == "text":
                    part = _unpaired_marks_off(part)
                pieces.append(Piece(seg.kind, part, seg.speaker))
                if seg.kind == "quote" and seg.quote_id is not None:
                    quote_ids.add(seg.quote_id)
            text = paragraph[start:end].strip()
            if is_furniture_sentence(text):
                continue  # "Scroll down for video", a caption run into the text
            if pieces and re.search(r"\w", text):
                units.append((text, section, p_index, pieces, quote_ids))
    merged: list[Unit] = []
    for unit in units:
        orphan = bool(_ATTRIBUTION_ONLY.match(unit[0])) and not unit[4]
        follows_quote = bool(merged) and any(p.kind == "quote" for p in merged[-1][3])
        if merged and (
            merged[-1][4] & unit[4]
            or merged[-1][0].endswith(":")
            or (orphan and follows_quote)
            or _answers(merged[-1], unit)
        ):
            text, section, para, pieces, qids = merged[-1]
            merged[-1] = (text + " " + unit[0], section, para, pieces + unit[3], qids | unit[4])
        else:
            merged.append(unit)
    return [
        Sentence(i, text, section, para, tuple(_join_pieces(pieces)))
        for i, (text, section, para, pieces, _q) in enumerate(merged)
    ]


def _answers(question: Unit, unit: Unit) -> bool:
    """An interview's answer: a paragraph of quotation after a paragraph that asks, the
    question's own paragraph and nothing else ("Why did the bank hold rates?")."""
    _text, _section, para, pieces, _q = question
    return (
        question[0].endswith("?")
        and all(p.kind == "text" for p in pieces)
        and unit[2] == para + 1
        and unit[3][0].kind == "quote"
    )


def _unpaired_marks_off(text: str) -> str:
    """Narration beside a quotation without the quotation's own marks at its ends; marks of
    a title inside it (“Parasite,” the film) stay."""
    marks = '“”"'
    if text[:1] in marks and not any(m in text[1:] for m in marks):
        text = text[1:]
    if text[-1:] in marks and not any(m in text[:-1] for m in marks):
        text = text[:-1]
    if text[:1] in "”" or (text[:1] == '"' and text.count('"') % 2):
        text = text[1:]
    return text.strip()


def _join_pieces(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if out and out[-1].kind == piece.kind and out[-1].speaker == piece.speaker:
            out[-1] = Piece(piece.kind, out[-1].text + " " + piece.text, piece.speaker)
        else:
            out.append(piece)
    return out


# --- features --------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stem(word)


_STEMMER = PorterStemmer()


def terms(text: str) -> list[str]:
    words = (w.lower().strip("'’-") for w in _WORD.findall(text))
    return [_stem(w) for w in words if w and w not in STOPWORDS and len(w) > 1]


def unit(weights: Mapping[str, float]) -> dict[str, float]:
    """The vector scaled to length 1 (cosine similarity is then a dot product)."""
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {t: v / norm for t, v in weights.items()}


def _tfidf(bags: list[Counter[str]]) -> list[dict[str, float]]:
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    return [
        unit({t: (1 + math.log(c)) * math.log((n + 1) / df[t]) for t, c in bag.items()})
        for bag in bags
    ]


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _length_feature(words: int) -> float:
    """News sentences of 12-35 words carry the facts; fragments and run-ons less."""
    if words < 6:
        return -1.0
    if words < 12:
        return (words - 12) / 6
    if words > 45:
        return -(words - 45) / 30
    return 0.0


def score_sentences(
    sentences: Sequence[Sentence], title: str | None = None, weights: Weights = WEIGHTS
) -> tuple[list[float], list[dict[str, float]]]:
    """A relevance score per sentence, and their TF-IDF vectors for redundancy checks."""
    bags = [Counter(terms(s.text)) for s in sentences]
    vectors = _tfidf(bags)
    centroid: Counter[str] = Counter()
    for vec in vectors:
        centroid.update(vec)
    centroid_vec = unit(centroid)
    centrality = [cosine(v, centroid_vec) for v in vectors]
    top = max(centrality, default=1.0) or 1.0
    title_vec = unit(Counter(terms(title))) if title else {}
    scores = []
    first_of: dict[int, int] = {}
    for i, s in enumerate(sentences):
        first_of.setdefault(s.section, i)
    for i, s in enumerate(sentences):
        # Position in the story, and, in a story with sections, in its own section too: a
        # section's opening sentence carries it as a lead carries the story.
        place = i if len(first_of) == 1 else (i + (i - first_of[s.section])) / 2
        score = weights.position * math.exp(-weights.decay * place)
        score += weights.centrality * centrality[i] / top
        score += weights.length * _length_feature(s.words)
        if title_vec:
            score += weights.title * cosine(vectors[i], title_vec)
        scores.append(score)
    return scores, vectors


# --- selection -------------------------------------------------------------------------------

#: A cost per unit (seconds, or words) against which a budget is spent.
Cost = Callable[[Sentence], float]


def select(
    sentences: Sequence[Sentence],
    scores: Sequence[float],
    vectors: Sequence[dict[str, float]],
    *,
    count: int | None,
    limit: float | None,
    costs: Sequence[float] | None = None,
    redundancy: float = WEIGHTS.redundancy,
    cover_sections: bool = False,
) -> list[int]:
    """Greedy MMR: best score less similarity to what is chosen, within the budget.

    `costs` (words by default) are spent against `limit`. A sentence that leans on the one
    before it (a pronoun or "But" first) is taken only once that one is taken too. With
    `cover_sections`, each section first gets its best sentence while the budget allows, so
    every section of a long article is heard.
    """
    costs = costs if costs is not None else [float(s.words) for s in sentences]
    chosen: list[int] = []
    spent = 0.0
    # The lead sentence holds a news story's main fact: it is taken first when it fits.
    lead_fits = sentences and (count is None or count > 0) and (limit is None or costs[0] <= limit)
    if lead_fits and sentences[0].words >= 8 and re.search(r"[.!?…][”\"’)]?$", sentences[0].text):
        chosen.append(0)
        spent = costs[0]
    sections = sorted({s.section for s in sentences}) if cover_sections else []
    # A section is covered by a sentence, never by a link's title or a two-word line.
    proper = {
        i for i, s in enumerate(sentences) if s.words >= 6 and re.search(r"[.!?…][”\"’)]?$", s.text)
    }
    # "Fury!", "He declined.": a line of three words or fewer is heard as a fragment, unless
    # it is all there is; so is a line of names alone, a letter's signature ("Ninfa Wood
    # Walnut Creek").
    fragments = {i for i, s in enumerate(sentences) if s.words < 4 or _NAMES_ONLY.match(s.text)}
    while count is None or len(chosen) < count:
        uncovered = set(sections) - {sentences[j].section for j in chosen}
        fits = [
            i
            for i in range(len(sentences))
            if i not in chosen
            and (i not in fragments or not chosen)
            and (limit is None or spent + costs[i] <= limit)
            and (not uncovered or (sentences[i].section in uncovered and i in proper))
        ]
        best = best_next(sentences, scores, vectors, chosen, fits, redundancy)
        if best is None:
            if uncovered:
                sections = []
                continue
            break
        chosen.append(best)
        spent += costs[best]
    return sorted(chosen)


def best_next(
    sentences: Sequence[Sentence],
    scores: Sequence[float],
    vectors: Sequence[dict[str, float]],
    chosen: Sequence[int],
    candidates: Sequence[int],
    redundancy: float = WEIGHTS.redundancy,
) -> int | None:
    """The candidate worth most next to `chosen`, of those whose antecedent is heard."""
    best, best_value = None, -math.inf
    for i in candidates:
        if i > 0 and (i - 1) not in chosen and DANGLING.match(sentences[i].text):
            continue
        overlap = max((cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
        value = scores[i] - redundancy * overlap
        if value > best_value:
            best, best_value = i, value
    return best


@dataclass(frozen=True)
class Ranked:
    """An article's pickable units with their scores: summaries under any budget come from it."""

    article: Article
    units: tuple[Sentence, ...]
    scores: tuple[float, ...]
    vectors: tuple[dict[str, float], ...]

    def summary(self, indexes: Sequence[int]) -> Summary:
        return Summary(self.article, tuple(self.units[i] for i in sorted(indexes)))

    def next_best(self, chosen: Sequence[int], allowed: Callable[[int], bool]) -> int | None:
        """The unit to add to a summary of `chosen` units, of those `allowed`."""
        rest = [i for i in range(len(self.units)) if i not in chosen and allowed(i)]
        return best_next(self.units, self.scores, self.vectors, chosen, rest)


def rank(article: Article) -> Ranked:
    units = article_sentences(article)
    headline = bool(article.segments) and article.segments[0].kind == "headline"
    scores, vectors = score_sentences(units, article.title if headline else None)
    return Ranked(article, tuple(units), tuple(scores), tuple(vectors))


def _limit(
    units: Sequence[Sentence],
    *,
    words: int | None,
    ratio: float | None,
    seconds: float | None,
    seconds_of: Cost | None,
) -> tuple[float | None, list[float] | None]:
    """(limit, cost per unit) of a budget; costs None means words."""
    if words is not None:
        return float(words), None
    if ratio is not None:
        # A ratio keeps at least the best sentence, even a long one.
        shortest = min((u.words for u in units), default=0)
        return float(max(round(ratio * sum(u.words for u in units)), shortest)), None
    if seconds is not None:
        cost = seconds_of or default_seconds_of()
        return seconds, [cost(u) for u in units]
    return None, None


def summarize_article(
    article: Article,
    *,
    sentences: int | None = None,
    words: int | None = None,
    seconds: float | None = None,
    ratio: float | None = None,
    seconds_of: Cost | None = None,
) -> Summary:
    """The chosen sentences of an article, in document order.

    A time budget is spent at `seconds_of` each unit (the default voices' pace when not
    given); a words budget at its words. Neither is ever exceeded: under a time budget, a
    story whose first sentence alone is too long is heard by that sentence, cut to fit; under
    a words budget nothing is chosen.
    """
    for name, value in (
        ("sentences", sentences),
        ("words", words),
        ("seconds", seconds),
        ("ratio", ratio),
    ):
        if value is not None and (not math.isfinite(value) or value <= 0):
            raise SummarizeError(f"the {name} budget must be a positive number, got {value}")
    if ratio is not None and ratio > 1:
        raise SummarizeError(f"the ratio must be at most 1, got {ratio}")
    if sentences is None and words is None and seconds is None and ratio is None:
        seconds = DEFAULT_SECONDS
    ranked = rank(article)
    units = ranked.units
    limit, costs = _limit(units, words=words, ratio=ratio, seconds=seconds, seconds_of=seconds_of)
    picked = select(
        units,
        ranked.scores,
        ranked.vectors,
        count=sentences,
        limit=limit,
        costs=costs,
        cover_sections=len({u.section for u in units}) > 1,
    )
    if not picked and units and costs is not None and limit is not None:
        # A time budget holds even when the first sentence alone is longer: it is cut.
        cost = seconds_of or default_seconds_of()
        return Summary(article, (cut_to_fit(units[0], limit, cost) or units[0],))
    return ranked.summary(picked)


def default_seconds_of() -> Cost:
    """Seconds per unit in the bundled default voices."""
    from .config import load_profile
    from .timing import sentence_seconds

    profile = load_profile("default")
    return lambda sentence: sentence_seconds(sentence, profile)


_CLAUSE_END = re.compile(r"[,;:—–]$")


def cut_sentence(sentence: Sentence, words: int) -> Sentence:
    """The first `words` words of a unit (back to a clause break when one is near), ended
    with an ellipsis: how an over-long sentence fits a budget with room for nothing else."""
    if sentence.words <= words:
        return sentence
    tokens = sentence.text.split()[:words]
    for back in range(len(tokens) - 1, int(len(tokens) * 0.6) - 1, -1):
        if _CLAUSE_END.search(tokens[back]):
            tokens = tokens[: back + 1]
            break
    keep = len(tokens)
    pieces: list[Piece] = []
    for piece in sentence.pieces:
        if keep <= 0:
            break
        piece_words = piece.text.split()
        pieces.append(Piece(piece.kind, " ".join(piece_words[:keep]), piece.speaker))
        keep -= len(piece_words)
    pieces[-1] = replace(pieces[-1], text=_ended(pieces[-1].text))
    return replace(sentence, text=_ended(" ".join(tokens)), pieces=tuple(pieces))


def cut_to_fit(sentence: Sentence, limit: float, cost: Cost, least: int = 1) -> Sentence | None:
    """The longest cut of a unit (at least `least` words) whose cost is within `limit`."""
    words = int(sentence.words * limit / max(cost(sentence), 1e-6))
    while words >= least:
        cut = cut_sentence(sentence, words)
        if cost(cut) <= limit:
            return cut
        words = min(words - 1, int(words * 0.9))
    return None


def _ended(text: str) -> str:
    return text.rstrip(" ,;:—–") + "…"


def summarize(
    text: str,
    *,
    sentences: int | None = None,
    words: int | None = None,
    seconds: float | None = None,
    ratio: float | None = None,
) -> list[str]:
    """The key sentences of an article's text, in document order (offline, deterministic)."""
    if not text or not text.strip():
        return []
    article = segment_text(text)
    summary = summarize_article(
        article, sentences=sentences, words=words, seconds=seconds, ratio=ratio
    )
    return [s.text for s in summary.sentences]


# --- baselines for the benchmark -------------------------------------------------------------

Method = Callable[[Sequence[Sentence], int], list[int]]


def lead(sentences: Sequence[Sentence], n: int) -> list[int]:
    return list(range(min(n, len(sentences))))


def textrank(sentences: Sequence[Sentence], n: int, damping: float = 0.85) -> list[int]:
    """TextRank over TF-IDF cosine similarity (Mihalcea and Tarau, 2004)."""
    vectors = _tfidf([Counter(terms(s.text)) for s in sentences])
    size = len(sentences)
    weights = [
        [cosine(vectors[i], vectors[j]) if i != j else 0.0 for j in range(size)]
        for i in range(size)
    ]
    out_sum = [sum(row) or 1.0 for row in weights]
    rank = [1.0 / max(size, 1)] * size
    for _ in range(50):
        rank = [
            (1 - damping) / size
            + damping * sum(weights[j][i] * rank[j] / out_sum[j] for j in range(size))
            for i in range(size)
        ]
    return sorted(sorted(range(size), key=lambda i: -rank[i])[:n])
