"""The episode on disk: where it goes (`Output`), its tags in MP3 and M4B (written and read
here, nowhere else), the keys that say what it holds, and whether it is up to date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import __version__
from .errors import AssembleError, ConfigError
from .fetch import is_url
from .files import writable_target
from .models import Episode, StoryNote, TimedChapter
from .text import slugify

if TYPE_CHECKING:
    from .config import Config, VoiceProfile
    from .models import Script

log = logging.getLogger(__name__)

Format = Literal["mp3", "m4b"]
FORMATS: dict[str, Format] = {".mp3": "mp3", ".m4b": "m4b"}
MIME = {"mp3": "audio/mpeg", "m4b": "audio/mp4"}
#: Custom tags (ID3 TXXX descriptions, MP4 freeform names): what the feed needs to list it.
TAGS = ("guid", "published", "description", "duration", "key", "identity", "notes")
_MP4_FREEFORM = "----:com.briefing:"


@dataclass(frozen=True)
class Output:
    """The file a briefing is written to, and its format (decided once, here)."""

    path: Path
    format: Format

    @property
    def sidecars(self) -> tuple[Path, Path]:
        """(chapters JSON, WebVTT transcript) beside the audio."""
        return (
            self.path.with_name(self.path.stem + ".chapters.json"),
            self.path.with_name(self.path.stem + ".vtt"),
        )


def output_format(path: Path | None, wanted: str | None) -> Format:
    """The format of a run: as asked, else the file's suffix, else MP3."""
    suffix = path.suffix.lower() if path is not None else ""
    if path is not None and suffix not in FORMATS:
        raise ConfigError(
            f"{path}: cannot write '{suffix or 'no suffix'}' audio (use .mp3 or .m4b)"
        )
    if wanted is None:
        return FORMATS.get(suffix, "mp3")
    if wanted not in MIME:
        raise ConfigError(f"unknown format '{wanted}' (mp3 or m4b)")
    if path is not None and FORMATS[suffix] != wanted:
        raise ConfigError(f"{path} is not an .{wanted} file name")
    return wanted  # type: ignore[return-value]


def explicit_output(path: Path, wanted: str | None) -> Output:
    """The output a user named (`-o`): checked before any work, written through a symlink."""
    fmt = output_format(path, wanted)
    return Output(writable_target(path), fmt)


def named_output(folder: Path, title: str, date: dt.date, fmt: Format, identity: str) -> Output:
    """`DIR/<date>-<title>.<format>`, or `-2`, `-3`... when that name holds another briefing:
    a different briefing is never replaced; the same one re-rendered is."""
    slug = slugify(title)[:60].strip("-") or "briefing"
    for number in range(1, 1000):
        stem = f"{date.isoformat()}-{slug}" + (f"-{number}" if number > 1 else "")
        path = folder / f"{stem}.{fmt}"
        if not path.exists():
            return Output(writable_target(path), fmt)
        stored = read_episode(path)
        if stored is not None and stored.identity == identity:
            return Output(writable_target(path), fmt)
    raise ConfigError(f"{folder} holds a thousand briefings named {slug} for {date}")


# --- keys ------------------------------------------------------------------------------------


