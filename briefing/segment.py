"""Split a read source into headline, byline, sections, narration and quotations."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .errors import SegmentError
from .headline import is_bare_slug, is_headline_like, short_headline, strip_slug
from .models import Article, Block, Document, Segment
from .quotes import Span, attribution, is_full_quote, narration_speaker, quote_spans, surname
from .text import squash

# --- bylines, datelines and boilerplate ------------------------------------------------------

AGENCIES = (
    "Reuters|AP|The Associated Press|Associated Press|AFP|Agence France-Presse|Bloomberg|CNN|"
    "BBC News|BBC|dpa|UPI|Xinhua|EFE|ANSA|Kyodo|Yonhap|PA Media|Press Association|Scribe"
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|del|der|la|le|al|bin))*"
_NAMES = rf"{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*"
_BYLINE_BY = re.compile(
    rf"^(?:Story\s+)?[Bb]y\s*:?\s+(?P<names>{_NAMES}?)\s*(?:[|,–—-]\s*(?P<agency>[^|]+?))?\s*"
    rf"(?:\|\s*(?P<more>.+))?$"
)
_AGENCY_TAIL = re.compile(rf"\s(?P<agency>{AGENCIES})$")
_BYLINE_AGENCY = re.compile(rf"^(?P<names>{_NAMES}),\s*(?P<agency>{AGENCIES})$")
_DATELINE = re.compile(
    r"^(?P<dl>[A-Z][A-Z.'’ -]{2,}[A-Z.](?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,2})?"
    rf"(?:\s*\((?:{AGENCIES}|[A-Z][A-Za-z.&' ]{{1,24}})\))?)\s*[—–-]{{1,2}}\s+"
)
_LEAD_IN = re.compile(
    r"^(?:keep reading|read more|read also|also read|read next|related|related (?:articles|"
    r"stories|coverage|content|links|topics)|more on this(?: story| topic)?|more from [\w ]+|"
    r"see also|recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|"
    r"you may also like|you might also like|what to read next|further reading|top stories|"
    r"more stories|latest news|editor'?s picks|more coverage|in other news)\s*[:.…]*$",
    re.I,
)
# A time stamp on its own: "Updated: March 3, 2024 at 10:42 a.m. ET", "Published 2 hours ago".
_STAMP_TOKEN = (
    r"(?:[\d:.,/-]+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|[ap]\.?m\.?,?|(?-i:[A-Z]{2,4}),?|at|on|ago|"
    r"(?:hour|minute|min|day|week|month)s?|[|•·])"
)
# Whole blocks that are page furniture, never body text. Each form is narrow enough that a
# news sentence beginning with the same word ("Reuters reported ...", "Published in 1998, the
# book ...", "Sign up for the scheme opened ...") is not one of them.
_BOILERPLATE = re.compile(
    r"^(?:(?:read more|read also|also read|read next|see also|related(?: \w+)?|"
    r"keep reading|more|recommended|explainer)\s*:\s*[^.!?]{0,150}[.!?]?|"
    r"(?:watch|listen|video|live)\s*:\s*[^.!?]{0,150}|"
    r"advertisement|advertising|ad|sponsored(?: content)?|"
    r"story continues below(?: advertisement)?|scroll to continue(?: with content)?|"
    r"continue reading(?: below)?|share(?: this(?: article| story| page)?)?|"
    r"share on (?:facebook|twitter|x|linkedin|whatsapp|email).*|share via.*|"
    r"(?:sign up|subscribe)\b(?=.*\b(?:our|newsletters?|inbox|free|now|here|today|e-?mails?|"
    r"alerts|updates|podcast|channel)\b).{0,150}|"
    r"follow (?:us|me) (?:on|at)\b.*|click here\b.*|"
    r"download (?:the|our) .*app.*|get (?:our|the) (?:newsletter|app).*|listen to this article.*|"
    r"(?:©|\(c\)).*|copyright\s*(?:©|\(c\)|\d{4}).*|all rights reserved\.?|"
    r"(?:photo|image|picture|photograph|video|illustration|graphic|credit|caption|"
    r"file photo)(?:\s+credit)?s?\s*:.{0,150}|"
    r"source\s*:\s*(?:\S+\s*){1,6}|"
    r"(?:photo|image|illustration)s?\s+by\s+(?:\S+\s*){1,8}|"
    r"\((?:photo:?\s*)?(?:getty images|ap photo|reuters|afp|epa|shutterstock|istock)\b[^)]*\)\.?|"
    r"(?:getty images|ap photo|reuters|afp|epa|shutterstock|istock)\s*/.{0,100}|"
    r"(?:getty images|ap photo|afp via getty images|shutterstock|istock)\.?|"
    r"\(?(?:(?:additional )?reporting|writing|editing) by (?-i:[A-Z])[^!?]{0,200}|"
    r"contributing\s*:.{0,150}|(?:[\w.'’-]+ ){1,8}contributed (?:to this report|reporting)\.?\)?|"
    r"our standards\s*:.*|editor['’]?s note\s*:.*|"
    r"the (?:views|opinions) expressed (?:in this|here).*|"
    rf"(?:last |first )?(?:updated|published|posted)(?: on| at)?\s*:?(?:\s+{_STAMP_TOKEN}){{1,12}}|"
    r"\d+\s+min(?:ute)?s?\s+read|"
    r"(?:tags?|topics?|filed under)\s*:.*|"
    r"(?:comments?|\d+ comments?)|leave a comment|"
    r"this (?:article|story|report) (?:was|has been) (?:originally|updated|corrected|amended|"
    r"changed).*|corrections?\s*:.*|an earlier version of this (?:article|story|report).*|"
    r"[\W_]+"
    r")$",
    re.I,
)
# Promotions and contact lines in the body: a short block that asks the reader to sign up,
# listen or write, in the site's own voice ("our", "your", "here", an address).
_PROMO = re.compile(
    r"\b(?:sign up|subscribe|newsletters?|in your inbox|our (?:\w+ )?(?:podcast|app)|"
    r"download (?:the|our) app|follow (?:us|him|her|them|me) on|can be reached at|"
    r"(?:email|contact|write to) (?:him|her|them|us|me)\b)",
    re.I,
)
_SITE_VOICE = re.compile(r"\b(?:our|your|you|here)\b|\S@\S|@\w", re.I)


def is_promo(text: str) -> bool:
    return (
        len(text.split()) <= 35
        and bool(_PROMO.search(text))
        and bool(_SITE_VOICE.search(text))
        and not re.search(r"[“”\"]", text)
    )


_CREDIT_TAIL = re.compile(
    r"\s*(?:[(\[](?:(?:photo|image|picture)(?: credit)?:?\s*)?(?:getty images|ap photo|reuters|"
    r"afp|epa|shutterstock)\b[^)\]]*[)\]]|(?:photo|image|picture)(?: credit)?:\s*[^.]*)\.?$",
    re.I,
)


def parse_byline(text: str) -> tuple[str, str | None] | None:
    """(names, agency) when a block is a byline, else None."""
    if len(text.split()) > 16:
        return None
    match = _BYLINE_BY.match(text)
    if match and match.group("names"):
        agency = match.group("agency")
        agency = agency.strip() if agency else None
        names = match.group("names").strip(" ,")
        # "By Ann Lee and Tom Reed Associated Press": the agency set after the names.
        glued = _AGENCY_TAIL.search(names)
        if glued and not agency and glued.start() > 0:
            names, agency = names[: glued.start()].strip(" ,"), glued.group("agency")
        return names, agency
    match = _BYLINE_AGENCY.match(text)
    if match:
        return match.group("names").strip(), match.group("agency")
    return None


def strip_dateline(text: str) -> tuple[str, str | None]:
    match = _DATELINE.match(text)
    if not match or not re.search(r"[A-Z]{3}", match.group("dl")):
        return text, None
    return text[match.end() :], match.group("dl").strip()


# --- headings --------------------------------------------------------------------------------

_QUOTED_LINE = re.compile(r"^[“\"‘'«](?P<inner>[^“”\"«»]+)[”\"’'»]$")


def heading_text(text: str) -> str | None:
    """The heading a short line stands for, or None when it reads as a sentence."""
    inner = text
    quoted = _QUOTED_LINE.match(text)
    if quoted:
        inner = quoted.group("inner").strip()
    words = inner.split()
    if not 1 <= len(words) <= 12 or len(inner) > 90:
        return None
    if re.search(r"[.!?;:,…]$", inner) or not re.search(r"[A-Za-z]", inner):
        return None
    if not quoted and re.search(r"[“”\"]", inner):
        return None
    return inner


# --- the segmenter ---------------------------------------------------------------------------


@dataclass
class _State:
    section: int = 0
    last_speaker: str | None = None
    quote_id: int = 0
    open_quote: int | None = None  # quote id of a quotation that runs into the next paragraph


def _paragraph_segments(text: str, paragraph: int, state: _State) -> list[Segment]:
    segments: list[Segment] = []
    spans = [s for s in quote_spans(text) if is_full_quote(text, s)]
    if state.open_quote is not None and not (spans and spans[0].open == 0):
        state.open_quote = None
    cursor = 0
    quote_segments: list[int] = []

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

    pending: list[tuple[int, Span]] = []
    for span in spans:
        add_text(cursor, span.open)
        inner_start, inner_end = span.inner_start, span.inner_end
        raw = text[inner_start:inner_end]
        inner_start += len(raw) - len(raw.lstrip())
        inner_end -= len(raw) - len(raw.rstrip())
        if span.open == 0 and state.open_quote is not None:
            qid = state.open_quote
        else:
            state.quote_id += 1
            qid = state.quote_id
        segments.append(
            Segment(
                "quote",
                text[inner_start:inner_end],
                state.section,
                None,
                paragraph,
                inner_start,
                inner_end,
                qid,
            )
        )
        quote_segments.append(len(segments) - 1)
        pending.append((len(segments) - 1, span))
        state.open_quote = qid if span.close is None else None
        cursor = span.close + 1 if span.close is not None else len(text)
    add_text(cursor, len(text))

    # Speakers: each quote's own attribution, else the sentence's, else the last named one.
    resolved: dict[int, str | None] = {}
    named_in_paragraph: str | None = None
    for idx, span in pending:
        after = text[span.close + 1 :] if span.close is not None else ""
        before = text[: span.open]
        name, pronoun = attribution(after, before)
        if name:
            named_in_paragraph = name
        elif pronoun and state.last_speaker:
            name = surname(state.last_speaker)
        resolved[idx] = name
    for idx, name in resolved.items():
        name = name or named_in_paragraph
        segments[idx] = replace(segments[idx], speaker=name)
        # "Popko" after "Sergei Popko" is the same person: keep the fuller name.
        if name and not (state.last_speaker or "").endswith(" " + name):
            state.last_speaker = name
    if not pending:
        named = narration_speaker(text)
        if named:
            state.last_speaker = named
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


def _is_sentence(text: str) -> bool:
    """Prose rather than a link title: several words and a sentence's final stop."""
    return len(text.split()) >= 6 and bool(re.search(r"[.!?][”\"’)]?$", text))


