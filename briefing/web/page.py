"""The web player page for a folder of briefings: plain HTML that works without JavaScript;
the script adds speed, skips, resume, a queue and a transcript that follows playback."""

from __future__ import annotations

import datetime as dt
import html
import logging
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from ..errors import ConfigError
from ..models import Episode
from ..podcast import COVER_FILE, FEED_FILE, Channel, episodes, load_channel, show_notes_html

log = logging.getLogger(__name__)
SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)


def _asset(name: str) -> str:
    return resources.files("briefing.web").joinpath(name).read_text(encoding="utf-8")


def _clock(seconds: float) -> str:
    """m:ss or h:mm:ss, floored as audio players show time (33.9 s is 0:33)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _time(seconds: float) -> str:
    """A <time> for a span of audio, with the machine-readable duration HTML asks for."""
    return f'<time datetime="PT{max(0, int(seconds))}S">{_clock(seconds)}</time>'


def _size(path: Path) -> str:
    try:
        return f"{path.stat().st_size / 1_000_000:.1f} MB"
    except OSError:
        return "MP3"


def _chapters(ep: Episode) -> str:
    items = "".join(
        f'<li><a href="#t={int(c.start)}" data-start="{c.start:.3f}" data-end="{c.end:.3f}">'
        f"{_time(c.start)} {html.escape(c.title)}</a></li>"
        for c in ep.chapters
    )
    return f'<ol class="chapters" aria-label="Chapters">{items}</ol>' if items else ""


def _notes(ep: Episode) -> str:
    if not ep.notes:
        return ""
    notes = show_notes_html(ep)
    return f'<details class="notes"><summary>Show notes</summary>{notes}</details>'


def _card(ep: Episode, index: int, cover: str) -> str:
    published = ep.published or dt.datetime.fromtimestamp(0, dt.timezone.utc)
    mp3 = quote(ep.path.name)
    vtt = quote(ep.transcript_path.name) if ep.transcript_path.is_file() else ""
    title = html.escape(ep.title)
    heading = f"ep{index}-title"
    track = f'<track kind="captions" src="{vtt}" srclang="en" label="Transcript">' if vtt else ""
    transcript = (
        '<details class="transcript-box"><summary>Transcript</summary>'
        f'<ol class="transcript" aria-label="Transcript of {title}">'
        f'<li><a href="{vtt}">Open the transcript</a></li></ol></details>'
        if vtt
        else ""
    )
    image = f'<img class="cover" src="{cover}" alt="" width="72" height="72">' if cover else ""
    return (
        f'<article class="briefing" aria-labelledby="{heading}" data-vtt="{vtt}">'
        f'<div class="top">{image}<div><h2 id="{heading}">{title}</h2>'
        f'<p class="meta"><time datetime="{published.isoformat()}">'
        f"{published:%a %d %b %Y, %H:%M} UTC</time> · {_time(ep.duration)} · "
        f'<a href="{mp3}" download>Download MP3 ({_size(ep.path)})</a></p></div></div>'
        f'<audio controls preload="metadata" src="{mp3}" aria-label="Play {title}">{track}'
        f'<a href="{mp3}">{title}</a></audio>'
        f'<div class="controls" role="group" aria-label="Playback of {title}" hidden>'
        '<button type="button" data-skip="-15">Back 15 s</button>'
        '<button type="button" data-skip="30">Forward 30 s</button></div>'
        f"{_chapters(ep)}{_notes(ep)}{transcript}</article>"
    )


def _settings() -> str:
    options = "".join(
        f'<option value="{s}"{" selected" if s == 1.0 else ""}>{s:g}×</option>' for s in SPEEDS
    )
    return (
        '<div class="settings" hidden><label>Speed <select id="speed">'
        f"{options}</select></label>"
        '<label><input type="checkbox" id="autonext" checked> Play the next briefing</label></div>'
    )


def render_page(folder: Path) -> bytes:
    """The page listing every briefing in `folder`, newest first; all article text escaped."""
    try:
        channel = load_channel(folder) or Channel()
    except ConfigError as exc:  # the page still lists the briefings
        log.warning("%s", exc)
        channel = Channel()
    title = html.escape(channel.title)
    description = html.escape(channel.description)
    cover = quote(COVER_FILE) if (folder / COVER_FILE).is_file() else ""
    cards = "".join(_card(ep, n, cover) for n, ep in enumerate(episodes(folder)))
    body = cards or '<p class="empty">No briefings yet.</p>'
    logo = f'<img class="logo" src="{cover}" alt="" width="96" height="96">' if cover else ""
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
<header>{logo}<div><h1>{title}</h1><p>{description} <a href="{FEED_FILE}">Podcast feed</a></p>
{_settings()}</div></header>
<main>{body}</main>
<script>{_asset("player.js")}</script>
</body>
</html>
"""
    return page.encode("utf-8")