def fingerprint(*parts: Any) -> str:
    """A stable hash of values made of dataclasses, paths, dates and plain data."""

    def plain(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, Mapping):
            return {str(k): plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, (str, int, float, bool)) or value is None:
            return value
        return str(value)

    text = json.dumps([__version__, *map(plain, parts)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def identity_of(sources: Iterable[str]) -> str:
    """Which briefing this is: the same sources are the same briefing, whatever they say now."""
    return fingerprint(sorted(sources))[:32]


# --- tags: written and read here, for both formats -------------------------------------------


@dataclass(frozen=True)
class Tags:
    """Everything an episode's file says about it."""

    title: str
    show: str
    author: str
    date: dt.date
    chapters: tuple[TimedChapter, ...]
    duration: float
    guid: str
    published: dt.datetime
    key: str
    identity: str
    description: str = ""
    sources: tuple[str, ...] = ()
    notes: tuple[StoryNote, ...] = ()
    cover: bytes | None = None

    def custom(self) -> dict[str, str]:
        """The values of TAGS, as text."""
        return {
            "guid": self.guid,
            "published": self.published.isoformat(timespec="seconds"),
            "description": self.description,
            "duration": f"{self.duration:.3f}",
            "key": self.key,
            "identity": self.identity,
            "notes": json.dumps([dataclasses.asdict(n) for n in self.notes], ensure_ascii=False),
        }

    @property
    def comment(self) -> str:
        return " ".join(s for s in self.sources if is_url(s))


def write_tags(path: Path, fmt: Format, tags: Tags) -> None:
    """Tag an encoded file: ID3v2.3 with ordered CHAP/CTOC for MP3, iTunes atoms for M4B
    (whose chapters the encoder wrote)."""
    try:
        if fmt == "mp3":
            _write_id3(path, tags)
        else:
            _write_mp4(path, tags)
    except OSError as exc:
        raise AssembleError(f"cannot tag {path.name}: {exc.strerror or exc}") from None


def _write_id3(path: Path, tags: Tags) -> None:
    from mutagen.id3 import APIC, COMM, TALB, TCON, TDRC, TIT2, TPE1, TXXX

    frames = _OrderedID3()
    frames.add(TIT2(encoding=3, text=[tags.title]))
    frames.add(TPE1(encoding=3, text=[tags.author]))
    frames.add(TALB(encoding=3, text=[tags.show]))
    frames.add(TDRC(encoding=3, text=[tags.date.isoformat()]))
    frames.add(TCON(encoding=3, text=["Podcast"]))
    if tags.comment:
        frames.add(COMM(encoding=3, lang="eng", desc="", text=[tags.comment]))
    for name, value in tags.custom().items():
        frames.add(TXXX(encoding=3, desc=f"briefing:{name}", text=[value]))
    for frame in _chapter_frames(tags.chapters):
        frames.add(frame)
    if tags.cover:
        mime = "image/png" if tags.cover.startswith(b"\x89PNG") else "image/jpeg"
        frames.add(APIC(encoding=3, mime=mime, type=3, desc="Cover", data=tags.cover))
    frames.save(str(path), v2_version=3)


#: A CTOC frame counts its entries in one byte.
ID3_MAX_CHAPTERS = 255


def id3_chapters(chapters: Sequence[TimedChapter]) -> list[TimedChapter]:
    """At most ID3_MAX_CHAPTERS chapters: beyond that, runs of neighbours are joined under
    the first one's title (the chapters JSON keeps every one)."""
    if len(chapters) <= ID3_MAX_CHAPTERS:
        return list(chapters)
    size = -(-len(chapters) // ID3_MAX_CHAPTERS)
    runs = [chapters[i : i + size] for i in range(0, len(chapters), size)]
    return [replace(run[0], end=run[-1].end) for run in runs]


def _chapter_frames(chapters: Sequence[TimedChapter]) -> list[Any]:
    """One CHAP frame per chapter (ms) and the top-level, ordered CTOC listing them."""
    from mutagen.id3 import CHAP, CTOC, TIT2, WXXX, CTOCFlags

    chapters = id3_chapters(chapters)
    ids = [f"chp{i}" for i in range(len(chapters))]
    frames: list[Any] = [
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text=["Chapters"])],
        )
    ]
    for element_id, chapter in zip(ids, chapters):
        sub: list[Any] = [TIT2(encoding=3, text=[chapter.title])]
        if chapter.url and is_url(chapter.url):
            sub.append(WXXX(encoding=3, desc="", url=chapter.url))
        frames.append(
            CHAP(
                element_id=element_id,
                start_time=int(round(chapter.start * 1000)),
                end_time=int(round(chapter.end * 1000)),
                start_offset=0xFFFFFFFF,
                end_offset=0xFFFFFFFF,
                sub_frames=sub,
            )
        )
    return frames


@lru_cache(maxsize=1)
def _ordered_id3_class() -> type:
    from mutagen.id3 import ID3
    from mutagen.id3._tags import save_frame  # no public hook for frame order

    class OrderedID3(ID3):  # type: ignore[misc]
        """mutagen sorts frames by size; players list CHAP frames in file order."""

        def _write(self, config):  # type: ignore[no-untyped-def]
            def rank(frame):  # type: ignore[no-untyped-def]
                order = {"CTOC": 1, "CHAP": 2, "APIC": 3}.get(frame.FrameID, 0)
                return (order, frame.start_time if order == 2 else 0)

            frames = sorted(self.values(), key=rank)
            return bytearray().join(save_frame(f, config=config) for f in frames)

    return OrderedID3


