"""Split a read source into headline, byline, sections, narration and quotations."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .byline import parse_byline, split_title_line, strip_dateline
from .errors import SegmentError
from .furniture import (
    CREDIT_TAIL,
    is_furniture,
    is_lead_in,
    is_rail,
    stamp_and_byline,
    strip_glued,
)
from .headline import is_bare_slug, is_headline_like, short_headline, strip_slug
from .models import Article, Block, Document, Segment
from .names import people
from .quotes import (
    SPEECH_VERBS,
    Span,
    Speakers,
    attribution,
    is_full_quote,
    narration_speaker,
    narration_subject,
    pronoun_of,
    quote_spans,
    signed,
    single_marks_as_double,
    surname,
    unnamed_attribution,
)
from .sentences import sentence_spans
from .text import squash

# --- headings --------------------------------------------------------------------------------

_QUOTED_LINE = re.compile(r"^[“\"‘'«](?P<inner>[^“”\"«»]+)[”\"’'»]$")


def heading_text(text: str, *, questions: bool = False) -> str | None:
    """The heading a short line stands for, or None when it reads as a sentence. With
    `questions`, a question is a heading too (an interview's)."""
    inner = text
    quoted = _QUOTED_LINE.match(text)
    if quoted:
        inner = quoted.group("inner").strip()
    words = inner.split()
    limit = 20 if questions and inner.endswith("?") else 12
    if not 1 <= len(words) <= limit or len(inner) > (150 if questions else 90):
        return None
    stop = r"[.!;:,…]$" if questions else r"[.!?;:,…]$"
    if re.search(stop, inner) or not re.search(r"[A-Za-z]", inner):
        return None
    if not quoted and re.search(r"[“”\"]", inner):
        return None
    return inner


def _is_sentence(text: str) -> bool:
    """Prose rather than a link title: several words and a sentence's final stop."""
    return len(text.split()) >= 6 and bool(re.search(r"[.!?][”\"’)]?$", text))


# --- the top of a story ----------------------------------------------------------------------

_SKIP_LINE = re.compile(
    r"^(?:skip to\b.*|jump to\b.*|menu|search|sign in|log in|subscribe|home|"
    r"(?:fwd|fw|re)\s*:\s*|exclusive|breaking(?: news)?|live|opinion|analysis|advertisement)$",
    re.I,
)
_KICKER = re.compile(r"^[A-Z][A-Z &'’-]{2,40}$")  # "COUNTY GOVERNMENT", "WORLD NEWS"


def _is_masthead_junk(text: str) -> bool:
    """What a page copied from a browser starts with: skip links, menus, a section's name in
    capitals, "EXCLUSIVE", a stamp."""
    return bool(
        _SKIP_LINE.match(text)
        or (_KICKER.match(text) and len(text.split()) <= 4)
        or is_furniture(text)
        or re.match(r"^(?:skip to|jump to)\b", text, re.I)
    )


@dataclass
class _Top:
    headline: str | None = None
    byline: str | None = None
    agency: str | None = None


def _title_from_blocks(blocks: list[Block], top: _Top) -> list[Block]:
    """The headline of a plain text or a pasted clip: the first line that reads as one, after
    the clip's junk; a line that glues title, byline and stamp is taken apart."""
    rest = list(blocks)
    while rest and (is_bare_slug(rest[0].text) or _is_masthead_junk(rest[0].text)):
        rest.pop(0)
    if not rest or rest[0].kind not in ("para", "title", "heading"):
        return rest
    first = re.sub(r"^(?:(?:fwd|fw|re)\s*:\s*)+(?:urgent\s*:?\s*)?", "", rest[0].text, flags=re.I)
    glued = split_title_line(first)
    if glued:
        top.headline, top.byline, top.agency = glued
        return rest[1:]
    candidate = strip_slug(first)
    if is_headline_like(candidate) and (len(rest) > 1 or candidate != rest[0].text):
        top.headline = candidate
        return rest[1:]
    return rest


def _masthead(doc: Document) -> tuple[_Top, list[Block]]:
    """The headline, and the blocks after it."""
    top = _Top(byline=doc.byline)
    blocks = list(doc.blocks)
    if doc.title:
        top.headline = strip_slug(squash(doc.title))
        blocks = [b for b in blocks if b.kind != "title"]
        if blocks and strip_slug(blocks[0].text) == top.headline:
            blocks.pop(0)
        return top, blocks
    return top, _title_from_blocks(blocks, top)


def _body_blocks(doc: Document) -> tuple[_Top, list[Block]]:
    """The story's blocks, with bylines noted and furniture, rails and link lists removed."""
    top, blocks = _masthead(doc)
    kept: list[Block] = []
    dropping = False  # in a list of links after a lead-in or a rail's heading
    for block in blocks:
        text = strip_glued(block.text)
        parsed = parse_byline(text) if block.kind != "heading" else None
        stamped = stamp_and_byline(text)
        if parsed or stamped:
            top.byline = top.byline or (parsed[0] if parsed else stamped)
            top.agency = top.agency or (parsed[1] if parsed else None)
            dropping = False
            continue
        if is_lead_in(text) or (block.kind == "heading" and is_rail(text)):
            dropping = True
            continue
        if dropping:
            # A related-links list runs on while its lines read as link titles: items, or
            # short lines without a sentence's final stop. Prose ends it.
            if block.kind in ("item", "heading") or not _is_sentence(text):
                continue
            dropping = False
        if is_furniture(text) or _SKIP_LINE.match(text):
            if kept and kept[-1].kind == "heading":
                kept.pop()  # "PC Gamer Newsletter" titled the sign-up box, not the story
            continue
        text = CREDIT_TAIL.sub("", text) if len(text.split()) < 12 else text
        if text.strip():
            kept.append(Block(block.kind, text))
    # Links after the last paragraph ("More on this story" without its lead-in); a list of
    # full sentences there is part of the story.
    while kept and kept[-1].kind == "item" and not _is_sentence(kept[-1].text):
        kept.pop()
    return top, kept


def _heading_of(blocks: list[Block], i: int, structured: bool) -> str | None:
    """The section heading block `i` stands for, or None when it is prose.

    A marked heading that reads as a sentence (a standfirst) is prose; one with nothing
    under it is dropped by the caller. In prose, a short line without a stop between two
    paragraphs is a heading (pages whose headings lost their markup)."""
    block = blocks[i]
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    if block.kind == "heading":
        return heading_text(block.text, questions=True)
    if block.kind != "para" or not 0 < i < len(blocks) - 1 or following is None:
        return None
    if following.kind not in ("para", "blockquote") or blocks[i - 1].kind == "heading":
        return None
    heading = heading_text(block.text)
    if heading and structured and (len(heading.split()) < 2 or len(following.text.split()) < 15):
        return None
    return heading


# --- quotations in a paragraph ---------------------------------------------------------------


@dataclass
class _State:
    section: int = 0
    speakers: Speakers = field(default_factory=Speakers)
    quote_id: int = 0
    open_quote: int | None = None  # quote id of a quotation that runs into the next paragraph
    #: The speaker the paragraph before named or quoted last: a quotation with no attribution
    #: of its own that opens the next paragraph is theirs (the newsroom's convention).
    previous_speaker: str | None = None
    #: Whom an interview's answers ("A: ...") are by: the person named before its questions.
    interviewee: str | None = None
    #: Paragraphs that were block quotations (perhaps pull quotes of the article's own words).
    pulled: set[int] = field(default_factory=set)
    #: Surnames of the people the article names as people ("council member Tom Reed").
    people: set[str] = field(default_factory=set)

    def quotation(
        self, text: str, paragraph: int, speaker: str | None, span: tuple[int, int] | None = None
    ) -> Segment:
        """A quotation of a whole paragraph (or of a span of it), with an id of its own."""
        start, end = span or (0, len(text))
        self.quote_id += 1
        return Segment(
            "quote", text[start:end], self.section, speaker, paragraph, start, end, self.quote_id
        )

    def narration(self, text: str, paragraph: int) -> Segment:
        return Segment("text", text, self.section, None, paragraph, 0, len(text))


def _split(
    text: str, marked: str, paragraph: int, state: _State
) -> tuple[list[Segment], list[Span]]:
    """A paragraph's narration and quotations, in order, speakers not yet known; quotations
    are found in `marked`, the text with its quotation marks made double."""
    segments: list[Segment] = []
    spans = [s for s in quote_spans(marked) if is_full_quote(marked, s)]
    if state.open_quote is not None and not (spans and spans[0].open == 0):
        state.open_quote = None
    cursor = 0

    def add_text(start: int, end: int) -> None:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip(" ,;—–"))
        trail = len(piece.rstrip())
        if piece[lead:trail].strip(" ,;:—–"):
            segments.append(
                Segment(
                    "text",
                    piece[lead:trail],
                    state.section,
                    None,
                    paragraph,
                    start + lead,
                    start + trail,
                )
            )

    for span in spans:
        add_text(cursor, span.open)
        raw = text[span.inner_start : span.inner_end]
        inner_start = span.inner_start + len(raw) - len(raw.lstrip())
        inner_end = span.inner_end - (len(raw) - len(raw.rstrip()))
        if span.open == 0 and state.open_quote is not None:
            qid = state.open_quote
        else:
            state.quote_id += 1
            qid = state.quote_id
        quote = Segment("quote", text[inner_start:inner_end], state.section, None, paragraph)
        segments.append(replace(quote, start=inner_start, end=inner_end, quote_id=qid))
        state.open_quote = qid if span.close is None else None
        cursor = span.close + 1 if span.close is not None else len(text)
    add_text(cursor, len(text))
    return segments, spans


