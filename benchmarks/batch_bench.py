"""Batch throughput on Dask: 8 briefings of dev-set articles, 1 worker vs 2, tone and Piper.

Usage: python benchmarks/batch_bench.py [DEV.jsonl] [--engines tone,piper]

Prints briefings per minute for each engine and worker count, the 2-vs-1 throughput ratio,
the scheduler's overhead per task (empty tasks through the same cluster), and briefings per
day per worker core.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.batch import Job, run_batch
from briefing.config import Budget, Config, load_profile

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news_dev.jsonl"
BRIEFINGS = 8


def _noop(x: int) -> int:
    return x


def scheduler_overhead(workers: int, tasks: int = 2000) -> float:
    """Seconds per task for empty tasks: what Dask adds to every chunk it runs."""
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.gather(client.map(_noop, range(100), pure=False))  # warm up
        start = time.perf_counter()
        client.gather(client.map(_noop, range(tasks), pure=False))
        return (time.perf_counter() - start) / tasks


def throughput(engine: str, workers: int, stories: list[Path], tmp: Path) -> float:
    """Briefings per minute for BRIEFINGS jobs of two stories each, cold caches."""
    from dask.distributed import LocalCluster

    profile = tmp / f"{engine}.toml"
    profile.write_text(
        "".join(f'[roles.{r}]\nengine = "{engine}"\n' for r in ("anchor", "narrator", "quote"))
    )
    jobs = [
        Job(
            f"b{n}",
            (str(stories[2 * n]), str(stories[2 * n + 1])),
            budget=Budget(sentences=3),
            voices=str(profile),
        )
        for n in range(BRIEFINGS)
    ]
    os.environ["BRIEFING_CACHE_DIR"] = str(tmp / f"cache-{engine}-{workers}")
    config = Config(profile=load_profile("default"), cache_dir=tmp / f"c-{engine}-{workers}")
    with LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        start = time.perf_counter()
        outcomes = run_batch(
            jobs, config, tmp / f"out-{engine}-{workers}", scheduler=cluster.scheduler_address
        )
        seconds = time.perf_counter() - start
    failed = [o for o in outcomes if o.error]
    if failed:
        raise SystemExit(f"{failed[0].job.name}: {failed[0].error}")
    return BRIEFINGS / seconds * 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEV)
    parser.add_argument("--engines", default="tone,piper")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text().splitlines() if line]
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        stories = []
        for n, row in enumerate(rows[: 2 * BRIEFINGS]):
            path = tmp / f"story{n}.txt"
            path.write_text(row["article"])
            stories.append(path)
        for engine in args.engines.split(","):
            one = throughput(engine, 1, stories, tmp)
            two = throughput(engine, 2, stories, tmp)
            results[engine] = {
                "per_minute_1_worker": round(one, 2),
                "per_minute_2_workers": round(two, 2),
                "speedup_2_vs_1": round(two / one, 2),
                "per_day_per_core": round(one * 60 * 24),
            }
    overheads = [scheduler_overhead(2) for _ in range(3)]
    results["scheduler_ms_per_task"] = round(statistics.median(overheads) * 1000, 2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
