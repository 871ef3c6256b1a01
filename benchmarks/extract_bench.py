"""Article-body extraction: briefing against trafilatura's defaults, scored on word 4-gram shingles.

Usage: python benchmarks/extract_bench.py [DIR] [--json OUT]

DIR holds `ground-truth.json` ({id: {"articleBody": ...}}) and `html/ID.html` or `html/ID.html.gz`,
the layout of the public article-extraction benchmark, so the same script scores that set when it
is on disk. Without DIR it scores the pages in `benchmarks/pages/` (written for this project after
real news layouts: a CMS page with comments, a wire story, a broadcaster page).

Precision and recall are per page, over the multiset of 4-word shingles of what was extracted
against the human-marked body, then averaged over pages; F1 is taken from the two averages.
briefing's text is what it would speak from: every segment but the headline.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.errors import BriefingError  # noqa: E402
from briefing.htmltext import html_document  # noqa: E402
from briefing.segment import segment_document  # noqa: E402

WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = WORD.findall(text or "")
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words)


def scores(truth: str, found: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where a side has no text to score."""
    want, got = shingles(truth), shingles(found)
    hit = sum((want & got).values())
    precision = hit / sum(got.values()) if got else (None if not want else 0.0)
    recall = hit / sum(want.values()) if want else None
    return precision, recall


def briefing_body(html: str, url: str | None) -> str:
    try:
        article = segment_document(html_document(html, "page.html", url))
    except BriefingError:
        return ""
    return "\n".join(s.text for s in article.segments if s.kind != "headline")


def trafilatura_body(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def load(folder: Path) -> list[tuple[str, str, str, str | None]]:
    """(id, html, true body, url) for every page of a benchmark folder."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, entry in sorted(truth.items()):
        plain, packed = folder / "html" / f"{key}.html", folder / "html" / f"{key}.html.gz"
        raw = plain.read_bytes() if plain.is_file() else gzip.decompress(packed.read_bytes())
        html = raw.decode("utf-8", "replace")
        pages.append((key, html, entry.get("articleBody", ""), entry.get("url")))
    return pages


def evaluate(pages: list[tuple[str, str, str, str | None]]) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for name, extract in (("briefing", briefing_body), ("trafilatura", trafilatura_body)):
        precisions, recalls = [], []
        extract(pages[0][1], pages[0][3])  # imports out of the timing
        start = time.perf_counter()
        for _, html, truth, url in pages:
            precision, recall = scores(truth, extract(html, url))
            if precision is not None:
                precisions.append(precision)
            if recall is not None:
                recalls.append(recall)
        p, r = statistics.mean(precisions), statistics.mean(recalls)
        results[name] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "pages_per_second": round(len(pages) / (time.perf_counter() - start), 1),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=ROOT / "benchmarks" / "pages")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    pages = load(args.folder)
    results = evaluate(pages)
    print(f"{len(pages)} pages from {args.folder}\n")
    print(f"{'extractor':12} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s':>8}")
    for name, row in results.items():
        print(
            f"{name:12} {row['precision']:9.3f} {row['recall']:7.3f} {row['f1']:6.3f} "
            f"{row['pages_per_second']:8.1f}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