def _paragraph_segments(text: str, paragraph: int, state: _State) -> list[Segment]:
    """A paragraph's segments, each quotation with its speaker: its own attribution, a
    pronoun resolved to the speaker it can stand for, or the speaker of the quotation before
    it in the paragraph (or of the paragraph before, when this one opens with a quotation)."""
    marked = single_marks_as_double(text)
    segments, spans = _split(text, marked, paragraph, state)
    quotes = [i for i, s in enumerate(segments) if s.kind == "quote"]
    state.speakers.learn(text)
    # A quotation that opens the paragraph, or follows narration that gives it no other
    # speaker, continues the speaker the paragraph before named.
    lead_in = marked[: spans[0].open] if spans else ""
    carried = state.previous_speaker and surname(state.previous_speaker)
    current = None if re.search(rf"\b(?:{SPEECH_VERBS})\b", lead_in) else carried
    since = 0  # where the narration before the next quotation starts
    for index, span in zip(quotes, spans):
        after = marked[span.close + 1 :] if span.close is not None else ""
        before = marked[: span.open]
        name, pronoun = attribution(after, before)
        if name:
            state.speakers.name(name, text)
            current = name  # as the article gives it
        elif not pronoun and unnamed_attribution(after):
            current = None  # "a spokesperson said": not the speaker before
        elif pronoun:
            # "..., says McLaughlin. “That's where it will shine,” she says.", "Reed, however,
            # disagreed. “It's a mistake,” he said.": the person the narration just named is
            # whom the pronoun points back to.
            narration = marked[since : span.open]
            mentioned = narration_speaker(narration) or narration_subject(
                narration, {surname(n) for n in state.speakers.order} | state.people
            )
            if mentioned:
                state.speakers.name(mentioned, text)
            current = state.speakers.resolve(pronoun_of(after, before)) or current
        since = span.close + 1 if span.close is not None else len(text)
        segments[index] = replace(segments[index], speaker=current)
    # “A.” “B,” Smith said: a quotation before the paragraph's first attribution is its too.
    named = next((segments[i].speaker for i in quotes if segments[i].speaker), None)
    for i in quotes:
        if segments[i].speaker:
            break
        segments[i] = replace(segments[i], speaker=named)
    if not spans:
        current = narration_speaker(text)
        if current:
            state.speakers.name(current, text)
    state.previous_speaker = current
    return segments


