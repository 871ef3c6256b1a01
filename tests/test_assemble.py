"""assemble: named steps per format, all files renamed together, nothing left on failure."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from briefing import assemble as steps
from briefing.assemble import STEPS, assemble, chapters_json, webvtt
from briefing.config import load_profile
from briefing.episode import Output, Tags
from briefing.models import Chapter, Cue, Line, Script, TimedChapter
from briefing.speech.tone import ToneEngine
from briefing.timeline import TimedLine


def _inputs() -> tuple[Script, list, Tags]:
    profile = load_profile("default").with_engine("tone")
    cues = (
        Cue("headline", "anchor", 0, (Line("Port reopens", "Port reopens"),)),
        Cue("text", "narrator", 0, (Line("The port reopened.", "The port reopened."),)),
    )
    script = Script("Port reopens", cues, (Chapter("Port reopens", 0),), 0.0)
    engine = ToneEngine()
    rendered = [(engine.synthesize(c.spoken, profile.role(c.voice)),) for c in cues]
    tags = Tags(
        "Port reopens",
        "Briefing",
        "briefing",
        dt.date(2026, 11, 24),
        (),
        0.0,
        "g",
        dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc),
        "k",
        "i",
    )
    return script, rendered, tags


def test_each_format_has_its_named_steps() -> None:
    names = {fmt: [s.__name__ for s in chain] for fmt, chain in STEPS.items()}
    assert names["mp3"] == ["lay_out", "encode_mp3", "tag", "write_chapters", "write_transcript"]
    assert names["m4b"] == ["lay_out", "encode_m4b", "tag", "write_chapters", "write_transcript"]


@pytest.mark.parametrize("fmt", ["mp3", "m4b"])
def test_assembly_writes_the_audio_and_its_sidecars(tmp_path: Path, fmt: str) -> None:
    script, rendered, tags = _inputs()
    output = Output(tmp_path / f"ep.{fmt}", fmt)  # type: ignore[arg-type]
    profile = load_profile("default").with_engine("tone")
    episode = assemble(script, rendered, profile, output, tags)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"ep.{fmt}", "ep.chapters.json", "ep.vtt"]
    )
    assert episode.duration > 1 and episode.chapters[0].title == "Port reopens"
    assert json.loads(output.sidecars[0].read_text())["version"] == "1.2.0"


def test_a_failing_step_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script, rendered, tags = _inputs()

    def broken(job: steps.Assembly) -> steps.Assembly:
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(STEPS, "mp3", (steps.lay_out, steps.encode_mp3, broken))
    profile = load_profile("default").with_engine("tone")
    with pytest.raises(Exception, match="No space left"):
        assemble(script, rendered, profile, Output(tmp_path / "ep.mp3", "mp3"), tags)
    assert list(tmp_path.iterdir()) == []


def test_sidecar_formats() -> None:
    chapters = [TimedChapter("A & B", 0.0, 1.5, "https://example.org/a"), TimedChapter("C", 1.5, 3)]
    data = json.loads(chapters_json(chapters))
    assert data["chapters"][0] == {
        "startTime": 0.0,
        "title": "A & B",
        "endTime": 1.5,
        "url": "https://example.org/a",
    }
    vtt = webvtt([TimedLine("<b>Hi</b> --> there", 0.0, 1.25, "Ana")])
    assert vtt.startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.250\n<v Ana>&lt;b&gt;")
