"""Stitch rendered cues into an MP3 with ID3 chapters, a chapters JSON and a WebVTT transcript."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import uuid
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

with warnings.catch_warnings():
    # pydub looks for ffmpeg on PATH at import; the binary comes from imageio-ffmpeg instead.
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

from . import loudness as meter
from .audio import run_ffmpeg, run_ffmpeg_streaming
from .config import JINGLE_SECONDS, VoiceProfile
from .episodes import (
    DESCRIPTION_TAG,
    DURATION_TAG,
    GUID_TAG,
    KEY_TAG,
    PUBLISHED_TAG,
    sidecar_paths,
)
from .errors import AssembleError
from .files import atomic_outputs
from .models import Audio, Episode, Script, TimedChapter

log = logging.getLogger(__name__)
SAMPLE_RATE = 22050
OUTPUT_RATE = 44100
FADE_MS = 6
#: Keep this much of a sentence's own silence so consonants are not clipped.
EDGE_MS = 40
TRUE_PEAK = -1.0


@dataclass(frozen=True)
class TimedLine:
    text: str
    start: float
    end: float
    speaker: str | None


@dataclass(frozen=True)
class Timeline:
    """The stitched audio and where each cue and line falls in it."""

    pcm: bytes | bytearray
    cue_starts: tuple[float, ...]
    lines: tuple[TimedLine, ...]

    @property
    def duration(self) -> float:
        return len(self.pcm) / 2 / SAMPLE_RATE


def _segment(audio: Audio) -> AudioSegment:
    seg = AudioSegment(data=audio.pcm, sample_width=2, frame_rate=audio.sample_rate, channels=1)
    if audio.sample_rate != SAMPLE_RATE:
        seg = seg.set_frame_rate(SAMPLE_RATE)
    return seg


def _trim(seg: AudioSegment) -> AudioSegment:
    """Cut a sentence's leading and trailing silence down to EDGE_MS, with short fades."""
    if len(seg) == 0:
        return seg
    threshold = min(-50.0, seg.max_dBFS - 45) if seg.max_dBFS != float("-inf") else -50.0
    lead = max(0, detect_leading_silence(seg, threshold) - EDGE_MS)
    tail = max(0, detect_leading_silence(seg.reverse(), threshold) - EDGE_MS)
    seg = seg[lead : len(seg) - tail]
    return seg.fade_in(min(FADE_MS, len(seg) // 4)).fade_out(min(FADE_MS, len(seg) // 4))


def _silence(seconds: float) -> bytes:
    return b"\x00\x00" * int(round(seconds * SAMPLE_RATE))


def build_timeline(
    script: Script, rendered: Sequence[Sequence[Audio]], profile: VoiceProfile
) -> Timeline:
    """Join every line with pauses by role (longer at a new chapter), tracking exact times."""
    parts: list[bytes] = []
    samples = 0
    cue_starts: list[float] = []
    lines: list[TimedLine] = []
    previous_after = 0.0
    if profile.jingle:
        parts.append(jingle())
        samples += len(parts[-1]) // 2
        previous_after = profile.chapter_pause / 2
    for index, (cue, audios) in enumerate(zip(script.cues, rendered)):
        role = profile.role(cue.voice)
        if index or profile.jingle:
            gap = max(previous_after, role.pause_before)
            if cue.chapter != script.cues[index - 1].chapter:
                gap = max(gap, profile.chapter_pause)
            parts.append(_silence(gap))
            samples += len(parts[-1]) // 2
        cue_starts.append(samples / SAMPLE_RATE)
        for n, (line, audio) in enumerate(zip(cue.lines, audios)):
            if n:
                parts.append(_silence(profile.sentence_pause))
                samples += len(parts[-1]) // 2
            data = _trim(_segment(audio)).raw_data if audio.pcm else b""
            start = samples / SAMPLE_RATE
            parts.append(data)
            samples += len(data) // 2
            lines.append(TimedLine(line.text, start, samples / SAMPLE_RATE, cue.speaker))
        previous_after = role.pause_after
    parts.append(_silence(previous_after))
    if profile.jingle:
        parts.append(jingle(reverse=True))
    pcm = bytearray().join(parts)
    del parts
    if profile.music_bed and len(script.cues) > 1:
        add_music_bed(pcm, 0.0, cue_starts[1])
    return Timeline(pcm, tuple(cue_starts), tuple(lines))


def add_music_bed(pcm: bytearray, start: float, end: float, level_db: float = -30.0) -> None:
    """Mix a soft generated chord, fading in and out, under START..END (in place)."""
    import numpy as np

    lo, hi = int(start * SAMPLE_RATE), min(len(pcm) // 2, int(end * SAMPLE_RATE))
    if hi - lo < SAMPLE_RATE // 2:
        return
    t = np.arange(hi - lo, dtype=np.float32) / SAMPLE_RATE
    chord = sum(np.sin(2 * np.pi * f * t) for f in (130.81, 196.0, 261.63, 329.63)) / 4
    fade = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.8)
    region = np.frombuffer(pcm, dtype="<i2", count=hi - lo, offset=2 * lo)
    mixed = region.astype(np.float32) + chord * fade * 32767 * 10 ** (level_db / 20)
    region[:] = np.clip(mixed, -32768, 32767).astype("<i2")


def jingle(reverse: bool = False) -> bytes:
    """A short three-note chime (generated, so no audio file ships with the tool)."""
    import numpy as np

    notes = [523.25, 659.25, 783.99]  # C5, E5, G5
    if reverse:
        notes = notes[::-1]
    rate, length = SAMPLE_RATE, JINGLE_SECONDS / 3
    t = np.arange(int(rate * length)) / rate
    tones = []
    for n, freq in enumerate(notes):
        decay = np.exp(-t * (6 if n < 2 else 3))
        tone = (np.sin(2 * np.pi * freq * t) + 0.3 * np.sin(4 * np.pi * freq * t)) * decay
        tones.append(tone * np.minimum(1, t / 0.005))
    wave = np.concatenate(tones) * 0.35
    return (wave * 32767).astype("<i2").tobytes()


# --- loudness and encoding -------------------------------------------------------------------


def _encoder_args(path: Path, bitrate: int, rate: int, metadata: Path | None = None) -> list[str]:
    """MP3 (tags added later by mutagen), or an M4B audiobook when `metadata` is given."""
    source = ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]
    if metadata is not None:
        # Titles and chapters come from an ffmetadata file; AAC in an iPod-style MP4.
        codec = ["-ar", str(OUTPUT_RATE), "-ac", "1", "-c:a", "aac", "-b:a", f"{bitrate}k"]
        mapping = [
            "-f",
            "ffmetadata",
            "-i",
            str(metadata),
            "-map",
            "0:a",
            "-map_metadata",
            "1",
            "-map_chapters",
            "1",
        ]
        return [*source, *mapping, *codec, "-movflags", "+faststart", "-f", "ipod", str(path)]
    codec = ["-ar", str(OUTPUT_RATE), "-ac", "1", "-c:a", "libmp3lame", "-b:a", f"{bitrate}k"]
    # Tags are written afterwards by mutagen, with chapters in time order. The same frames go
    # to the file and to stdout, where the loudness meter reads them while they are encoded.
    mp3 = "f=mp3:id3v2_version=0:write_xing"
    tee = f"[{mp3}=1]file:{_tee_escape(str(path))}|[{mp3}=0]pipe:1"
    return [*source, *codec, "-map", "0:a", "-map_metadata", "-1", "-f", "tee", tee]


def _tee_escape(path: str) -> str:
    """A path as ffmpeg's tee muxer reads it: backslash before its quote and separator."""
    return re.sub(r"([\\'|\s])", r"\\\1", path)


def ffmetadata(tags: Mapping[str, str], chapters: Sequence[TimedChapter]) -> str:
    """ffmpeg's metadata file: global tags, then one [CHAPTER] per chapter (ms)."""

    def escape(value: str) -> str:
        return re.sub(r"([=;#\\\n])", r"\\\1", " ".join(value.split()))

    lines = [";FFMETADATA1", *(f"{k}={escape(v)}" for k, v in tags.items())]
    for chapter in chapters:
        lines += [
            "",
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={round(chapter.start * 1000)}",
            f"END={round(chapter.end * 1000)}",
            f"title={escape(chapter.title)}",
        ]
    return "\n".join(lines) + "\n"


METER = ["-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"]


def measure_file(path: Path) -> tuple[float, float]:
    """(integrated loudness LUFS, true peak dBTP) of an encoded file, by ffmpeg's R128 meter."""
    result = run_ffmpeg(["-i", str(path), *METER])
    return meter_reading(result.stderr.decode("utf-8", "replace"))


def meter_reading(log: str) -> tuple[float, float]:
    """(LUFS, dBTP) from the summary the ebur128 filter logs."""
    text = log[log.rfind("Summary:") :]
    loud = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", text)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", text)
    if not loud or not peak:
        raise AssembleError("ffmpeg's loudness meter gave no reading")
    return float(loud.group(1)), float(peak.group(1))