def _fill_quote_chains(segments: list[Segment]) -> list[Segment]:
    """Quotes over several paragraphs share the speaker named in any of them."""
    speakers: dict[int, str] = {}
    for seg in segments:
        if seg.kind == "quote" and seg.quote_id is not None and seg.speaker:
            speakers.setdefault(seg.quote_id, seg.speaker)
    return [
        replace(s, speaker=speakers[s.quote_id])
        if s.kind == "quote" and not s.speaker and s.quote_id in speakers
        else s
        for s in segments
    ]


# --- the segmenter ---------------------------------------------------------------------------


def _classified(blocks: list[Block], structured: bool) -> list[tuple[str | None, Block]]:
    """Each block with the section heading it stands for (None for prose). A marked heading
    that reads as a sentence is prose; a heading with no prose under it is left out."""
    marked = [(_heading_of(blocks, i, structured), b) for i, b in enumerate(blocks)]
    kept: list[tuple[str | None, Block]] = []
    for i, (heading, block) in enumerate(marked):
        if heading is None and block.kind == "heading":
            block = Block("para", block.text)  # a standfirst, a bold sentence
        if heading is not None and (i + 1 == len(marked) or marked[i + 1][0] is not None):
            continue
        kept.append((heading, block))
    return kept


_QUESTION = re.compile(r"^(?:Q|Question)\s*[:.]\s+\S")
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|(?i:my|me|myself))\b")
_MARKS = re.compile(r"[“”\"«»„]")
_HEADLINE_NAME = re.compile(
    r"(?:^|[:—–]\s*|\bwith\s+)(?P<name>[A-Z][a-z’'-]+(?:\s+(?:[A-Z]\.|[A-Z][a-z’'-]+)){1,2})\s*$"
)


