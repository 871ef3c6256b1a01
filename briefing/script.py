"""Turn summaries into a script: cues with voice roles, grouped into chapters, and show notes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from num2words import num2words

from .config import VoiceProfile
from .models import Chapter, Cue, CueKind, Line, Piece, RoleName, Script, StoryNote, Summary
from .names import FirstReferences
from .normalize import is_british, spoken
from .quotes import ROLE_WORD, SPEECH_VERBS, surname
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
#: Apple's limit on an episode's description is 4,000 bytes; the notes stay well under it.
DESCRIPTION_BYTES = 3600
RUNDOWN_CHAPTER = "Headlines"

Say = Callable[[str], tuple[Line, ...]]


@lru_cache(maxsize=16384)
def _said(text: str, lexicon: tuple[tuple[str, str], ...], british: bool) -> str:
    return spoken(text, lexicon=dict(lexicon), british=british)


def saying(profile: VoiceProfile, british: bool = False) -> Say:
    """Lines of a text as written and as said, in this profile's lexicon and the copy's locale
    (rebuilding a script while fitting it to a length normalizes each sentence once)."""
    lexicon = tuple(sorted(profile.lexicon.items()))

    def say(text: str) -> tuple[Line, ...]:
        return tuple(Line(s, _said(s, lexicon, british)) for s in split_sentences(text) if s)

    return say


def _cue(kind: CueKind, text: str, chapter: int, say: Say, speaker: str | None = None) -> Cue:
    return Cue(kind, ROLE_OF[kind], chapter, say(text), speaker)


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
    say = saying(profile, is_british(" ".join(article.paragraphs[:8])))
    if any(s.kind == "headline" for s in article.segments):
        cues.append(_cue("headline", article.title, chapter, say))
    current_section = 0
    previous = -2
    references = FirstReferences(article.paragraphs)
    for sentence in summary.sentences:
        # A skipped sentence ends the cue: the next one starts afresh, after a pause.
        if sentence.index != previous + 1:
            cues.append(Cue("text", "narrator", chapter, ()))
        previous = sentence.index
        if sentence.section != current_section:
            current_section = sentence.section
            title = article.section_title(current_section)
            if sections_as_chapters:
                chapter = len(chapters)
                chapters.append(Chapter(title, len(cues), article.url))
            cues.append(_cue("section", title, chapter, say))
        pieces = attribution_first(narrated_inside(sentence.pieces))
        first = pieces[0] if pieces else None
        if (
            first
            and first.kind == "quote"
            and not _introduced(cues, first.speaker)
            and not any(first.speaker and surname(first.speaker) in p.text for p in pieces[1:])
        ):
            # The sentence that named the speaker was left out (or is in another section):
            # the listener hears who speaks before the voice changes.
            pieces.insert(0, Piece("text", f"{first.speaker} said:", first.speaker))
        for n, piece in enumerate(pieces):
            if piece.kind == "text":
                piece = replace(piece, text=references.named(piece.text))
            else:
                references.hear(piece.text)
            _add_piece(cues, piece, chapter, say, ends_sentence=n == len(pieces) - 1)


def _introduced(cues: Sequence[Cue], speaker: str | None) -> bool:
    """Whether a quotation by `speaker` follows their own words or a sentence naming them
    (true, too, when nobody is known to speak it)."""
    if not speaker:
        return True
    last = next((c for c in reversed(cues) if c.lines), None)
    if last is not None and last.lines[-1].text.rstrip().endswith("?"):
        # An interview's next question: the one who answered the last is answering again.
        for cue in reversed(cues):
            if cue.kind in ("headline", "transition"):
                break
            if cue.kind == "quote":
                return _same_person(cue.speaker, speaker)
        return False
    if last is None or last.kind not in ("text", "quote"):
        return False
    if last.kind == "quote":
        return _same_person(last.speaker, speaker)
    return surname(speaker) in last.lines[-1].text


def _same_person(one: str | None, other: str) -> bool:
    """ "Trevor Houser" and "Houser" are one speaker."""
    return bool(one) and surname(one or "") == surname(other)


_SHORT_ATTRIBUTION = re.compile(
    rf"^(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}}|[Hh]e|[Ss]he|[Tt]hey)\s+"
    rf"(?P<verb>(?:\w+ly\s+)?(?:{SPEECH_VERBS}))[.!]$"
    rf"|^(?P<verb2>{SPEECH_VERBS})\s+(?P<role>{ROLE_WORD}{{0,2}})"
    rf"(?P<who2>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}})"
    # "says Di Li, the chief scientist of Fast." -> "Di Li, the chief scientist of Fast, says:";
    # "said Mary Johnson, 67, who lives in Bellevue." -> "Mary Johnson, 67, who lives in ..."
    r"(?P<apposition>(?:,\s+(?:\d{1,3}|(?:the|a|an|who|whose)\s[^,;:“”\"]{1,60}?)){1,2})?[.!]$"
)


_CONTINUES = re.compile(r"^[\"“‘']?(?:But|And|Yet|So|Still|Or|Nor)\b")
#: An attribution of a few words with its speech verb and nothing else: "ISD spokesman Tahir
#: Della told DW." "Smith told reporters after the vote." (no clause of its own: no comma).
_ATTRIBUTION = re.compile(rf"^[^,;:“”\"]*\b(?:{SPEECH_VERBS})\b[^,;:“”\"]*[.!]$")
ATTRIBUTION_WORDS = 10


#: Narration that hands a sentence over to a quotation: a colon, a comma, a dash, or a
#: speech verb ('He said “we will win”').
_HANDS_OVER = re.compile(rf"(?:[:,;—–-]|\b(?:{SPEECH_VERBS}))$")


def narrated_inside(pieces: Sequence[Piece]) -> list[Piece]:
    """A quotation inside the narrator's sentence ('condemned it as “senseless and brutal”.',
    'The reason “was the latest storm,” Popko said.') is said by the narrator, in the same
    breath: switching voices in mid-clause breaks the sentence in three. A quotation the
    narration hands over to keeps its voice."""
    out: list[Piece] = []
    for piece in pieces:
        last = out[-1] if out else None
        inside = (
            last is not None
            and last.kind == "text"
            and (
                piece.kind == "text"
                or (
                    not _HANDS_OVER.search(last.text.rstrip())
                    and not re.search(r"[.!?…][”\"’')]*$", last.text.rstrip())
                )
            )
        )
        if last is None or not inside:
            out.append(piece)
            continue
        words = f"“{piece.text.strip()}”" if piece.kind == "quote" else piece.text.strip()
        glue = "" if re.match(r"[.,;:!?)]", words) else " "
        out[-1] = Piece("text", f"{last.text.rstrip()}{glue}{words}")
    return out


def attribution_first(pieces: Sequence[Piece]) -> list[Piece]:
    """“We will rebuild,” Smith said. -> Smith said: “We will rebuild.” A listener hears
    who speaks before the voice changes, as radio attributes a quotation."""
    out = list(pieces)
    for i in range(1, len(out)):
        quote, tail = out[i - 1], out[i]
        if quote.kind != "quote" or tail.kind != "text" or _CONTINUES.match(quote.text):
            # A quotation that answers the sentence before it ("But that's not going to
            # happen on its own") follows that sentence directly; its speaker comes after.
            continue
        lead = _lead_in(tail.text.strip(), quote.text.rstrip(), quote.speaker)
        if lead:
            out[i - 1], out[i] = Piece("text", lead, quote.speaker), quote
    return out


def _lead_in(tail: str, quote: str, speaker: str | None) -> str | None:
    """The attribution after a quotation said before it ("said Geoana." -> "Geoana said:"),
    or None when the text after the quotation is more than its attribution. A pronoun
    gives way to the speaker's name: said first, it would point back to a sentence the
    summary may have left out."""
    match = _SHORT_ATTRIBUTION.match(tail)
    if match:
        who = match["who"] or f"{match['role'] or ''}{match['who2']}"
        if who.lower() in ("he", "she", "they") and speaker:
            who = speaker
        verb = match["verb"] or match["verb2"]
        apposition = f"{match['apposition']}," if match["apposition"] else ""
        return f"{who[0].upper()}{who[1:]}{apposition} {verb}:"
    # A longer one only where the quotation's own comma hands over to it.
    if (
        quote.endswith((",", "?", "!"))
        and len(tail.split()) <= ATTRIBUTION_WORDS
        and _ATTRIBUTION.match(tail)
    ):
        return f"{tail[0].upper()}{tail[1:-1]}:"
    return None


def _add_piece(
    cues: list[Cue], piece: Piece, chapter: int, say: Say, *, ends_sentence: bool = True
) -> None:
    kind: CueKind = piece.kind
    new = _cue(kind, piece.text, chapter, say, piece.speaker if kind == "quote" else None)
    if not new.lines:
        return
    end = new.lines[-1]
    if kind == "quote" and end.spoken.endswith((",", ";", ":")):
        # “We will rebuild,” Smith said: the quotation, said on its own, ends in a full stop.
        new = replace(new, lines=(*new.lines[:-1], Line(end.text, end.spoken[:-1] + ".")))
    elif ends_sentence and end.spoken[-1:].isalnum():
        # A paragraph the page left without its full stop ("... at the Oscars on Feb. 9")
        # is still said as a finished sentence.
        new = replace(new, lines=(*new.lines[:-1], Line(end.text, end.spoken + ".")))
    last = cues[-1] if cues else None
    # Narration runs on in one cue; so do one speaker's quotations, one after another.
    same_voice = last and last.kind == kind and last.chapter == chapter
    # An attribution said first (a text piece naming whom it introduces) is a cue of its own:
    # the narration before it is the article's own text, and stays so in the transcript.
    joins = piece.speaker is None if kind == "text" else last and last.speaker == new.speaker
    if same_voice and last and joins:
        cues[-1] = replace(last, lines=last.lines + new.lines)
    else:
        cues.append(new)


def _without_breaks(cues: list[Cue], chapters: list[Chapter]) -> tuple[list[Cue], list[Chapter]]:
    """Drop the empty cues that marked skipped sentences; chapters keep pointing at their cue."""
    kept: list[Cue] = []
    new_index: list[int] = []
    for cue in cues:
        new_index.append(len(kept))
        if cue.lines:
            kept.append(cue)
    new_index.append(len(kept))
    return kept, [replace(c, first_cue=new_index[c.first_cue]) for c in chapters]


def episode_title(summaries: Sequence[Summary]) -> str:
    """A single story's headline; several stories are named by the lead story."""
    if len(summaries) == 1:
        return summaries[0].article.title
    more = len(summaries) - 1
    stories = "story" if more == 1 else "stories"
    return f"{summaries[0].article.title}, and {num2words(more)} more {stories}"


