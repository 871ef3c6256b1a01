"""render: every distinct sentence part synthesized once, longest first, under a memory cap."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import Role, load_profile
from briefing.speech.cache import SegmentCache
from briefing.speech.render import render_script


@pytest.mark.piper
def test_piper_render_through_cache(tmp_path: Path) -> None:
    from briefing.models import Cue, Line, Script

    profile = load_profile("default")
    cues = (Cue("text", "narrator", 0, (Line("It rained.", "It rained."),)),)
    cache = SegmentCache(tmp_path)
    first = render_script(Script("t", cues, (), 1.0), profile, cache=cache)
    second = render_script(Script("t", cues, (), 1.0), profile, cache=cache)
    assert first[0][0].pcm == second[0][0].pcm and len(first[0][0].pcm) > 10000


def test_long_sentences_are_synthesized_in_clause_parts() -> None:
    from briefing.speech.render import MAX_PART_WORDS, synthesis_parts

    long = (
        "In a statement issued after a meeting of the council, convened in the wake of "
        "recent attacks on the city, the allies recalled that they are providing military, "
        "financial and humanitarian aid."
    )
    parts = synthesis_parts(long)
    assert len(parts) == 2 and " ".join(parts) == long
    assert all(len(p.split()) <= MAX_PART_WORDS for p in parts)
    assert synthesis_parts("Short one.") == ["Short one."]
    assert synthesis_parts(" ... ") == []


def test_part_queue_takes_longest_that_fits_under_the_cap() -> None:
    from briefing.speech.render import Job, PartQueue

    role = Role("tone", "x")
    parts = PartQueue([Job(str(n), "w " * n, role) for n in (5, 30, 9, 3, 7)], limit=12)
    first = parts.take()
    assert first is not None and len(first.text.split()) == 30  # over the cap: alone
    assert parts.busy == 30
    parts.done(first)
    taken = [parts.take(), parts.take()]
    assert [len(j.text.split()) for j in taken if j] == [9, 3]  # 7 and 5 do not fit beside 9
    for job in taken:
        parts.done(job)  # type: ignore[arg-type]
    rest = [parts.take(), parts.take()]
    assert [len(j.text.split()) for j in rest if j] == [7, 5]
    parts.close()
    assert parts.take() is None


def test_part_queue_never_exceeds_the_cap_with_threads() -> None:
    import time

    from briefing.speech.render import Job, PartQueue
    from conftest import run_threads

    role = Role("tone", "x")
    sizes = [6, 6, 3, 25, 4, 4, 4, 9, 1, 12, 2]
    parts = PartQueue([Job(str(i), "w " * n, role) for i, n in enumerate(sizes)], limit=12)
    seen: list[int] = []

    def work() -> None:
        while (job := parts.take()) is not None:
            seen.append(parts.busy)
            time.sleep(0.005)
            parts.done(job)

    run_threads(work, 3)
    assert len(seen) == len(sizes) and max(seen) == 25
    assert all(busy <= 12 for busy in seen if busy != 25)


def test_sentences_without_commas_are_bounded_too() -> None:
    from briefing.speech.render import MAX_PART_WORDS, synthesis_parts

    plain = (
        "In a statement issued after a meeting of the council convened in the wake of recent "
        "attacks on the city the allies recalled that they are providing military aid."
    )
    assert synthesis_parts(plain) == [plain]  # long, but spoken whole
    endless = " ".join(["the council and the port authority agreed on a plan"] * 30) + "."
    parts = synthesis_parts(endless)
    assert " ".join(parts) == endless
    assert max(len(p.split()) for p in parts) <= 2 * MAX_PART_WORDS
    assert all(p.split()[0] == "and" for p in parts[1:])  # cut before a joining word


@pytest.mark.parametrize(
    "text",
    [
        "x" * 4800,  # one token, no spaces
        "Hello " + "supercalifragilistic" * 60 + " there.",
        " ".join(["Pneumonoultramicroscopicsilicovolcanoconiosis"] * 40),
    ],
    ids=["one-token", "one-long-word", "long-words"],
)
def test_parts_are_bounded_in_characters(text: str) -> None:
    from briefing.speech.render import MAX_PART_CHARS, synthesis_parts

    parts = synthesis_parts(text)
    assert "".join(parts).replace(" ", "") == text.replace(" ", "")
    assert max(len(p) for p in parts) <= 2 * MAX_PART_CHARS