def _answered_in_first_person(classified: list[tuple[str | None, Block]]) -> bool:
    """Questions as headings (two at least), most of the paragraphs under them in the first
    person: an interview or a profile in questions, not an explainer ("What is a recession?")
    that the reporter answers."""
    answers: list[str] = []
    asked = False
    for heading, block in classified:
        if heading is not None:
            asked = heading.endswith("?")
        elif asked and block.kind == "para":
            answers.append(block.text)
    questions = sum(1 for heading, _ in classified if heading and heading.endswith("?"))
    first = sum(1 for text in answers if _FIRST_PERSON.search(text))
    return questions >= 2 and len(answers) >= 2 and first >= 0.6 * len(answers)


_INTERVIEW = re.compile(r"^(?:(?P<q>Q|Question)|A|Answer)\s*[:.]\s+(?=\S)")
_LABEL = re.compile(r"^(?P<label>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})\s*:\s+(?=\S)")


def _transcript_labels(blocks: list[Block]) -> dict[str, str | None]:
    """A transcript's speaker labels ("Reeves: ...", "Interviewer: ..."), each label with the
    speaker it stands for, None for the one who asks. Two labels at least, each used twice;
    the asker's paragraphs are mostly questions."""
    said: dict[str, list[str]] = {}
    for block in blocks:
        match = _LABEL.match(block.text) if block.kind == "para" else None
        if match and not _INTERVIEW.match(block.text):  # "Q:" and "A:" have their own rule
            said.setdefault(match["label"], []).append(block.text)
    said = {label: texts for label, texts in said.items() if len(texts) >= 2}
    asks = {
        label
        for label, texts in said.items()
        if sum(t.rstrip(' ”"').endswith("?") for t in texts) >= len(texts) / 2
    }
    if len(said) < 2 or not asks or asks == set(said):
        return {}
    return {label: None if label in asks else label for label in said}


_PRONOUN_INTRO = re.compile(rf"\b(?P<pro>[Hh]e|[Ss]he)\s+(?:\w+ly\s+)?(?:{SPEECH_VERBS})\s*[:;,]?$")


def _sections(
    blocks: list[Block], structured: bool, state: _State
) -> tuple[list[Segment], list[str], str | None]:
    """Segments and paragraphs of the body blocks."""
    segments: list[Segment] = []
    paragraphs: list[str] = []
    dateline = None
    interview = any(_QUESTION.match(b.text) for b in blocks)
    labels = _transcript_labels(blocks)
    classified = _classified(blocks, structured)
    answered = _answered_in_first_person(classified)
    asked = False  # under a question heading
    for heading, block in classified:
        if heading is not None:
            state.section += 1
            segments.append(Segment("heading", heading, state.section))
            if answered and heading.endswith("?") and not asked:
                state.interviewee = state.interviewee or state.previous_speaker
            asked = heading.endswith("?")
            state.open_quote = state.previous_speaker = None
            continue
        text = block.text
        if not paragraphs:
            text, dateline = strip_dateline(text)
        paragraphs.append(text)
        number = len(paragraphs) - 1
        if (
            asked
            and answered
            and state.interviewee
            and block.kind == "para"
            and _FIRST_PERSON.search(text)
            and not _MARKS.search(text)
        ):
            # A profile's questions as headings, answered in the first person: the answers
            # are the interviewee's words, a quotation a sentence, so a summary can choose.
            segments += [
                state.quotation(text, number, state.interviewee, span)
                for span in sentence_spans(text)
            ]
            continue
        named = _LABEL.match(text) if labels else None
        if named and named["label"] in labels:
            # A transcript: the label is not read; what the interviewer asks is narration,
            # what the others say is theirs.
            speaker = labels[named["label"]]
            text = paragraphs[-1] = text[named.end() :]
            segments.append(
                state.narration(text, number)
                if speaker is None
                else state.quotation(text, number, speaker)
            )
            continue
        label = _INTERVIEW.match(text) if interview else None
        if label:
            # An interview's "Q:" is the interviewer's question, said without its label; an
            # "A:" is the answer of the person the article named before the questions began.
            text = paragraphs[-1] = text[label.end() :]
            if not label["q"]:
                state.interviewee = state.interviewee or state.previous_speaker
            segments.append(
                state.narration(text, number)
                if label["q"]
                else state.quotation(text, number, state.interviewee)
            )
            continue
        if block.kind == "blockquote":
            text, signer = signed(text)
            paragraphs[-1] = text
            state.pulled.add(number)
            segments.append(state.quotation(text, number, signer or narration_speaker(text)))
            continue
        found = _paragraph_segments(text, number, state)
        if asked and answered:  # a pull quote of the answer: the interviewee's too
            found = [
                replace(s, speaker=state.interviewee) if s.kind == "quote" and not s.speaker else s
                for s in found
            ]
        segments.extend(found)
        # "Speaking through an interpreter, he added:" introduces the next paragraph's quote.
        intro = _PRONOUN_INTRO.search(text.strip())
        if intro and not any(s.kind == "quote" for s in segments if s.paragraph == number):
            state.previous_speaker = state.speakers.resolve(intro["pro"].lower())
    return segments, paragraphs, dateline


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