def _body_blocks(doc: Document) -> tuple[str | None, str | None, str | None, list[Block]]:
    """(headline, byline, agency, body blocks) with boilerplate removed."""
    blocks = list(doc.blocks)
    headline = doc.title
    if headline:
        headline = strip_slug(squash(headline))
        blocks = [b for b in blocks if b.kind != "title"]
        if blocks and strip_slug(blocks[0].text) == headline:
            blocks.pop(0)
    else:
        while blocks and is_bare_slug(blocks[0].text):
            blocks.pop(0)
        if blocks and blocks[0].kind in ("para", "title", "heading"):
            candidate = strip_slug(blocks[0].text)
            if is_headline_like(candidate) and (len(blocks) > 1 or candidate != blocks[0].text):
                headline = candidate
                blocks.pop(0)
    byline, agency = doc.byline, None
    kept: list[Block] = []
    dropping = False
    for block in blocks:
        text = block.text
        parsed = parse_byline(text) if block.kind != "heading" else None
        if parsed:
            byline = byline or parsed[0]
            agency = agency or parsed[1]
            dropping = False
            continue
        if _LEAD_IN.match(text) or (block.kind == "heading" and _LEAD_IN.match(text.rstrip(":"))):
            dropping = True
            continue
        if dropping:
            # A related-links list runs on while its lines read as link titles: items, or
            # short lines without a sentence's final stop. Prose ends it.
            if block.kind == "item" or not _is_sentence(text):
                continue
            dropping = False
        if _BOILERPLATE.match(text) or is_promo(text):
            continue
        text = _CREDIT_TAIL.sub("", text) if len(text.split()) < 12 else text
        if text.strip():
            kept.append(Block(block.kind, text))
    # Links after the last paragraph ("More on this story" without its lead-in); a list of
    # full sentences there is part of the story.
    while kept and kept[-1].kind == "item" and not _is_sentence(kept[-1].text):
        kept.pop()
    return headline, byline, agency, kept