def encode_normalized(
    pcm: bytes | bytearray,
    path: Path,
    *,
    bitrate: int,
    target: float,
    metadata: Path | None = None,
) -> None:
    """Encode at `target` LUFS with true peaks at most TRUE_PEAK, checked on the MP3 itself.

    The limiter works on peaks at the output rate, between the voice's own samples. The
    encoder still shifts loudness and peaks a little; when the check on the file misses,
    gain and ceiling are corrected by what was measured and the audio encoded once more.
    """
    samples = meter.pcm_samples(pcm)
    analysis = meter.analyse(samples, SAMPLE_RATE, factor=OUTPUT_RATE // SAMPLE_RATE)
    # Starting points measured on Piper speech at 64 kbit/s: the encoder loses about 0.3
    # LU and its peaks overshoot the limiter by 0.5 to 1.5 dB.
    aim, peak_limit = target + 0.35, TRUE_PEAK - 2.5
    for _ in range(3):
        plan = meter.solve(analysis, aim, peak_limit)
        chunks = meter.render(samples, SAMPLE_RATE, plan, peak_limit)
        args = _encoder_args(path, bitrate, SAMPLE_RATE, metadata)
        if metadata is None:
            log_text = run_ffmpeg_streaming(
                args, chunks, then=["-f", "mp3", "-i", "pipe:0", *METER]
            )
            measured, peak = meter_reading(log_text)
        else:
            run_ffmpeg_streaming(args, chunks)
            measured, peak = measure_file(path)
        log.debug("encoded at %.1f LUFS, %.1f dBTP", measured, peak)
        if measured == float("-inf") or (abs(measured - target) <= 0.5 and peak <= TRUE_PEAK):
            return
        aim += target - measured
        if peak > TRUE_PEAK:
            peak_limit -= peak - TRUE_PEAK + 0.3


# --- tags, chapters and transcript -----------------------------------------------------------


def write_tags(
    path: Path,
    *,
    title: str,
    artist: str,
    album: str,
    date: dt.date,
    comment: str,
    chapters: Sequence[TimedChapter],
    cover: bytes | None = None,
    extra: Mapping[str, str] | None = None,
) -> None:
    """ID3v2.3 tags with CHAP frames and one ordered top-level CTOC, in time order.

    `extra` goes into TXXX frames (the feed reads the episode's guid and summary from them).
    """
    from mutagen.id3 import (
        APIC,
        CHAP,
        COMM,
        CTOC,
        TALB,
        TCON,
        TDRC,
        TIT2,
        TPE1,
        TXXX,
        WXXX,
        CTOCFlags,
    )

    tags = _OrderedID3()
    tags.add(TIT2(encoding=3, text=[title]))
    tags.add(TPE1(encoding=3, text=[artist]))
    tags.add(TALB(encoding=3, text=[album]))
    tags.add(TDRC(encoding=3, text=[date.isoformat()]))
    tags.add(TCON(encoding=3, text=["Podcast"]))
    if comment:
        tags.add(COMM(encoding=3, lang="eng", desc="", text=[comment]))
    for desc, value in (extra or {}).items():
        tags.add(TXXX(encoding=3, desc=desc, text=[value]))
    ids = [f"chp{i}" for i in range(len(chapters))]
    tags.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text=["Chapters"])],
        )
    )
    for element_id, chapter in zip(ids, chapters):
        sub: list[Any] = [TIT2(encoding=3, text=[chapter.title])]
        if chapter.url:
            sub.append(WXXX(encoding=3, desc="", url=chapter.url))
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=int(round(chapter.start * 1000)),
                end_time=int(round(chapter.end * 1000)),
                start_offset=0xFFFFFFFF,
                end_offset=0xFFFFFFFF,
                sub_frames=sub,
            )
        )
    if cover:
        mime = "image/png" if cover.startswith(b"\x89PNG") else "image/jpeg"
        tags.add(APIC(encoding=3, mime=mime, type=3, desc="Cover", data=cover))
    tags.save(str(path), v2_version=3)


