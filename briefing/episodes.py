"""Briefings on disk: the files beside an MP3, and what its tags say about it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .models import Episode, TimedChapter

# TXXX frames that assemble writes and the feed reads.
GUID_TAG = "briefing:guid"
PUBLISHED_TAG = "briefing:published"
DESCRIPTION_TAG = "briefing:description"
DURATION_TAG = "briefing:duration"
KEY_TAG = "briefing:key"


def sidecar_paths(mp3: Path) -> tuple[Path, Path]:
    stem = mp3.with_suffix("")
    return Path(f"{stem}.chapters.json"), Path(f"{stem}.vtt")


@dataclass(frozen=True)
class StoredEpisode:
    """What the tags of a rendered MP3 say about it."""

    episode: Episode
    guid: str
    published: dt.datetime
    key: str
    sources: tuple[str, ...]


def read_episode(path: Path) -> StoredEpisode | None:
    """The episode an MP3 written by `assemble` holds, or None for other files."""
    from mutagen import MutagenError
    from mutagen.mp3 import MP3

    try:
        audio = MP3(str(path))
    except (MutagenError, OSError):
        return None
    tags = audio.tags
    if tags is None:
        return None

    def text(frame_id: str, default: str = "") -> str:
        frame = tags.get(frame_id)
        return str(frame.text[0]) if frame is not None and frame.text else default

    chapters_path, vtt_path = sidecar_paths(path)
    chapters = tuple(
        TimedChapter(
            f.sub_frames["TIT2"].text[0] if "TIT2" in f.sub_frames else f.element_id,
            f.start_time / 1000,
            f.end_time / 1000,
            f.sub_frames["WXXX:"].url if "WXXX:" in f.sub_frames else None,
        )
        for f in tags.getall("CHAP")
    )
    duration = float(text(f"TXXX:{DURATION_TAG}", "0") or 0) or float(audio.info.length)
    published_text = text(f"TXXX:{PUBLISHED_TAG}")
    try:
        published = dt.datetime.fromisoformat(published_text)
    except ValueError:
        published = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
    comment = next((str(f.text[0]) for f in tags.getall("COMM") if f.text), "")
    sources = tuple(comment.split())
    episode = Episode(
        path=path,
        title=text("TIT2", path.stem),
        duration=duration,
        chapters=chapters,
        chapters_path=chapters_path,
        transcript_path=vtt_path,
        description=text(f"TXXX:{DESCRIPTION_TAG}"),
        sources=sources,
    )
    return StoredEpisode(
        episode, text(f"TXXX:{GUID_TAG}"), published, text(f"TXXX:{KEY_TAG}"), sources
    )
