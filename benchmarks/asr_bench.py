"""Is it understood? An ASR round trip (PocketSphinx's en-US model) per voice profile.

Usage: python benchmarks/asr_bench.py [--profiles default piper] [--json OUT] [FILE...]

For each input (the repository's own example articles by default) and profile, the briefing is
rendered, each chapter transcribed, and the word error rate taken against the script's spoken
text. The raw engine's figure comes from the same lines synthesized by the engine alone and
joined with the same pauses (no trimming, levels, chime or MP3), transcribed per chapter too:
PocketSphinx hears a chapter as a few long utterances and a lone sentence as one, so only the
same cut compares what the product adds. The opening date line is scored on its own, on
dates across a year (how a date is said varies with it). Briefings are dated DATE, so figures
compare across runs. PocketSphinx is a weak recognizer: compare voices and settings with it,
not the absolute figures with other tools.
Targets for the default voices: WER <= 0.15, and within 0.02 of the raw engine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [
    ROOT / "examples" / "nato_ukraine.txt",
    ROOT / "tests" / "data" / "harbor.txt",
    ROOT / "tests" / "data" / "rail.md",
    *sorted((ROOT / "benchmarks" / "pages" / "html").glob("*.html")),
]
DATE = dt.date(2026, 11, 28)  # the day of the first measurement
#: The date line's dates: every month, every weekday, days from first to thirty-first.
DATE_LINES = [dt.date(2026, month, 1 + (month * 9) % 31) for month in range(1, 13)]
#: Silence around what is transcribed (PocketSphinx finds speech against it).
PAD = 0.25


def words(text: str) -> list[str]:
    return re.sub(r"[^a-z' ]", " ", text.lower().replace("-", " ")).split()


def transcribe(pcm16k: bytes) -> list[str]:
    from pocketsphinx import Decoder, Segmenter

    decoder = Decoder(samprate=16000)
    heard: list[str] = []
    for speech in Segmenter(sample_rate=16000).segment(io.BytesIO(pcm16k)):
        decoder.start_utt()
        decoder.process_raw(speech.pcm, full_utt=True)
        decoder.end_utt()
        if decoder.hyp():
            heard += words(decoder.hyp().hypstr)
    return heard


def errors(reference: list[str], heard: list[str]) -> int:
    import jiwer

    if not reference:
        return 0
    m = jiwer.process_words(" ".join(reference), " ".join(heard) or "-")
    return int(m.substitutions + m.deletions + m.insertions)


def decode16k(path: Path, start: float, end: float) -> bytes:
    from briefing.ffmpeg import run_ffmpeg

    args = ["-ss", f"{start:.3f}", "-to", f"{end:.3f}", "-i", str(path)]
    return run_ffmpeg([*args, "-ac", "1", "-ar", "16000", "-f", "s16le", "pipe:1"]).stdout


def to16k(pcm: bytes, rate: int) -> bytes:
    from briefing.ffmpeg import run_ffmpeg

    source = ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]
    return run_ffmpeg([*source, "-ar", "16000", "-f", "s16le", "pipe:1"], pcm).stdout


def product(source: Path, profile: str, tmp: Path) -> dict[str, float]:
    """(errors, words) of the rendered briefing, per chapter."""
    from briefing.pipeline import make, plan

    config = _config(profile, tmp)
    script = plan([str(source)], config, date=DATE)
    episode = make([str(source)], config, tmp / f"{source.stem}-{profile}.mp3", date=DATE)
    total_e = total_n = 0
    for number, chapter in enumerate(episode.chapters):
        reference = words(" ".join(c.spoken for c in script.cues if c.chapter == number))
        # A chapter starts at its first word; the pause before it is heard too.
        heard = transcribe(decode16k(episode.path, max(0.0, chapter.start - PAD), chapter.end))
        total_e += errors(reference, heard)
        total_n += len(reference)
    return {"errors": total_e, "words": total_n}


def date_lines(source: Path, profile: str, tmp: Path) -> dict[str, float]:
    """(errors, words) of the opening date line, rendered on each of DATE_LINES."""
    from briefing.pipeline import make, plan

    config = _config(profile, tmp)
    total_e = total_n = 0
    for date in DATE_LINES:
        intro = words(plan([str(source)], config, date=date).cues[0].lines[0].spoken)
        episode = make([str(source)], config, tmp / f"date-{date}-{profile}.mp3", date=date)
        start, end = _line_times(episode.transcript_path)[:2]
        heard = transcribe(decode16k(episode.path, max(0.0, start - 0.1), end))
        total_e += errors(intro, heard)
        total_n += len(intro)
    return {"date_errors": total_e, "date_words": total_n}


def _config(profile: str, tmp: Path):  # type: ignore[no-untyped-def]
    from briefing.config import Config, load_profile

    return Config(profile=load_profile(profile), output_dir=tmp, cache_dir=tmp / "cache")


def _line_times(vtt: Path) -> list[float]:
    """The start of the transcript's first line and of every later one."""
    times = re.findall(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) -->", vtt.read_text(), re.M)
    return [int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000 for h, m, s, ms in times]