def segment_document(doc: Document) -> Article:
    """The article in a Document: headline, byline, sections, narration and quotes."""
    headline, byline, agency, blocks = _body_blocks(doc)
    state = _State()
    segments: list[Segment] = []
    paragraphs: list[str] = []
    dateline = None
    if headline:
        segments.append(Segment("headline", headline, 0))
    for i, block in enumerate(blocks):
        heading = None
        if block.kind == "heading":
            heading = heading_text(block.text) or block.text.strip('“”"')
        elif (
            block.kind == "para"
            and not doc.structured
            and 0 < i < len(blocks) - 1
            and blocks[i + 1].kind in ("para", "blockquote")
        ):
            heading = heading_text(block.text)
        if heading:
            state.section += 1
            segments.append(Segment("heading", heading, state.section))
            state.open_quote = None
            continue
        text = block.text
        if not paragraphs:
            text, dateline = strip_dateline(text)
        paragraphs.append(text)
        if block.kind == "blockquote":
            state.quote_id += 1
            segments.append(
                Segment(
                    "quote",
                    text,
                    state.section,
                    narration_speaker(text),
                    len(paragraphs) - 1,
                    0,
                    len(text),
                    state.quote_id,
                )
            )
            continue
        segments.extend(_paragraph_segments(text, len(paragraphs) - 1, state))
    segments = _fill_quote_chains(segments)
    if not any(s.kind in ("text", "quote") and re.search(r"\w", s.text) for s in segments):
        raise SegmentError(f"no article text found in {doc.source}")
    if not headline:
        # Plain text without a title line: a short headline is said, and titles the chapter.
        headline = short_headline(paragraphs[0])
        segments.insert(0, Segment("headline", headline, 0))
    title = headline
    return Article(
        title=title,
        byline=byline,
        source=doc.source,
        segments=tuple(segments),
        paragraphs=tuple(paragraphs),
        url=doc.url,
        dateline=dateline,
        agency=agency,
        date=doc.date,
    )


def segment_text(text: str, source: str = "-") -> Article:
    """Segment plain text (one article)."""
    from .text import clean_text, text_blocks

    return segment_document(Document(source=source, blocks=text_blocks(clean_text(text))))
