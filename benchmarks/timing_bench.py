"""Does a briefing last as long as asked? `--minutes` over a table of budgets and story counts.

Usage: python benchmarks/timing_bench.py [--voices PROFILE] [--json OUT]

Renders the repository's own articles (examples/, tests/data/, benchmarks/pages/) with real
voices at 1, 2 and 5 minutes with 1, 3 and 8 stories, and reports the rendered length
against the request (target: within 5%, never more than 5% over) and the script's estimate
against the rendered length (target: within 3%).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "examples" / "nato_ukraine.txt",
    *sorted((ROOT / "benchmarks" / "pages" / "html").glob("*.html")),
    ROOT / "tests" / "data" / "harbor.txt",
    ROOT / "tests" / "data" / "rail.md",
]


def briefing(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "briefing", *args], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"briefing {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def seconds_of(mp3: Path) -> float:
    from mutagen.mp3 import MP3

    return float(MP3(str(mp3)).info.length)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", default="default")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "BRIEFING_CACHE_DIR": str(Path(tmp) / "cache")}
        for stories in (1, 3, 8):
            inputs = [str(p) for p in SOURCES[:stories]]
            for minutes in (1, 2, 5):
                out = Path(tmp) / f"{stories}-{minutes}.mp3"
                common = [*inputs, "--minutes", str(minutes), "--voices", args.voices]
                script = json.loads(briefing("script", *common, "--format", "json", env=env))
                briefing("make", *common, "-o", str(out), env=env)
                rendered = seconds_of(out)
                everything = json.loads(
                    briefing(
                        "script",
                        *inputs,
                        "--minutes",
                        "600",
                        "--voices",
                        args.voices,
                        "--format",
                        "json",
                        env=env,
                    )
                )["estimated_seconds"]
                rows.append(
                    {
                        "stories": stories,
                        "minutes": minutes,
                        # Shorter articles than the request: every sentence is heard.
                        "whole_stories": everything <= minutes * 60,
                        "rendered_s": round(rendered, 1),
                        "vs_request": round(rendered / (minutes * 60) - 1, 4),
                        "estimate_vs_rendered": round(
                            script["estimated_seconds"] / rendered - 1, 4
                        ),
                    }
                )
                print(
                    f"{stories} stories, {minutes} min: {rendered:6.1f} s "
                    f"({rows[-1]['vs_request']:+.1%} of the request), "
                    f"estimate {rows[-1]['estimate_vs_rendered']:+.1%}"
                    + (" (the whole stories are shorter)" if rows[-1]["whole_stories"] else ""),
                    flush=True,
                )
    worst_request = max(abs(r["vs_request"]) for r in rows if not r["whole_stories"])
    worst_over = max(r["vs_request"] for r in rows)
    worst_estimate = max(abs(r["estimate_vs_rendered"]) for r in rows)
    summary = {
        "rows": rows,
        "worst_vs_request": worst_request,
        "worst_over_request": worst_over,
        "worst_estimate": worst_estimate,
    }
    print(
        f"worst: {worst_request:.1%} from the request (most over {worst_over:+.1%}); "
        f"estimate within {worst_estimate:.1%}"
    )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
