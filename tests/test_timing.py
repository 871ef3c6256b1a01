"""timing: one model of spoken time, checked against the voices themselves."""

from __future__ import annotations

import pytest

from briefing import timing
from briefing.config import Role, load_profile
from briefing.models import Cue, Line


@pytest.mark.parametrize(
    ("word", "count"),
    [("the", 1), ("council", 2), ("unprecedented", 5), ("made", 1), ("people", 2), ("", 0)],
)
def test_syllables(word: str, count: int) -> None:
    assert timing.syllables(word) == count


def test_longer_slower_and_sentence_ends_take_more_time() -> None:
    role = Role(engine="hibari")
    short = timing.speech_seconds("The port reopened.", role)
    long = timing.speech_seconds("The port reopened on Monday after a week of repairs.", role)
    assert 0.5 < short < long < 5
    slow = timing.speech_seconds("The port reopened.", Role(engine="hibari", speed=0.8))
    assert slow == pytest.approx(short / 0.8)
    assert timing.speech_seconds("The support,", role) < timing.speech_seconds("The support.", role)


def test_tones_last_exactly_their_words() -> None:
    assert timing.speech_seconds("one two three four", Role(engine="tone")) == pytest.approx(1.5)


def test_pauses_follow_roles_and_chapters() -> None:
    profile = load_profile("default")
    cues = [
        Cue("headline", "anchor", 0, (Line("A", "A"),)),
        Cue("text", "narrator", 0, (Line("B", "B"),)),
        Cue("section", "anchor", 1, (Line("C", "C"),)),
    ]
    assert timing.pause_before(cues, 0, profile) == 0
    anchor, narrator = profile.role("anchor"), profile.role("narrator")
    assert timing.pause_before(cues, 1, profile) == max(anchor.pause_after, narrator.pause_before)
    assert timing.pause_before(cues, 2, profile) >= profile.chapter_pause
