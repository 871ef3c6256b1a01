"""How long things take to say: one model of spoken time for budgets, estimates and the timeline.

A line's speech is estimated from its syllables, clause breaks and whether it ends a sentence
or stops mid-sentence (voices slow down into the end of an utterance), with constants
measured per engine (`RATES`, fitted on 357 lines of news, headlines, transitions and
quotations after trimming, as the timeline trims them: the sum over ten lines is within 2% on
average, 8% at worst). The pauses between lines and cues are not
estimated at all: `pause_before` is the rule the timeline itself follows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .config import JINGLE_SECONDS, Role, VoiceProfile
from .models import Cue, Sentence


@dataclass(frozen=True)
class Rate:
    """Seconds of trimmed speech: per syllable, per clause break (, ; :), for ending an
    utterance, and per part spoken."""

    syllable: float
    clause: float
    final: float
    part: float
    #: Per square root of the syllables: long lines are spoken faster than short ones.
    root: float = 0.0
    #: Tones for tests are as long as their words, nothing else.
    per_word: float = 0.0


#: By engine, or by "engine:voice" where a voice differs from its engine's first.
RATES = {
    "piper": Rate(syllable=0.181, clause=0.292, final=0.436, part=-0.128),
    "hibari": Rate(syllable=0.237, clause=0.219, final=0.586, part=0.0, root=-0.269),
    # gTTS is measured online only; its pace is close to hibari's.
    "gtts": Rate(syllable=0.237, clause=0.219, final=0.586, part=0.0, root=-0.269),
    "tone": Rate(syllable=0.0, clause=0.0, final=0.0, part=0.0, per_word=60 / 160),
}
#: Silence between the synthesized parts of one long sentence, like a comma's pause.
PART_GAP = 0.12

_VOWELS = re.compile(r"[aeiouy]+")
_CLAUSE = re.compile(r"[,;:]")
#: A part that stops mid-sentence ("...support," before "he said") ends quicker than one that
#: ends an utterance (a sentence, or a headline without a stop).
_OPEN_END = re.compile(r"[,;:—–-][\"'”’)]*\s*$")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """A word's syllables, closely enough for timing (vowel groups, a silent final e)."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 0
    count = len(_VOWELS.findall(letters))
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def rate_of(role: Role) -> Rate:
    return RATES.get(f"{role.engine}:{role.voice}") or RATES.get(role.engine) or RATES["piper"]


def part_seconds(text: str, role: Role) -> float:
    """Speech time of one part as the engine is given it."""
    rate = rate_of(role)
    words = text.split()
    if rate.per_word:
        return max(1, len(words)) * rate.per_word / role.speed
    count = sum(syllables(w) for w in words)
    spoken = count * rate.syllable + math.sqrt(count) * rate.root + rate.part
    spoken += len(_CLAUSE.findall(text)) * rate.clause
    if not _OPEN_END.search(text):
        spoken += rate.final
    return max(spoken, 0.1 * len(words)) / role.speed


def speech_seconds(spoken: str, role: Role) -> float:
    """Speech time of a line, split into parts the way the renderer splits it."""
    from .speech.render import synthesis_parts

    parts = synthesis_parts(spoken)
    if not parts:
        return 0.0
    return sum(part_seconds(p, role) for p in parts) + PART_GAP * (len(parts) - 1)


# --- pauses: the rules the timeline follows --------------------------------------------------


def opening(cues: Sequence[Cue], profile: VoiceProfile) -> float:
    """Sound before the first cue: the chime, then at least half a chapter's pause."""
    if not profile.jingle:
        return 0.0
    first = profile.role(cues[0].voice).pause_before if cues else 0.0
    return JINGLE_SECONDS + max(profile.chapter_pause / 2, first)


def closing(cues: Sequence[Cue], profile: VoiceProfile) -> float:
    """Sound after the last cue: its pause, then the closing chime."""
    after = profile.role(cues[-1].voice).pause_after if cues else 0.0
    return after + (JINGLE_SECONDS if profile.jingle else 0.0)


def pause_before(cues: Sequence[Cue], index: int, profile: VoiceProfile) -> float:
    """Silence before cue `index`: the longer of the two roles' pauses, a chapter's at least
    where a chapter starts. The first cue follows the opening directly."""
    if index == 0:
        return 0.0
    cue, previous = cues[index], cues[index - 1]
    gap = max(profile.role(previous.voice).pause_after, profile.role(cue.voice).pause_before)
    if cue.chapter != previous.chapter:
        gap = max(gap, profile.chapter_pause)
    return gap


def cue_seconds(cue: Cue, profile: VoiceProfile) -> float:
    """Speech of a cue's lines and the pauses between them."""
    role = profile.role(cue.voice)
    speech = sum(speech_seconds(line.spoken, role) for line in cue.lines)
    return speech + profile.sentence_pause * max(0, len(cue.lines) - 1)


def script_seconds(cues: Sequence[Cue], profile: VoiceProfile) -> float:
    """The length of a briefing of these cues, as the timeline will lay it out."""
    if not cues:
        return 0.0
    total = opening(cues, profile) + closing(cues, profile)
    for index, cue in enumerate(cues):
        total += pause_before(cues, index, profile) + cue_seconds(cue, profile)
    return total


def sentence_seconds(sentence: Sentence, profile: VoiceProfile) -> float:
    """What a summary unit adds to a briefing: its lines in their voices, and their pauses."""
    from .normalize import spoken
    from .sentences import split_sentences

    total, previous = 0.0, None
    for piece in sentence.pieces:
        voice = "quote" if piece.kind == "quote" else "narrator"
        role = profile.role(voice)
        for line in split_sentences(piece.text):
            total += speech_seconds(spoken(line, lexicon=profile.lexicon), role)
            if previous is not None and previous != voice:
                total += max(profile.role(previous).pause_after, role.pause_before)
            else:
                total += profile.sentence_pause
            previous = voice
    return total