@lru_cache(maxsize=1)
def _ordered_id3_class() -> type:
    from mutagen.id3 import ID3
    from mutagen.id3._tags import save_frame  # no public hook for frame order

    class OrderedID3(ID3):  # type: ignore[misc]
        """mutagen sorts frames by size; players list CHAP frames in file order."""

        def _write(self, config):  # type: ignore[no-untyped-def]
            def rank(frame):  # type: ignore[no-untyped-def]
                kind = frame.FrameID
                if kind == "CTOC":
                    return (1, 0)
                if kind == "CHAP":
                    return (2, frame.start_time)
                if kind == "APIC":
                    return (3, 0)
                return (0, 0)

            frames = sorted(self.values(), key=rank)
            return bytearray().join(save_frame(f, config=config) for f in frames)

    return OrderedID3


def _OrderedID3():  # type: ignore[no-untyped-def]
    return _ordered_id3_class()()


def chapters_json(chapters: Sequence[TimedChapter]) -> str:
    items = []
    for chapter in chapters:
        item: dict[str, object] = {"startTime": round(chapter.start, 3), "title": chapter.title}
        item["endTime"] = round(chapter.end, 3)
        if chapter.url and chapter.url.startswith(("http://", "https://")):
            item["url"] = chapter.url
        items.append(item)
    return json.dumps({"version": "1.2.0", "chapters": items}, ensure_ascii=False, indent=2) + "\n"


