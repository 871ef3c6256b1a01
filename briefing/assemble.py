"""Assembly: a script's rendered lines into an episode on disk, as named steps per format.

MP3: lay out the timeline, encode at the loudness target, tag (ID3 with chapters), write the
chapters JSON and the WebVTT transcript. M4B: the same, with the chapters given to the encoder
and MP4 tags. Every file is written to a temp name and renamed together at the end.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import loudness as meter
from .config import VoiceProfile
from .episode import Output, Tags, write_tags
from .errors import AssembleError
from .ffmpeg import run_ffmpeg, run_ffmpeg_streaming
from .files import atomic_outputs
from .models import Audio, Episode, Script, TimedChapter
from .timeline import TimedLine, Timeline, build_timeline

log = logging.getLogger(__name__)
OUTPUT_RATE = 44100
TRUE_PEAK = -1.0


@dataclass(frozen=True)
class Assembly:
    """What the steps share: the inputs, the temp files, and what earlier steps made."""

    script: Script
    rendered: Sequence[Sequence[Audio]]
    profile: VoiceProfile
    output: Output
    tags: Tags
    bitrate: int
    loudness: float
    audio: Path  # temp files, renamed over the output's names at the end
    chapters_file: Path
    transcript: Path
    timeline: Timeline | None = None


Step = Callable[[Assembly], Assembly]


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
        brand = ["-brand", "M4B "]  # an audiobook: players remember the position
        return [
            *source,
            *mapping,
            *codec,
            "-movflags",
            "+faststart",
            *brand,
            "-f",
            "ipod",
            str(path),
        ]
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
    rate: int,
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
    # True peaks show between samples: measured at least twice oversampled.
    analysis = meter.analyse(samples, rate, factor=max(2, round(OUTPUT_RATE / rate)))
    # Starting points measured on Piper speech at 64 kbit/s: the encoder loses about 0.3
    # LU and its peaks overshoot the limiter by 0.5 to 1.5 dB.
    aim, peak_limit = target + 0.35, TRUE_PEAK - 2.5
    for _ in range(3):
        plan = meter.solve(analysis, aim, peak_limit)
        chunks = meter.render(samples, rate, plan, peak_limit)
        args = _encoder_args(path, bitrate, rate, metadata)
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


# --- chapters and transcript -----------------------------------------------------------------


def timed_chapters(script: Script, timeline: Timeline, duration: float) -> tuple[TimedChapter, ...]:
    starts = [
        0.0 if c.first_cue == 0 else timeline.cue_starts[c.first_cue] for c in script.chapters
    ]
    return tuple(
        TimedChapter(c.title, start, starts[i + 1] if i + 1 < len(starts) else duration, c.url)
        for i, (c, start) in enumerate(zip(script.chapters, starts))
    )


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


# --- the steps -------------------------------------------------------------------------------


def lay_out(job: Assembly) -> Assembly:
    timeline = build_timeline(job.script, job.rendered, job.profile)
    chapters = timed_chapters(job.script, timeline, timeline.duration)
    tags = replace(job.tags, chapters=chapters, duration=timeline.duration)
    return replace(job, timeline=timeline, tags=tags, rendered=())


def _timeline(job: Assembly) -> Timeline:
    assert job.timeline is not None, "lay_out runs first"
    return job.timeline


def encode_mp3(job: Assembly) -> Assembly:
    timeline = _timeline(job)
    encode_normalized(
        timeline.pcm, job.audio, rate=timeline.rate, bitrate=job.bitrate, target=job.loudness
    )
    return job


def encode_m4b(job: Assembly) -> Assembly:
    # The chapters go in through an ffmetadata file, in the chapters file's temp name.
    job.chapters_file.write_text(ffmetadata({}, job.tags.chapters), encoding="utf-8")
    timeline = _timeline(job)
    encode_normalized(
        timeline.pcm,
        job.audio,
        rate=timeline.rate,
        bitrate=job.bitrate,
        target=job.loudness,
        metadata=job.chapters_file,
    )
    return job


def tag(job: Assembly) -> Assembly:
    write_tags(job.audio, job.output.format, job.tags)
    return job


def write_chapters(job: Assembly) -> Assembly:
    job.chapters_file.write_text(chapters_json(job.tags.chapters), encoding="utf-8")
    return job


def write_transcript(job: Assembly) -> Assembly:
    assert job.timeline is not None, "lay_out runs first"
    job.transcript.write_text(webvtt(job.timeline.lines), encoding="utf-8")
    return replace(job, timeline=None)


STEPS: dict[str, tuple[Step, ...]] = {
    "mp3": (lay_out, encode_mp3, tag, write_chapters, write_transcript),
    "m4b": (lay_out, encode_m4b, tag, write_chapters, write_transcript),
}


def assemble(
    script: Script,
    rendered: Sequence[Sequence[Audio]],
    profile: VoiceProfile,
    output: Output,
    tags: Tags,
    *,
    bitrate: int = 64,
    loudness: float = -16.0,
) -> Episode:
    """Write the episode and its sidecar files for a rendered script, all or nothing."""
    chapters_path, transcript_path = output.sidecars
    try:
        with atomic_outputs([output.path, chapters_path, transcript_path]) as temps:
            audio, chapters, transcript = temps
            job = Assembly(
                script,
                rendered,
                profile,
                output,
                tags,
                bitrate,
                loudness,
                audio,
                chapters,
                transcript,
            )
            for step in STEPS[output.format]:
                log.debug("assembly step %s", step.__name__)
                job = step(job)
    except OSError as exc:
        raise AssembleError(f"cannot write {output.path}: {exc.strerror or exc}") from None
    done = job.tags
    return Episode(
        path=output.path,
        title=done.title,
        duration=done.duration,
        chapters=done.chapters,
        description=done.description,
        sources=tuple(s for s in done.sources if done.comment and s in done.comment.split()),
        notes=done.notes,
        guid=done.guid,
        published=done.published,
        key=done.key,
        identity=done.identity,
    )
