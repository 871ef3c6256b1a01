"""Stories from an RSS or Atom feed: each item's article, or its own text when that fails."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import BriefingError, IngestError
from .ingest import fetch, fragment_blocks, is_url, read_source, text_blocks
from .models import Article, Document
from .segment import segment_document
from .summarize import cosine, terms, unit

log = logging.getLogger(__name__)
SEEN_FILE = ".briefed-items.json"
#: Stories whose headline and lead overlap this much (cosine of terms) tell the same event.
DUPLICATE_SIMILARITY = 0.5


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str
    link: str | None
    html: str


def read_feed(
    source: str, *, timeout: float = 15.0, max_bytes: int = 10_000_000, user_agent: str = "briefing"
) -> list[FeedItem]:
    """Items of an RSS 2.0 or Atom feed given as a path or URL, in feed order."""
    import feedparser

    if is_url(source):
        data = fetch(
            source,
            timeout=timeout,
            max_bytes=max_bytes,
            user_agent=user_agent,
            accept="application/rss+xml, application/atom+xml, application/xml",
        ).body
    else:
        path = Path(source)
        if not path.is_file():
            raise IngestError(f"no such feed file: {source}")
        data = path.read_bytes()
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise IngestError(
            f"{source} is not an RSS or Atom feed with items" + (f" ({reason})" if reason else "")
        )
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else ""
        summary = entry.get("summary", "")
        text = body if len(body) > len(summary) else summary
        items.append(
            FeedItem(
                entry.get("id") or link or entry.get("title", ""),
                entry.get("title", "").strip(),
                link,
                text,
            )
        )
    return items


def item_article(item: FeedItem, *, timeout: float, max_bytes: int, user_agent: str) -> Article:
    """The item's linked article; its own content when the link cannot be read."""
    if item.link and is_url(item.link):
        try:
            return segment_document(
                read_source(item.link, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent)
            )
        except BriefingError as exc:
            log.warning("using the feed's text for %s: %s", item.link, exc)
    if not item.html.strip():
        raise IngestError(f"feed item {item.title or item.id!r} has no text and no readable link")
    # The item's content is the story itself, not a page to search for one.
    blocks = fragment_blocks(item.html)
    structured = bool(blocks)  # else plain text, its structure guessed
    return segment_document(
        Document(
            source=item.link or item.id,
            blocks=blocks or text_blocks(_strip_tags(item.html)),
            title=item.title or None,
            url=item.link,
            structured=structured,
        )
    )


def _strip_tags(text: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _vector(article: Article) -> dict[str, float]:
    lead = " ".join(s.text for s in article.segments[:4])
    return unit(Counter(terms(article.title + " " + lead)))


def drop_duplicates(articles: Sequence[Article]) -> list[int]:
    """Indexes of the stories to keep: the first of each set telling the same event."""
    vectors = [_vector(a) for a in articles]
    keep: list[int] = []
    for i, vec in enumerate(vectors):
        similar = [j for j in keep if cosine(vec, vectors[j]) >= DUPLICATE_SIMILARITY]
        if similar:
            log.info(
                "dropping %r: the same story as %r", articles[i].title, articles[similar[0]].title
            )
        else:
            keep.append(i)
    return keep


def load_seen(folder: Path) -> set[str]:
    path = folder / SEEN_FILE
    try:
        return set(json.loads(path.read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError):
        return set()


def mark_seen(folder: Path, ids: Sequence[str]) -> None:
    from .files import atomic_write, folder_lock

    folder.mkdir(parents=True, exist_ok=True)
    with folder_lock(folder):
        seen = load_seen(folder) | set(ids)
        atomic_write(folder / SEEN_FILE, json.dumps(sorted(seen), indent=1).encode("utf-8"))


def feed_articles(
    source: str, *, limit: int, seen: set[str], timeout: float, max_bytes: int, user_agent: str
) -> tuple[list[Article], list[str]]:
    """Up to `limit` new, distinct stories of a feed, and the ids of the items they came from."""
    items = [
        i
        for i in read_feed(source, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent)
        if i.id not in seen and (i.link or "") not in seen
    ]
    articles: list[Article] = []
    ids: list[str] = []
    for item in items:
        if len(articles) >= limit:
            break
        try:
            article = item_article(
                item, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent
            )
        except BriefingError as exc:
            log.warning("skipping feed item %r: %s", item.title, exc)
            continue
        candidate = [*articles, article]
        if len(drop_duplicates(candidate)) == len(candidate):
            articles.append(article)
        # A story told again by another item counts as briefed with the first one.
        ids.extend(x for x in (item.id, item.link) if x)
    if not articles:
        raise IngestError(
            f"no new stories in {source}"
            + ("" if not seen else " (use --all to include briefed ones)")
        )
    return articles, ids