def _vtt_time(seconds: float) -> str:
    ms = int(round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-->", "→")


def webvtt(lines: Sequence[TimedLine]) -> str:
    out = ["WEBVTT", ""]
    for n, line in enumerate(lines, 1):
        if line.end <= line.start:
            continue
        text = _vtt_escape(" ".join(line.text.split()))
        if line.speaker:
            text = f"<v {_vtt_escape(line.speaker)}>{text}"
        out += [str(n), f"{_vtt_time(line.start)} --> {_vtt_time(line.end)}", text, ""]
    return "\n".join(out)


# --- the whole step --------------------------------------------------------------------------


def timed_chapters(script: Script, timeline: Timeline, duration: float) -> tuple[TimedChapter, ...]:
    starts = [
        0.0 if c.first_cue == 0 else timeline.cue_starts[c.first_cue] for c in script.chapters
    ]
    return tuple(
        TimedChapter(c.title, start, starts[i + 1] if i + 1 < len(starts) else duration, c.url)
        for i, (c, start) in enumerate(zip(script.chapters, starts))
    )


def assemble(
    script: Script,
    rendered: Sequence[Sequence[Audio]],
    profile: VoiceProfile,
    out: Path,
    *,
    bitrate: int = 64,
    loudness: float = -16.0,
    date: dt.date | None = None,
    cover: bytes | None = None,
    key: str = "",
) -> Episode:
    """Write OUT.mp3 (or OUT.m4b), OUT.chapters.json and OUT.vtt for a script, atomically.

    `key` identifies what was rendered; `read_episode` returns it so a re-run can skip work.
    """
    if out.exists() and out.is_dir():
        raise AssembleError(f"{out} is a folder; give a file name ending in .mp3")
    timeline = build_timeline(script, rendered, profile)
    chapters_path, vtt_path = sidecar_paths(out)
    date = date or dt.date.today()
    # The LAME header (and MP4's edit list) tell decoders to trim the encoder's delay and
    # padding, so the file plays exactly as many samples as the timeline holds.
    duration = timeline.duration
    chapters = timed_chapters(script, timeline, duration)
    try:
        with atomic_outputs([out, chapters_path, vtt_path]) as (tmp_audio, tmp_json, tmp_vtt):
            if out.suffix.lower() == ".m4b":
                tags = {
                    "title": script.title,
                    "artist": profile.author,
                    "album": profile.show,
                    "genre": "Podcast",
                    "date": date.isoformat(),
                    "comment": " ".join(script.sources),
                }
                tmp_json.write_text(ffmetadata(tags, chapters), encoding="utf-8")
                encode_normalized(
                    timeline.pcm, tmp_audio, bitrate=bitrate, target=loudness, metadata=tmp_json
                )
            else:
                encode_normalized(timeline.pcm, tmp_audio, bitrate=bitrate, target=loudness)
                write_tags(
                    tmp_audio,
                    title=script.title,
                    artist=profile.author,
                    album=profile.show,
                    date=date,
                    comment=" ".join(script.sources),
                    chapters=chapters,
                    cover=cover,
                    extra={
                        GUID_TAG: str(uuid.uuid4()),
                        PUBLISHED_TAG: dt.datetime.now(dt.timezone.utc).isoformat(
                            timespec="seconds"
                        ),
                        DESCRIPTION_TAG: script.description,
                        DURATION_TAG: f"{duration:.3f}",
                        KEY_TAG: key,
                    },
                )
            tmp_json.write_text(chapters_json(chapters), encoding="utf-8")
            tmp_vtt.write_text(webvtt(timeline.lines), encoding="utf-8")
    except OSError as exc:
        raise AssembleError(f"cannot write {out}: {exc.strerror or exc}") from None
    return Episode(
        path=out,
        title=script.title,
        duration=duration,
        chapters=chapters,
        chapters_path=chapters_path,
        transcript_path=vtt_path,
        description=script.description,
        sources=script.sources,
    )