def _OrderedID3() -> Any:
    return _ordered_id3_class()()


def _write_mp4(path: Path, tags: Tags) -> None:
    from mutagen.mp4 import MP4, MP4Cover, MP4FreeForm

    audio = MP4(str(path))
    if audio.tags is None:
        audio.add_tags()
    assert audio.tags is not None
    audio.tags["\xa9nam"] = [tags.title]
    audio.tags["\xa9ART"] = [tags.author]
    audio.tags["\xa9alb"] = [tags.show]
    audio.tags["\xa9day"] = [tags.date.isoformat()]
    audio.tags["\xa9gen"] = ["Podcast"]
    audio.tags["stik"] = [2]  # audiobook
    if tags.comment:
        audio.tags["\xa9cmt"] = [tags.comment]
    for name, value in tags.custom().items():
        audio.tags[f"{_MP4_FREEFORM}{name}"] = [MP4FreeForm(value.encode("utf-8"))]
    if tags.cover:
        kind = MP4Cover.FORMAT_PNG if tags.cover.startswith(b"\x89PNG") else MP4Cover.FORMAT_JPEG
        audio.tags["covr"] = [MP4Cover(tags.cover, imageformat=kind)]
    audio.save()


def read_episode(path: Path) -> Episode | None:
    """The episode a file written by this tool holds; None for anything else. Odd or
    damaged values in a foreign file are read as absent, never raised."""
    fmt = FORMATS.get(path.suffix.lower())
    try:
        if fmt == "mp3":
            fields, chapters, length = _read_id3(path)
        elif fmt == "m4b":
            fields, chapters, length = _read_mp4(path)
        else:
            return None
        if fields is None:
            return None
        return _episode(path, fields, chapters, length)
    except Exception as exc:  # mutagen raises many types for foreign or damaged files
        log.debug("cannot read %s: %s", path, exc)
        return None


def _read_id3(path: Path) -> tuple[dict[str, str] | None, list[TimedChapter], float]:
    from mutagen.mp3 import MP3

    audio = MP3(str(path))
    tags = audio.tags
    if tags is None:
        return None, [], 0.0

    def text(frame_id: str) -> str:
        frame = tags.get(frame_id)
        return str(frame.text[0]) if frame is not None and getattr(frame, "text", None) else ""

    fields = {name: text(f"TXXX:briefing:{name}") for name in TAGS}
    fields["title"] = text("TIT2")
    fields["comment"] = next((str(f.text[0]) for f in tags.getall("COMM") if f.text), "")
    chapters = [
        TimedChapter(
            str(f.sub_frames["TIT2"].text[0]) if "TIT2" in f.sub_frames else f.element_id,
            f.start_time / 1000,
            f.end_time / 1000,
            f.sub_frames["WXXX:"].url if "WXXX:" in f.sub_frames else None,
        )
        for f in tags.getall("CHAP")
    ]
    return fields, sorted(chapters, key=lambda c: c.start), float(audio.info.length)


def _read_mp4(path: Path) -> tuple[dict[str, str] | None, list[TimedChapter], float]:
    from mutagen.mp4 import MP4

    audio = MP4(str(path))
    tags: Any = audio.tags or {}

    def text(name: str) -> str:
        values = tags.get(name) or []
        value = values[0] if values else ""
        return bytes(value).decode("utf-8", "replace") if isinstance(value, bytes) else str(value)

    fields = {name: text(f"{_MP4_FREEFORM}{name}") for name in TAGS}
    fields["title"] = text("\xa9nam")
    fields["comment"] = text("\xa9cmt")
    marks = list(audio.chapters or [])
    length = float(audio.info.length) if audio.info else 0.0
    chapters = [
        TimedChapter(str(c.title), c.start, marks[i + 1].start if i + 1 < len(marks) else length)
        for i, c in enumerate(marks)
    ]
    return fields, chapters, length


def _episode(
    path: Path, fields: dict[str, str], chapters: list[TimedChapter], length: float
) -> Episode:
    try:
        duration = float(fields["duration"])
    except ValueError:
        duration = math.nan
    if not math.isfinite(duration) or duration <= 0:
        duration = length
    try:
        published = dt.datetime.fromisoformat(fields["published"])
        if published.tzinfo is None:
            published = published.replace(tzinfo=dt.timezone.utc)
    except ValueError:
        published = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
    from .text import clean_line

    return Episode(
        path=path,
        title=clean_line(fields["title"]) or path.stem,
        duration=duration,
        chapters=tuple(replace(c, title=clean_line(c.title)) for c in chapters),
        description=fields["description"],
        sources=tuple(fields["comment"].split()),
        notes=_notes(fields["notes"]),
        guid=fields["guid"],
        published=published,
        key=fields["key"],
        identity=fields["identity"],
    )