def raw(source: Path, profile: str) -> dict[str, float]:
    """(errors, words) of the script's lines spoken by each role's engine alone, joined per
    chapter with the script's pauses between them."""
    from briefing import timing
    from briefing.config import Config, load_profile
    from briefing.pipeline import plan
    from briefing.speech import get_engine

    config = Config(profile=load_profile(profile))
    profile_ = config.profile
    script = plan([str(source)], config, date=DATE)

    def silence(seconds: float) -> bytes:
        return b"\x00\x00" * round(16000 * seconds)

    chapters: dict[int, list[bytes]] = {}
    references: dict[int, list[str]] = {}
    for index, cue in enumerate(script.cues):
        role = profile_.role(cue.voice)
        engine = get_engine(role.engine)
        parts = chapters.setdefault(cue.chapter, [])
        if parts:
            parts.append(silence(timing.pause_before(script.cues, index, profile_)))
        for n, line in enumerate(cue.lines):
            if n:
                parts.append(silence(profile_.sentence_pause))
            audio = engine.synthesize(line.spoken, role)
            parts.append(to16k(audio.pcm, audio.sample_rate))
        references.setdefault(cue.chapter, []).extend(words(cue.spoken))
    total_e = total_n = 0
    for chapter, parts in chapters.items():
        pad = silence(PAD)
        heard = transcribe(pad + b"".join(parts) + pad)
        total_e += errors(references[chapter], heard)
        total_n += len(references[chapter])
    return {"errors": total_e, "words": total_n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=INPUTS)
    parser.add_argument("--profiles", nargs="+", default=["default", "piper"])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    try:
        import jiwer  # noqa: F401
        import pocketsphinx  # noqa: F401
    except ImportError:
        print("skipped: needs pocketsphinx and jiwer (pip install -e '.[dev]')")
        return
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as name:
        for profile in args.profiles:
            sums = {"errors": 0.0, "words": 0.0, "date_errors": 0.0, "date_words": 0.0}
            raws = {"errors": 0.0, "words": 0.0}
            for source in args.inputs:
                for key, value in product(source, profile, Path(name)).items():
                    sums[key] += value
                for key, value in raw(source, profile).items():
                    raws[key] += value
            for key, value in date_lines(args.inputs[0], profile, Path(name)).items():
                sums[key] += value
            results[profile] = {
                "wer": round(sums["errors"] / max(sums["words"], 1), 3),
                "raw_engine_wer": round(raws["errors"] / max(raws["words"], 1), 3),
                "date_line_wer": round(sums["date_errors"] / max(sums["date_words"], 1), 3),
                "words": sums["words"],
            }
            print(f"{profile}: {results[profile]}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    sys.exit(main())
