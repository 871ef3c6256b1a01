"""News feeds read as input (RSS or Atom): each item's article, or its own text when the
article cannot be read. (The podcast feed this tool writes is `podcast.py`.)"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import BriefingError, IngestError, NoNewStories
from .fetch import FetchOptions, fetch, is_url
from .htmltext import fragment_blocks
from .ingest import read_source
from .models import Article, Document
from .segment import segment_document
from .summarize import cosine, terms, unit
from .text import text_blocks

log = logging.getLogger(__name__)
SEEN_FILE = ".briefed-items.json"
#: How many briefed stories are remembered by content (a few weeks of a busy feed).
SEEN_STORIES = 500
#: Stories whose headline and lead overlap this much (cosine of terms) tell the same event.
DUPLICATE_SIMILARITY = 0.5


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str
    link: str | None
    html: str


def read_feed(source: str, options: FetchOptions) -> list[FeedItem]:
    """Items of an RSS 2.0 or Atom feed given as a path or URL, in feed order."""
    import feedparser

    if is_url(source):
        data = fetch(
            source, options, accept="application/rss+xml, application/atom+xml, application/xml"
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


def item_article(item: FeedItem, options: FetchOptions | None) -> Article:
    """The item's linked article (not fetched when `options` is None); its own content when
    the link cannot be read, whatever the reason."""
    if options is not None and item.link and is_url(item.link):
        try:
            return segment_document(read_source(item.link, options))
        except (BriefingError, Exception) as exc:  # a hostile page must not end the briefing
            reason = exc if isinstance(exc, BriefingError) else type(exc).__name__
            log.warning("using the feed's text for %s: %s", item.link, reason)
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


def story_vector(article: Article) -> dict[str, float]:
    """The terms of a story's headline and lead: what tells two tellings of one event apart."""
    lead = " ".join(s.text for s in article.segments[:4])
    return unit(Counter(terms(article.title + " " + lead)))


def drop_duplicates(articles: Sequence[Article]) -> list[int]:
    """Indexes of the stories to keep: the first of each set telling the same event."""
    vectors = [story_vector(a) for a in articles]
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


@dataclass(frozen=True)
class Seen:
    """What a folder has briefed: feed item ids and links, and the stories by content, so a
    rewrite of a told story under a new id is not told again."""

    ids: frozenset[str] = frozenset()
    stories: tuple[dict[str, float], ...] = ()

    def told(self, article: Article) -> bool:
        vector = story_vector(article)
        return any(cosine(vector, old) >= DUPLICATE_SIMILARITY for old in self.stories)


def load_seen(folder: Path) -> Seen:
    """The folder's memory of briefed stories; a damaged or foreign file counts as empty."""
    path = folder / SEEN_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Seen()
    if isinstance(data, list):  # the earlier format: ids only
        data = {"ids": data}
    if not isinstance(data, dict):
        return Seen()
    ids = data.get("ids")
    stories = data.get("stories")
    return Seen(
        frozenset(i for i in ids if isinstance(i, str)) if isinstance(ids, list) else frozenset(),
        tuple(
            {t: float(w) for t, w in v.items() if isinstance(t, str) and isinstance(w, int | float)}
            for v in (stories if isinstance(stories, list) else [])
            if isinstance(v, dict)
        ),
    )


def mark_seen(folder: Path, ids: Sequence[str], articles: Sequence[Article] = ()) -> None:
    """Remember items and stories as briefed in `folder` (under its lock: none is lost)."""
    from .files import atomic_write, folder_lock

    folder.mkdir(parents=True, exist_ok=True)
    with folder_lock(folder):
        seen = load_seen(folder)
        stories = [*seen.stories, *(story_vector(a) for a in articles)][-SEEN_STORIES:]
        data = {"ids": sorted(seen.ids | set(ids)), "stories": stories}
        atomic_write(folder / SEEN_FILE, json.dumps(data).encode("utf-8"))


def feed_articles(
    source: str, options: FetchOptions, *, limit: int, seen: Seen | None = None
) -> tuple[list[Article], list[str]]:
    """Up to `limit` new, distinct stories of a feed, and the ids of the items they came from:
    none briefed before, by item id or link, or by content (a rewrite of a told story)."""
    seen = seen or Seen()
    items = [
        i
        for i in read_feed(source, options)
        if i.id not in seen.ids and (i.link or "") not in seen.ids
    ]
    articles: list[Article] = []
    ids: list[str] = []
    # One deadline for the whole run: a slow site costs its share, not every item's.
    run_deadline = time.monotonic() + options.run_deadline
    for item in items:
        if len(articles) >= limit:
            break
        left = run_deadline - time.monotonic()
        fetching = replace(options, deadline=min(options.deadline, left)) if left > 1 else None
        try:
            article = item_article(item, fetching)
        except BriefingError as exc:
            log.warning("skipping feed item %r: %s", item.title, exc)
            continue
        candidate = [*articles, article]
        if seen.told(article):
            log.info("skipping %r: told in an earlier briefing", article.title)
        elif len(drop_duplicates(candidate)) == len(candidate):
            articles.append(article)
        # A story told again by another item counts as briefed with the first one.
        ids.extend(x for x in (item.id, item.link) if x)
    if not articles:
        told = " (use --all to include briefed ones)" if seen.ids or seen.stories else ""
        raise NoNewStories(f"no new stories in {source}{told}")
    return articles, ids
