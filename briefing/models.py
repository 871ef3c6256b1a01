"""The values passed from stage to stage: frozen dataclasses, never mutated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

BlockKind = Literal["title", "heading", "para", "item", "blockquote"]
SegmentKind = Literal["headline", "heading", "text", "quote"]
PieceKind = Literal["text", "quote"]
CueKind = Literal["intro", "headline", "section", "text", "quote", "transition", "outro"]
#: Roles of a voice profile: anchor (intro, headlines, headings, outro), narrator, quote.
RoleName = Literal["anchor", "narrator", "quote"]


@dataclass(frozen=True)
class Block:
    """One block of a source as read: a paragraph, heading, list item or quotation."""

    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Document:
    """A source read into plain-text blocks, with what its format told about it."""

    source: str
    blocks: tuple[Block, ...]
    title: str | None = None
    byline: str | None = None
    url: str | None = None
    date: str | None = None
    #: True when headings come marked (Markdown, HTML), so none is guessed.
    structured: bool = False


@dataclass(frozen=True)
class Segment:
    """A headline, heading, narration or quotation of an article."""

    kind: SegmentKind
    text: str
    section: int
    speaker: str | None = None
    #: Index into Article.paragraphs and the span of this segment in it (-1 for headings).
    paragraph: int = -1
    start: int = 0
    end: int = 0
    #: Quotes that run over several paragraphs share one id.
    quote_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "text": self.text, "section": self.section}
        if self.kind == "quote":
            data["speaker"] = self.speaker
        return data


@dataclass(frozen=True)
class Article:
    """A segmented article: what a listener should hear, and its metadata."""

    title: str
    byline: str | None
    source: str
    segments: tuple[Segment, ...]
    #: Body paragraphs as written; text and quote segments point into them.
    paragraphs: tuple[str, ...] = ()
    url: str | None = None
    dateline: str | None = None
    agency: str | None = None
    date: str | None = None

    @property
    def headings(self) -> list[str]:
        return [s.text for s in self.segments if s.kind == "heading"]

    def section_title(self, section: int) -> str:
        if section == 0:
            return self.title
        return next(s.text for s in self.segments if s.kind == "heading" and s.section == section)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "byline": self.byline,
            "source": self.source,
            "url": self.url,
            "dateline": self.dateline,
            "agency": self.agency,
            "segments": [s.to_json() for s in self.segments],
        }


@dataclass(frozen=True)
class Piece:
    """Part of a sentence spoken by one voice: narration or a quotation."""

    kind: PieceKind
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A unit the summarizer can pick: one sentence, or several that one quotation spans."""

    index: int
    text: str
    section: int
    paragraph: int
    pieces: tuple[Piece, ...]

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Summary:
    """The sentences chosen from an article, in document order."""

    article: Article
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Line:
    """One sentence of a cue: what is shown (`text`) and what the engine reads (`spoken`)."""

    text: str
    spoken: str


@dataclass(frozen=True)
class Cue:
    """One stretch of speech in a single voice."""

    kind: CueKind
    voice: RoleName
    chapter: int
    lines: tuple[Line, ...]
    speaker: str | None = None

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def spoken(self) -> str:
        return " ".join(line.spoken for line in self.lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "spoken": self.spoken,
            "voice": self.voice,
            "speaker": self.speaker,
            "chapter": self.chapter,
        }


@dataclass(frozen=True)
class Chapter:
    title: str
    first_cue: int
    url: str | None = None


@dataclass(frozen=True)
class Script:
    """Everything to be spoken, in order, grouped into chapters."""

    title: str
    cues: tuple[Cue, ...]
    chapters: tuple[Chapter, ...]
    estimated_seconds: float
    description: str = ""
    sources: tuple[str, ...] = ()
    notes: tuple[StoryNote, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "estimated_seconds": round(self.estimated_seconds, 1),
            "description": self.description,
            "sources": list(self.sources),
            "chapters": [
                {"title": c.title, "first_cue": c.first_cue, "url": c.url} for c in self.chapters
            ],
            "cues": [c.to_json() for c in self.cues],
        }


@dataclass(frozen=True)
class Audio:
    """Mono 16-bit PCM."""

    pcm: bytes
    sample_rate: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


@dataclass(frozen=True)
class TimedChapter:
    title: str
    start: float
    end: float
    url: str | None = None


@dataclass(frozen=True)
class StoryNote:
    """A story's show notes: its headline, one line of it, and where to read it."""

    title: str
    summary: str
    url: str | None = None


@dataclass(frozen=True)
class Episode:
    """A finished briefing on disk, as its tags describe it."""

    path: Path
    title: str
    duration: float
    chapters: tuple[TimedChapter, ...]
    description: str = ""
    #: Public addresses of the stories (local paths are never published).
    sources: tuple[str, ...] = ()
    notes: tuple[StoryNote, ...] = ()
    guid: str = ""
    published: dt.datetime | None = None
    #: What the audio was made of (`episode.episode_key`): an equal key needs no new render.
    key: str = ""
    #: Which briefing this is (its sources): a re-render of it keeps its name and guid.
    identity: str = ""

    @property
    def chapters_path(self) -> Path:
        return self.path.with_name(self.path.stem + ".chapters.json")

    @property
    def transcript_path(self) -> Path:
        return self.path.with_name(self.path.stem + ".vtt")