def _notes(text: str) -> tuple[StoryNote, ...]:
    try:
        items = json.loads(text) if text else []
        return tuple(
            StoryNote(str(i["title"]), str(i.get("summary", "")), i.get("url") or None)
            for i in items
            if isinstance(i, dict) and "title" in i
        )
    except (ValueError, TypeError):
        return ()


def is_current(output: Output, key: str) -> Episode | None:
    """The episode at `output` when it was made from exactly `key` and its sidecars are there."""
    if not output.path.is_file():
        return None
    stored = read_episode(output.path)
    if stored is None or not key or stored.key != key:
        return None
    if not all(p.is_file() for p in output.sidecars):
        return None
    return stored


# --- what decides an episode, and whether it is made already ---------------------------------

#: Settings that change how a run works, never what it makes.
NOT_IN_KEYS = frozenset({"workers", "use_cache", "cache_dir", "output_dir", "fetch"})


def settings_of(config: Config) -> dict[str, Any]:
    return {
        f.name: getattr(config, f.name)
        for f in dataclasses.fields(config)
        if f.name not in NOT_IN_KEYS
    }


def episode_key(script: Script, config: Config, date: dt.date, fmt: Format) -> str:
    """What decides an episode's bytes: its script, its voices and its encoding."""
    return fingerprint(script.to_json(), settings_of(config), fmt, date)


def request_key(
    inputs: Sequence[str], config: Config, out: Path | None, date: dt.date, stdin: bytes | None
) -> str | None:
    """What decides a briefing before any stage runs: the inputs' bytes and every setting.

    None for URLs, whose content may change between runs, and for unreadable inputs (the
    stages report those properly).
    """
    if not inputs or any(is_url(source) for source in inputs):
        return None
    digest = hashlib.sha256(
        fingerprint(
            settings_of(config), config.output_dir.resolve(), out and out.resolve(), date
        ).encode("ascii")
    )
    for source in inputs:
        try:
            path = Path(source)
            if source != "-" and (
                not path.is_file() or path.stat().st_size > config.fetch.max_bytes
            ):
                return None
            data = (stdin or b"") if source == "-" else path.read_bytes()
        except OSError:
            return None
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _index_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / "briefings" / f"{key}.json"


def finished(cache_dir: Path, key: str | None) -> Episode | None:
    """The episode an identical earlier request wrote, if it is still there unchanged."""
    if key is None:
        return None
    try:
        record = json.loads(_index_path(cache_dir, key).read_text(encoding="utf-8"))
        path, stored_key = Path(record["path"]), record["key"]
        fmt = FORMATS[path.suffix.lower()]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return is_current(Output(path, fmt), str(stored_key))


def remember(cache_dir: Path, key: str | None, episode: Episode) -> None:
    """Note which episode a request made, so the same request later costs nothing."""
    if key is None:
        return
    from .files import atomic_write

    path = _index_path(cache_dir, key)
    record = {"path": str(episode.path.resolve()), "key": episode.key}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(record).encode("utf-8"), durable=False)
    except OSError as exc:
        log.debug("cannot record %s: %s", path, exc)


def new_tags(
    script: Script,
    profile: VoiceProfile,
    output: Output,
    date: dt.date,
    key: str,
    cover: bytes | None,
) -> Tags:
    """The tags of a new render: the same briefing re-rendered keeps its guid and first
    publication date; anything else is a new episode."""
    import uuid

    identity = identity_of(script.sources)
    previous = read_episode(output.path) if output.path.is_file() else None
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    same = previous is not None and previous.identity == identity and previous.guid
    return Tags(
        title=script.title,
        show=profile.show,
        author=profile.author,
        date=date,
        chapters=(),
        duration=0.0,
        guid=previous.guid if same and previous else str(uuid.uuid4()),
        published=(previous.published or now) if same and previous else now,
        key=key,
        identity=identity,
        description=script.description,
        sources=script.sources,
        notes=script.notes,
        cover=cover,
    )
