"""Is it understood? An ASR round trip (PocketSphinx's en-US model) per voice profile.

Usage: python benchmarks/asr_bench.py [--profiles default piper] [--json OUT] [FILE...]

For each input (the repository's own example articles by default) and profile, the briefing is
rendered, each chapter transcribed, and the word error rate taken against the script's spoken
text. The same lines synthesized by the raw engine alone (no stitching, loudness or MP3) give
the engine's own figure; the opening date line is scored on its own. PocketSphinx is a weak
recognizer: compare voices and settings with it, not the absolute figures with other tools.
Targets for the default voices: WER <= 0.15, and within 0.02 of the raw engine.
"""

from __future__ import annotations

import argparse
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
]


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
    """(errors, words) of the rendered briefing, per chapter, and of its date line."""
    from briefing.config import Config, load_profile
    from briefing.pipeline import make, plan

    config = Config(profile=load_profile(profile), output_dir=tmp, cache_dir=tmp / "cache")
    script = plan([str(source)], config)
    episode = make([str(source)], config, tmp / f"{source.stem}-{profile}.mp3")
    total_e = total_n = 0
    for number, chapter in enumerate(episode.chapters):
        reference = words(" ".join(c.spoken for c in script.cues if c.chapter == number))
        heard = transcribe(decode16k(episode.path, chapter.start, chapter.end))
        total_e += errors(reference, heard)
        total_n += len(reference)
    # The date line on its own (the chime before it is no speech, and ends before it).
    intro = words(script.cues[0].lines[0].spoken)
    start, end = _line_times(episode.transcript_path)[:2]
    heard = transcribe(decode16k(episode.path, max(0.0, start - 0.1), end))
    return {
        "errors": total_e,
        "words": total_n,
        "date_errors": errors(intro, heard),
        "date_words": len(intro),
    }


def _line_times(vtt: Path) -> list[float]:
    """The start of the transcript's first line and of every later one."""
    times = re.findall(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) -->", vtt.read_text(), re.M)
    return [int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000 for h, m, s, ms in times]


def raw(source: Path, profile: str) -> dict[str, float]:
    """(errors, words) of the script's lines spoken by each role's engine alone."""
    from briefing.config import Config, load_profile
    from briefing.pipeline import plan
    from briefing.speech import get_engine

    config = Config(profile=load_profile(profile))
    script = plan([str(source)], config)
    total_e = total_n = 0
    for cue in script.cues:
        role = config.profile.role(cue.voice)
        engine = get_engine(role.engine)
        for line in cue.lines:
            audio = engine.synthesize(line.spoken, role)
            silence = b"\x00\x00" * (audio.sample_rate // 4)
            heard = transcribe(to16k(silence + audio.pcm + silence, audio.sample_rate))
            reference = words(line.spoken)
            total_e += errors(reference, heard)
            total_n += len(reference)
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
