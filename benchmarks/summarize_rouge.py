"""ROUGE of the summarizer, Lead-3 and TextRank at 3 sentences on a JSONL news set.

Usage: python benchmarks/summarize_rouge.py DATA.jsonl [--cv]

Each line of DATA.jsonl: {"article": "...", "highlights": "one\nsentence\na line"}.
--cv also runs 5-fold cross-validation over a small grid of scoring constants, to show that
the shipped constants are the cross-validated choice rather than a fit to this file.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from rouge_score import rouge_scorer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing import summarize as sm
from briefing.segment import segment_text

SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


def rouge(summary: list[str], reference: str) -> tuple[float, float, float]:
    scores = SCORER.score(reference, "\n".join(summary))
    return tuple(100 * scores[k].fmeasure for k in ("rouge1", "rouge2", "rougeLsum"))  # type: ignore[return-value]


def prepare(rows: list[dict]) -> list[tuple[list, str]]:
    prepared = []
    for row in rows:
        article = segment_text(row["article"])
        prepared.append((sm.article_sentences(article), row["highlights"]))
    return prepared


def ours(weights: sm.Weights):
    def method(sentences, n):
        scores, vectors = sm.score_sentences(sentences, None, weights)
        return sm.select(
            sentences, scores, vectors, count=n, limit=None, redundancy=weights.redundancy
        )

    return method


def evaluate(method, data) -> tuple[float, float, float]:
    totals = [rouge([s[i].text for i in method(s, 3)], ref) for s, ref in data]
    return tuple(statistics.fmean(t[k] for t in totals) for k in range(3))  # type: ignore[return-value]


GRID = {
    "decay": [0.1, 0.2, 0.35],
    "centrality": [0.6, 0.9, 1.3],
    "length": [0.25, 0.4, 0.6],
    "redundancy": [0.2, 0.4, 0.7],
}


def cross_validate(data, folds: int = 5) -> None:
    combos = [dict(zip(GRID, values)) for values in itertools.product(*GRID.values())]
    fold_scores = []
    for k in range(folds):
        test = data[k::folds]
        train = [d for i, d in enumerate(data) if i % folds != k]
        best = max(combos, key=lambda c: sum(evaluate(ours(replace(sm.WEIGHTS, **c)), train)))
        held = evaluate(ours(replace(sm.WEIGHTS, **best)), test)
        lead3 = evaluate(sm.lead, test)
        fold_scores.append((held, lead3))
        print(
            f"fold {k}: best {best}  held-out R1/R2/RL {held[0]:.2f}/{held[1]:.2f}/{held[2]:.2f}"
            f"  lead-3 {lead3[0]:.2f}/{lead3[1]:.2f}/{lead3[2]:.2f}"
        )
    for name, idx in (("cv ours", 0), ("cv lead-3", 1)):
        means = [statistics.fmean(f[idx][m] for f in fold_scores) for m in range(3)]
        print(f"{name:10} R1 {means[0]:.2f}  R2 {means[1]:.2f}  RLsum {means[2]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line]
    start = time.perf_counter()
    for row in rows:
        sm.summarize(row["article"], sentences=3)
    rate = len(rows) / (time.perf_counter() - start)
    data = prepare(rows)
    results = {}
    print(f"{len(rows)} articles; summarize() throughput {rate:.0f} articles/s\n")
    print(f"{'method':12} {'R1':>6} {'R2':>6} {'RLsum':>6}")
    for name, method in (
        ("briefing", ours(sm.WEIGHTS)),
        ("lead-3", sm.lead),
        ("textrank", sm.textrank),
    ):
        r1, r2, rl = evaluate(method, data)
        results[name] = {"rouge1": round(r1, 2), "rouge2": round(r2, 2), "rougeLsum": round(rl, 2)}
        print(f"{name:12} {r1:6.2f} {r2:6.2f} {rl:6.2f}")
    results["articles_per_second"] = round(rate, 1)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    if args.cv:
        print()
        cross_validate(data)


if __name__ == "__main__":
    main()