#: Paragraphs looked up in the rest of the article, at most: pull quotes are a few a story.
PULL_QUOTES = 100
_WHOLLY_QUOTED = re.compile(r"^[“\"‘'«][^“”\"«»]+[”\"’'»]$")


def _without_pull_quotes(
    segments: list[Segment], paragraphs: list[str], pulled: set[int]
) -> list[Segment]:
    """Without the paragraphs that repeat the article's own words: a pull quote set beside the
    text (a block quotation, or a paragraph that is one quotation, found inside another
    paragraph) or a paragraph printed twice. A listener would hear them twice."""
    norms = [_words(p) for p in paragraphs]
    first: dict[str, int] = {}
    repeated = {
        i for i, n in enumerate(norms) if len(n.split()) >= 6 and first.setdefault(n, i) != i
    }
    candidates = [
        i
        for i, text in enumerate(paragraphs)
        if (i in pulled or _WHOLLY_QUOTED.match(text.strip())) and 4 <= len(norms[i].split()) <= 60
    ][:PULL_QUOTES]
    if candidates:
        copies = Counter(norms)
        text = "\n".join(f" {n} " for n in norms)
        repeated |= {i for i in candidates if text.count(f" {norms[i]} ") > copies[norms[i]]}
    return [s for s in segments if s.paragraph not in repeated]


def segment_document(doc: Document) -> Article:
    """The article in a Document: headline, byline, sections, narration and quotes."""
    doc = clean_document(doc)
    top, blocks = _body_blocks(doc)
    # An interview's headline names its interviewee: "Leader spotlight: Erin Spiceland".
    named = _HEADLINE_NAME.search(top.headline or "")
    state = _State(
        interviewee=named["name"] if named else None,
        people=set(people(b.text for b in blocks)),
    )
    body, paragraphs, dateline = _sections(blocks, doc.structured, state)
    segments = _fill_quote_chains(_without_pull_quotes(body, paragraphs, state.pulled))
    if not any(s.kind in ("text", "quote") and re.search(r"\w", s.text) for s in segments):
        raise SegmentError(f"no article text found in {doc.source}")
    # Plain text without a title line: a short headline is said, and titles the chapter.
    headline = top.headline or short_headline(paragraphs[0])
    return Article(
        title=headline,
        byline=top.byline,
        source=doc.source,
        segments=(Segment("headline", headline, 0), *segments),
        paragraphs=tuple(paragraphs),
        url=doc.url,
        dateline=dateline,
        agency=top.agency,
        date=doc.date,
    )


def clean_document(doc: Document) -> Document:
    """Every text of a document as article text is cleaned, whatever its source (a web page,
    a feed item, JSON-LD): no control characters, no bidi overrides."""
    from .text import clean_line, clean_text

    def maybe(value: str | None) -> str | None:
        return clean_line(value) if value is not None else None

    blocks = tuple(replace(b, text=clean_text(b.text)) for b in doc.blocks)
    return replace(doc, blocks=blocks, title=maybe(doc.title), byline=maybe(doc.byline))


def segment_text(text: str, source: str = "-") -> Article:
    """Segment plain text (one article)."""
    from .text import clean_text, text_blocks

    return segment_document(Document(source=source, blocks=text_blocks(clean_text(text))))
