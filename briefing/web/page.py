"""The web player page for a folder of briefings: plain HTML that works without JavaScript."""

from __future__ import annotations

import datetime as dt
import html
import logging
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from ..errors import ConfigError
from ..podcast import FEED_FILE, episodes, load_channel

log = logging.getLogger(__name__)


def _asset(name: str) -> str:
    return resources.files("briefing.web").joinpath(name).read_text(encoding="utf-8")


def _clock(seconds: float) -> str:
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def render_page(folder: Path) -> bytes:
    """The page listing every briefing in `folder`, newest first; all article text escaped."""
    try:
        channel = load_channel(folder)
    except ConfigError as exc:  # the page still lists the briefings
        log.warning("%s", exc)
        channel = None
    title = html.escape(channel.title if channel else "Briefings")
    description = html.escape(channel.description if channel else "")
    cards = []
    for ep in episodes(folder):
        published = ep.published or dt.datetime.fromtimestamp(0, dt.timezone.utc)
        mp3 = quote(ep.path.name)
        vtt = quote(ep.transcript_path.name) if ep.transcript_path.is_file() else ""
        chapters = "".join(
            f'<li><a href="#t={c.start:.3f}" data-start="{c.start:.3f}" data-end="{c.end:.3f}">'
            f"<time>{_clock(c.start)}</time>{html.escape(c.title)}</a></li>"
            for c in ep.chapters
        )
        track = (
            f'<track kind="captions" src="{vtt}" srclang="en" label="Transcript" default>'
            if vtt
            else ""
        )
        transcript = (
            f'<details><summary>Transcript</summary><ol class="transcript">'
            f'<li><a href="{vtt}">Open the transcript</a></li></ol></details>'
            if vtt
            else ""
        )
        cards.append(
            f'<article class="briefing" data-vtt="{vtt}">'
            f"<h2>{html.escape(ep.title)}</h2>"
            f'<p class="meta"><time datetime="{published.isoformat()}">'
            f"{published:%a %d %b %Y, %H:%M} UTC</time> · {_clock(ep.duration)} · "
            f'<a href="{mp3}" download>Download MP3</a></p>'
            f'<audio controls preload="metadata" src="{mp3}">{track}'
            f'<a href="{mp3}">{html.escape(ep.title)}</a></audio>'
            f'<ol class="chapters" aria-label="Chapters">{chapters}</ol>{transcript}</article>'
        )
    body = "".join(cards) or '<p class="empty">No briefings yet.</p>'
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="alternate" type="application/rss+xml" title="{title}" href="{FEED_FILE}">
<style>{_asset("style.css")}</style>
</head>
<body>
<header><h1>{title}</h1><p>{description} <a href="{FEED_FILE}">Podcast feed</a></p></header>
<main>{body}</main>
<script>{_asset("player.js")}</script>
</body>
</html>
"""
    return page.encode("utf-8")