def show_notes(summaries: Sequence[Summary]) -> tuple[tuple[StoryNote, ...], str]:
    """Per story: its headline, its first chosen sentence and its link; and a plain
    description made of them, under Apple's limit."""
    notes = tuple(
        StoryNote(
            s.article.title,
            " ".join(s.sentences[0].text.split()) if s.sentences else "",
            s.article.url,
        )
        for s in summaries
    )
    parts = [f"{n.title}. {n.summary}".strip() for n in notes]
    description = ""
    for part in parts:
        if len((description + " " + part).encode("utf-8")) > DESCRIPTION_BYTES:
            break
        description = f"{description} {part}".strip()
    return notes, description


def build_script(
    summaries: Sequence[Summary],
    profile: VoiceProfile,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    rundown: bool = True,
) -> Script:
    """The script of a briefing of one or more stories. With several, the opening names them
    (the rundown, its own chapter, when `rundown` is set) and each story is a chapter."""
    date = date or dt.date.today()
    cues: list[Cue] = []
    chapters: list[Chapter] = []
    say = saying(profile)
    show = title or profile.show
    if len(summaries) == 1:
        article = summaries[0].article
        chapters.append(Chapter(article.title, 0, article.url))
        cues.append(_cue("intro", f"This is {show} for {spoken_date(date)}.", 0, say))
        _story_cues(
            summaries[0], profile, 0, sections_as_chapters=True, chapters=chapters, cues=cues
        )
    else:
        count = num2words(len(summaries)).capitalize()
        intro = f"This is {show} for {spoken_date(date)}. {count} stories"
        if rundown:
            chapters.append(Chapter(RUNDOWN_CHAPTER, 0))
            intro += ": " + "; ".join(s.article.title for s in summaries) + "."
        else:
            intro += "."
        cues.append(_cue("intro", intro, 0, say))
        for index, summary in enumerate(summaries):
            story = len(chapters)
            chapters.append(Chapter(summary.article.title, len(cues), summary.article.url))
            if index:
                cue_text = "Next." if index < len(summaries) - 1 else "And finally."
                cues.append(_cue("transition", cue_text, story, say))
            _story_cues(
                summary, profile, story, sections_as_chapters=False, chapters=chapters, cues=cues
            )
    cues, chapters = _without_breaks(cues, chapters)
    cues.append(_cue("outro", f"That was {show}. Thanks for listening.", cues[-1].chapter, say))
    notes, description = show_notes(summaries)
    return Script(
        title=title or episode_title(summaries),
        cues=tuple(cues),
        chapters=tuple(chapters),
        estimated_seconds=script_seconds(cues, profile),
        description=description,
        sources=tuple(s.article.url or s.article.source for s in summaries),
        notes=notes,
    )
