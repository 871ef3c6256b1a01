"""End to end on the tone engine: a real MP3 with chapters, chapters JSON and transcript."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pytest

from briefing.pipeline import make
from conftest import decode, ffprobe_chapters, mp3_stream_info, read_chapters

DAY = dt.date(2026, 11, 24)


def test_example_renders_with_section_chapters(tone_config, example: Path) -> None:
    episode = make([str(example)], tone_config, date=DAY)
    assert episode.path == tone_config.output_dir / (
        "2026-11-24-nato-commits-to-strengthening-ukraines-defenses.mp3"
    )
    info = mp3_stream_info(episode.path)
    assert "mp3" in info and "44100 Hz" in info and "mono" in info and "64 kb/s" in info

    samples = decode(episode.path)
    duration = len(samples) / 44100
    assert abs(duration - episode.duration) < 0.1
    chapters = read_chapters(episode.path)
    assert [c[0] for c in chapters] == [
        "NATO commits to strengthening Ukraine's defenses",
        "Russian attacks against civilian population",
        "Moscow attacks civil infrastructure",
        "kyiv will strengthen security",
    ]
    starts = [c[1] for c in chapters]
    assert starts == sorted(starts) and starts[0] == 0
    for (_, start, end), nxt in zip(chapters, [*chapters[1:], None]):
        assert 0 <= start < end <= duration * 1000 + 1
        if nxt:
            assert end == nxt[1]
    assert abs(chapters[-1][2] - duration * 1000) < 100

    probed = ffprobe_chapters(episode.path)
    if probed is not None:
        assert [c["tags"]["title"] for c in probed] == [c[0] for c in chapters]


def test_chapter_starts_fall_on_speech(tone_config, example: Path) -> None:
    """Each chapter after the first starts where its first cue's sound starts (within 10 ms)."""
    episode = make([str(example)], tone_config, date=DAY)
    samples = np.abs(decode(episode.path))
    for title, start_ms, _ in read_chapters(episode.path)[1:]:
        start = int(start_ms * 44.1)
        before = samples[start - 2205 : start - 441]  # 50 to 10 ms before: the pause
        after = samples[start + 441 : start + 2205]  # 10 to 50 ms after: the heading's tone
        assert before.max() < 0.01, title
        assert after.max() > 0.05, title


def test_sidecars_match_the_mp3(tone_config, example: Path) -> None:
    episode = make([str(example)], tone_config, date=DAY)
    chapters = json.loads(episode.chapters_path.read_text())
    assert chapters["version"] == "1.2.0"
    titles = [c[0] for c in read_chapters(episode.path)]
    assert [c["title"] for c in chapters["chapters"]] == titles
    for item, (_, start_ms, _) in zip(chapters["chapters"], read_chapters(episode.path)):
        assert abs(item["startTime"] * 1000 - start_ms) <= 1

    vtt = episode.transcript_path.read_text()
    assert vtt.startswith("WEBVTT\n\n")
    times = re.findall(
        r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})$", vtt, re.M
    )
    assert len(times) >= 10
    previous_end = 0.0
    for t in times:
        start = int(t[0]) * 3600 + int(t[1]) * 60 + int(t[2]) + int(t[3]) / 1000
        end = int(t[4]) * 3600 + int(t[5]) * 60 + int(t[6]) + int(t[7]) / 1000
        assert previous_end <= start < end <= episode.duration + 0.01
        previous_end = end
    assert "<v Geoana>" in vtt
    assert "Keep reading" not in vtt and "nato-commits" not in vtt


def test_loudness_and_peak_meet_podcast_targets(tone_config, example: Path) -> None:
    from briefing.assemble import measure_file

    episode = make([str(example)], tone_config, date=DAY)
    loudness, peak = measure_file(episode.path)
    assert abs(loudness + 16) <= 1.0
    assert peak <= -1.0


def test_warm_rerun_synthesizes_nothing(tone_config, example: Path, monkeypatch) -> None:
    make([str(example)], tone_config, date=DAY)
    from briefing.speech import tone

    def fail(*args, **kwargs):
        raise AssertionError("synthesized on a warm run")

    monkeypatch.setattr(tone.ToneEngine, "synthesize", fail)
    make([str(example)], tone_config, tone_config.output_dir / "again.mp3", date=DAY)


