"""episode: the output decided once, tags written and read back in both formats, the keys."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.episode import (
    Output,
    Tags,
    explicit_output,
    fingerprint,
    identity_of,
    is_current,
    named_output,
    output_format,
    read_episode,
    write_tags,
)
from briefing.errors import ConfigError
from briefing.ffmpeg import run_ffmpeg
from briefing.models import StoryNote, TimedChapter

DAY = dt.date(2026, 11, 24)
CHAPTERS = (
    TimedChapter("Port reopens", 0.0, 1.2, "https://example.org/port"),
    TimedChapter("Storm & rain", 1.2, 2.0),
)


def silent(path: Path) -> Path:
    """A two-second file of the format its suffix names."""
    codec = ["-c:a", "libmp3lame"] if path.suffix == ".mp3" else ["-c:a", "aac", "-f", "ipod"]
    run_ffmpeg(["-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "2", *codec, str(path)])
    return path


def tags(**changes: object) -> Tags:
    base = Tags(
        title="Port reopens",
        show="Briefing",
        author="briefing",
        date=DAY,
        chapters=CHAPTERS,
        duration=2.0,
        guid="3f1c",
        published=dt.datetime(2026, 11, 24, 6, 0, tzinfo=dt.timezone.utc),
        key="k1",
        identity="i1",
        description="The port reopened.",
        sources=("/home/ana/notes/port.txt", "https://example.org/port"),
        notes=(StoryNote("Port reopens", "The port reopened.", "https://example.org/port"),),
        cover=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("suffix", [".mp3", ".m4b"])
def test_tags_are_read_back_as_written(tmp_path: Path, suffix: str) -> None:
    path = silent(tmp_path / f"ep{suffix}")
    write_tags(path, output_format(path, None), tags())
    episode = read_episode(path)
    assert episode is not None
    assert (episode.title, episode.guid, episode.key, episode.identity) == (
        "Port reopens",
        "3f1c",
        "k1",
        "i1",
    )
    assert episode.duration == 2.0 and episode.published == tags().published
    if suffix == ".mp3":  # an M4B's chapters are the encoder's (test_pipeline reads them)
        assert [c.title for c in episode.chapters] == ["Port reopens", "Storm & rain"]
    assert episode.notes == tags().notes
    # Local paths are never published; source URLs are.
    assert episode.sources == ("https://example.org/port",)


def test_more_chapters_than_id3_can_list_are_joined_not_lost(tmp_path: Path) -> None:
    """A briefing of 300 stories (301 chapters) failed at tagging: a CTOC counts its
    entries in one byte."""
    many = tuple(TimedChapter(f"Story {n}", n * 0.005, (n + 1) * 0.005) for n in range(301))
    path = silent(tmp_path / "ep.mp3")
    write_tags(path, "mp3", tags(chapters=many))
    episode = read_episode(path)
    assert episode is not None
    read = episode.chapters
    assert len(read) == 151 and read[0].title == "Story 0" and read[1].title == "Story 2"
    assert read[0].start == 0.0 and abs(read[-1].end - 1.505) < 0.002
    assert all(a.end == b.start for a, b in itertools.pairwise(read))


def test_m4b_carries_its_cover(tmp_path: Path) -> None:
    from mutagen.mp4 import MP4

    path = silent(tmp_path / "ep.m4b")
    write_tags(path, "m4b", tags())
    assert MP4(str(path)).tags["covr"][0].startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("name", "wanted", "expected"),
    [("a.mp3", None, "mp3"), ("a.M4B", None, "m4b"), ("a.m4b", "m4b", "m4b"), (None, "m4b", "m4b")],
)
def test_the_format_is_decided_once(name: str | None, wanted: str | None, expected: str) -> None:
    assert output_format(Path(name) if name else None, wanted) == expected


@pytest.mark.parametrize(
    ("name", "wanted", "error"),
    [("a.wav", None, "cannot write '.wav'"), ("a", None, "no suffix"), ("a.mp3", "m4b", "not an")],
)
def test_unknown_or_conflicting_outputs_are_refused(
    name: str, wanted: str | None, error: str
) -> None:
    with pytest.raises(ConfigError, match=error):
        output_format(Path(name), wanted)


def test_a_different_briefing_never_takes_another_ones_name(tmp_path: Path) -> None:
    first = named_output(tmp_path, "Port reopens", DAY, "mp3", "one")
    assert first.path.name == "2026-11-24-port-reopens.mp3"
    silent(first.path)
    write_tags(first.path, "mp3", tags(identity="one"))
    assert named_output(tmp_path, "Port reopens", DAY, "mp3", "one").path == first.path
    other = named_output(tmp_path, "Port reopens", DAY, "mp3", "two")
    assert other.path.name == "2026-11-24-port-reopens-2.mp3"


def test_is_current_needs_the_same_key_and_the_sidecars(tmp_path: Path) -> None:
    output = Output(silent(tmp_path / "ep.mp3"), "mp3")
    write_tags(output.path, "mp3", tags(key="k1"))
    assert is_current(output, "k1") is None  # no chapters JSON or transcript yet
    for sidecar in output.sidecars:
        sidecar.write_text("x")
    assert is_current(output, "k1") is not None
    assert is_current(output, "k2") is None


def test_a_foreign_file_with_odd_tags_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    from mutagen.id3 import ID3, TIT2, TXXX

    path = silent(tmp_path / "foreign.mp3")
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=["Someone else's"]))
    id3.add(TXXX(encoding=3, desc="briefing:duration", text=["abc"]))
    id3.add(TXXX(encoding=3, desc="briefing:published", text=["2026-11-24T06:00:00"]))
    id3.add(TXXX(encoding=3, desc="briefing:notes", text=["{not json"]))
    id3.save(str(path))
    episode = read_episode(path)
    assert episode is not None and episode.title == "Someone else's"
    assert 1.9 < episode.duration < 2.2 and episode.published is not None
    assert episode.published.tzinfo is not None and episode.notes == ()


def test_explicit_output_writes_through_a_symlink_and_refuses_devices(tmp_path: Path) -> None:
    real = tmp_path / "real.mp3"
    real.write_bytes(b"")
    link = tmp_path / "link.mp3"
    link.symlink_to(real)
    assert explicit_output(link, None).path == real.resolve()
    fifo = tmp_path / "pipe.mp3"
    os.mkfifo(fifo)
    null = tmp_path / "null.mp3"
    null.symlink_to("/dev/null")
    for target in (fifo, null):
        with pytest.raises(ConfigError, match="not a regular file"):
            explicit_output(target, None)


def test_fingerprints_follow_every_field() -> None:
    assert fingerprint(tags()) == fingerprint(tags())
    assert fingerprint(tags()) != fingerprint(tags(description="Another."))
    assert identity_of(["b", "a"]) == identity_of(["a", "b"]) != identity_of(["a"])
