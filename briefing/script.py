"""Turn summaries into a script: cues with voice roles, grouped into chapters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from num2words import num2words

from .config import VoiceProfile
from .models import Chapter, Cue, CueKind, Line, Piece, RoleName, Script, Summary
from .normalize import spoken
from .sentences import split_sentences
from .timing import script_seconds

ROLE_OF: dict[CueKind, RoleName] = {
    "intro": "anchor",
    "headline": "anchor",
    "section": "anchor",
    "transition": "anchor",
    "outro": "anchor",
    "text": "narrator",
    "quote": "quote",
}


def _lines(text: str, profile: VoiceProfile) -> tuple[Line, ...]:
    return tuple(Line(s, spoken(s, lexicon=profile.lexicon)) for s in split_sentences(text) if s)


def _cue(
    kind: CueKind, text: str, chapter: int, profile: VoiceProfile, speaker: str | None = None
) -> Cue:
    return Cue(kind, ROLE_OF[kind], chapter, _lines(text, profile), speaker)


def spoken_date(day: dt.date) -> str:
    return f"{day:%A}, {day:%B} {day.day}"


def _story_cues(
    summary: Summary,
    profile: VoiceProfile,
    chapter: int,
    *,
    sections_as_chapters: bool,
    chapters: list[Chapter],
    cues: list[Cue],
) -> None:
    """Append one story's cues (and, if asked, a chapter per section)."""
    article = summary.article
    has_headline = any(s.kind == "headline" for s in article.segments)
    if has_headline:
        cues.append(_cue("headline", article.title, chapter, profile))
    current_section = 0
    for sentence in summary.sentences:
        if sentence.section != current_section:
            current_section = sentence.section
            title = article.section_title(current_section)
            if sections_as_chapters:
                chapter = len(chapters)
                chapters.append(Chapter(title, len(cues), article.url))
            cues.append(_cue("section", title, chapter, profile))
        for piece in sentence.pieces:
            _add_piece(cues, piece, chapter, profile)


def _add_piece(cues: list[Cue], piece: Piece, chapter: int, profile: VoiceProfile) -> None:
    kind: CueKind = piece.kind
    new = _cue(kind, piece.text, chapter, profile, piece.speaker if kind == "quote" else None)
    if not new.lines:
        return
    last = cues[-1] if cues else None
    if last and last.kind == kind == "text" and last.chapter == chapter:
        cues[-1] = Cue(kind, last.voice, chapter, last.lines + new.lines)
    else:
        cues.append(new)


def build_script(
    summaries: Sequence[Summary],
    profile: VoiceProfile,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    rundown: bool = True,
) -> Script:
    """The script of a briefing of one or more stories; with several, the opening reads
    their headlines when `rundown` is set."""
    date = date or dt.date.today()
    cues: list[Cue] = []
    chapters: list[Chapter] = []
    single = len(summaries) == 1
    if single:
        article = summaries[0].article
        title = title or article.title
        chapters.append(Chapter(article.title, 0, article.url))
        cues.append(_cue("intro", f"This is {profile.show} for {spoken_date(date)}.", 0, profile))
        _story_cues(
            summaries[0], profile, 0, sections_as_chapters=True, chapters=chapters, cues=cues
        )
    else:
        title = title or f"{profile.show} for {spoken_date(date)}"
        count = num2words(len(summaries))
        headlines = "; ".join(s.article.title for s in summaries)
        intro = f"Your briefing for {spoken_date(date)}. {count.capitalize()} stories"
        intro += f": {headlines}." if rundown else "."
        for index, summary in enumerate(summaries):
            story = len(chapters)
            chapters.append(Chapter(summary.article.title, len(cues), summary.article.url))
            if index == 0:
                cues.append(_cue("intro", intro, story, profile))
            else:
                cue_text = "Next." if index < len(summaries) - 1 else "And finally."
                cues.append(_cue("transition", cue_text, story, profile))
            _story_cues(
                summary, profile, story, sections_as_chapters=False, chapters=chapters, cues=cues
            )
    last_chapter = cues[-1].chapter if cues else 0
    cues.append(
        _cue("outro", f"That was {profile.show}. Thanks for listening.", last_chapter, profile)
    )
    description = " ".join(s.text for summary in summaries for s in summary.sentences)
    sources = tuple(s.article.url or s.article.source for s in summaries)
    return Script(
        title=title,
        cues=tuple(cues),
        chapters=tuple(chapters),
        estimated_seconds=script_seconds(cues, profile),
        description=description,
        sources=sources,
    )