def test_up_to_date_briefing_is_not_rendered_again(tone_config, example: Path, monkeypatch) -> None:
    first = make([str(example)], tone_config, date=DAY)
    before = first.path.stat().st_mtime_ns
    from briefing import assemble

    def fail(*args, **kwargs):
        raise AssertionError("encoded an up-to-date briefing again")

    monkeypatch.setattr(assemble, "run_ffmpeg_streaming", fail)
    again = make([str(example)], tone_config, date=DAY)
    assert again.path == first.path and again.path.stat().st_mtime_ns == before
    assert [c.title for c in again.chapters] == [c.title for c in first.chapters]


@pytest.mark.piper
def test_real_piper_render_meets_loudness_targets(tmp_path: Path) -> None:
    """-16 LUFS within 1 LU and at most -1 dBTP, measured on a real Piper briefing."""
    from briefing.assemble import measure_file
    from briefing.config import Config, load_profile
    from conftest import DATA

    config = Config(
        profile=load_profile("default"), output_dir=tmp_path, cache_dir=tmp_path / "cache"
    )
    episode = make([str(DATA / "short_story.md")], config, date=DAY)
    loudness, peak = measure_file(episode.path)
    assert abs(loudness + 16) <= 1.0
    assert peak <= -1.0
    samples = decode(episode.path)
    assert abs(len(samples) / 44100 - episode.duration) < 0.05


def test_m4b_audiobook_with_chapters(tone_config, example: Path) -> None:
    from dataclasses import replace

    from mutagen.mp4 import MP4

    config = replace(tone_config, audio_format="m4b")
    episode = make([str(example)], config, date=DAY)
    assert episode.path.suffix == ".m4b"
    assert "aac" in mp3_stream_info(episode.path) and "44100 Hz" in mp3_stream_info(episode.path)
    audio = MP4(str(episode.path))
    assert audio.tags["\xa9nam"] == ["NATO commits to strengthening Ukraine's defenses"]
    titles = [c.title for c in audio.chapters]
    assert titles == [c.title for c in episode.chapters] and len(titles) == 4
    for chapter, ours in zip(audio.chapters, episode.chapters):
        assert abs(chapter.start - ours.start) < 0.03
    assert abs(len(decode(episode.path)) / 44100 - episode.duration) < 0.1
    assert episode.chapters_path.is_file() and episode.transcript_path.is_file()
    assert episode.path.read_bytes()[8:12] == b"M4B "
    # The same request again is up to date: nothing is encoded anew.
    stamp = episode.path.stat().st_mtime_ns
    assert make([str(example)], config, date=DAY).path == episode.path
    assert episode.path.stat().st_mtime_ns == stamp


def test_mp3_and_m4b_of_one_briefing_live_side_by_side(tone_config, example: Path) -> None:
    from dataclasses import replace

    mp3 = make([str(example)], tone_config, date=DAY)
    m4b = make([str(example)], replace(tone_config, audio_format="m4b"), date=DAY)
    assert mp3.path.with_suffix(".m4b") == m4b.path and mp3.path.is_file() and m4b.path.is_file()


def test_a_library_callers_format_is_the_one_written_or_refused(tone_config, example, tmp_path):
    from dataclasses import replace

    from briefing.errors import ConfigError

    config = replace(tone_config, audio_format="m4b")
    assert make([str(example)], config, tmp_path / "lib.m4b", date=DAY).path.suffix == ".m4b"
    with pytest.raises(ConfigError, match=r"not an \.m4b"):
        make([str(example)], config, tmp_path / "lib.mp3", date=DAY)
    with pytest.raises(ConfigError, match=r"cannot write '\.wav'"):
        make([str(example)], tone_config, tmp_path / "x.wav", date=DAY)
    assert not list(tmp_path.glob("lib.mp3*")) and not list(tmp_path.glob("x.wav*"))


def test_output_path_with_shell_and_ffmpeg_special_characters(tone_config, tmp_path: Path) -> None:
    folder = tmp_path / "news [daily]: it's | here"
    folder.mkdir()
    source = tmp_path / "story.txt"
    source.write_text("Storm hits the coast\n\nA storm hit the coast on Monday, officials said.\n")
    out = folder / "a b|c's.mp3"
    episode = make([str(source)], tone_config, out, date=DAY)
    assert episode.path == out and sorted(p.name for p in folder.iterdir()) == [
        "a b|c's.chapters.json",
        "a b|c's.mp3",
        "a b|c's.vtt",
    ]
    assert abs(len(decode(out)) / 44100 - episode.duration) < 0.1
