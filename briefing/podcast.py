"""The podcast feed this tool writes for a folder of briefings (RSS 2.0, iTunes, Podcasting
2.0), its channel settings and cover. (News feeds read as input are `newsfeed.py`.)"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import logging
import struct
import sys
import uuid
import zlib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .episode import read_episode
from .errors import ConfigError, PublishError
from .fetch import is_url
from .files import atomic_write, folder_lock
from .models import Episode
from .text import clean_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

log = logging.getLogger(__name__)

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
#: Podcasting 2.0: podcast:guid is a UUIDv5 of the feed URL without its scheme, in this namespace.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
FEED_FILE = "feed.xml"
SETTINGS_FILE = "feed.toml"
COVER_FILE = "cover.png"


@dataclass(frozen=True)
class Channel:
    """Channel settings, kept in DIR/feed.toml."""

    title: str = "Briefing"
    description: str = "Spoken news briefings made with briefing."
    base_url: str = "http://127.0.0.1:8000"
    language: str = "en"
    author: str = "briefing"
    email: str = ""
    category: str = "News"
    subcategory: str = "Daily News"
    explicit: bool = False
    image: str = COVER_FILE

    @property
    def feed_url(self) -> str:
        return url_for(self.base_url, FEED_FILE)

    @property
    def image_url(self) -> str:
        if self.image.startswith(("http://", "https://")):
            return self.image
        return url_for(self.base_url, self.image)

    @property
    def podcast_guid(self) -> str:
        bare = self.feed_url.split("://", 1)[-1].rstrip("/")
        return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def url_for(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + quote(name)


# --- settings --------------------------------------------------------------------------------

_FIELDS = {f: Channel.__dataclass_fields__[f].type for f in Channel.__dataclass_fields__}


_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _toml_value(value: Any) -> str:
    """A TOML basic string (or boolean): every control character escaped, so what is written
    always reads back."""
    if isinstance(value, bool):
        return "true" if value else "false"
    escaped = "".join(
        _TOML_ESCAPES.get(ch)
        or (f"\\u{ord(ch):04x}" if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F else ch)
        for ch in str(value)
    )
    return f'"{escaped}"'


def load_channel(folder: Path) -> Channel | None:
    path = folder / SETTINGS_FILE
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    channel_data = data.get("channel", data)
    unknown = set(channel_data) - set(_FIELDS)
    if unknown:
        raise ConfigError(f"{path}: unknown key '{sorted(unknown)[0]}'")
    for key, value in channel_data.items():
        expected = bool if key == "explicit" else str
        if not isinstance(value, expected):
            raise ConfigError(f"{path}: '{key}' must be a {expected.__name__}")
    if "base_url" in channel_data and not is_url(channel_data["base_url"]):
        raise ConfigError(f"{path}: base_url must be an http(s) URL")
    return Channel(**channel_data)


def save_channel(folder: Path, channel: Channel) -> None:
    lines = ["# Feed settings for this folder of briefings; edit freely.", "[channel]"]
    lines += [f"{key} = {_toml_value(getattr(channel, key))}" for key in _FIELDS]
    atomic_write(folder / SETTINGS_FILE, ("\n".join(lines) + "\n").encode("utf-8"))


def channel_for(folder: Path, *, base_url: str | None = None, title: str | None = None) -> Channel:
    """The folder's channel settings, created on first use; given values are saved."""
    channel = load_channel(folder)
    changed = channel is None
    channel = channel or Channel()
    if base_url and base_url != channel.base_url:
        if not is_url(base_url):
            raise ConfigError(f"--base-url must be an http(s) URL, got {base_url!r}")
        channel, changed = replace(channel, base_url=base_url.rstrip("/")), True
    title = clean_line(title) if title else None
    if title and title != channel.title:
        channel, changed = replace(channel, title=title), True
    if changed:
        save_channel(folder, channel)
    return channel


# --- files -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def cover_png(size: int = 1400) -> bytes:
    """A plain square cover (a two-tone gradient), written without an imaging library."""
    rows = []
    for y in range(size):
        shade = y * 80 // size
        row = bytes((24 + shade, 60 + shade, 120 + shade)) * size
        rows.append(b"\x00" + row)
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


# --- the feed --------------------------------------------------------------------------------


def episodes(folder: Path) -> list[Episode]:
    """Briefings (MP3s) in a folder, newest first; a file that cannot be read is skipped."""
    found = []
    for path in sorted(folder.glob("*.mp3")):
        if path.name.startswith(".") or not path.is_file():
            continue
        episode = read_episode(path)
        if episode is None:
            log.warning("skipping %s: not a readable MP3", path.name)
            continue
        found.append(episode)
    return sorted(found, key=lambda e: (e.published or _EPOCH, e.path.name), reverse=True)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _guid(episode: Episode) -> str:
    return episode.guid or str(uuid.uuid5(uuid.NAMESPACE_URL, episode.path.name))


def cover_for(folder: Path) -> bytes:
    """The cover embedded in an episode: the folder's, else the one its feed will get."""
    path = folder / COVER_FILE
    try:
        if path.is_file() and path.stat().st_size < 2_000_000:
            return path.read_bytes()
    except OSError as exc:
        log.debug("cannot read the cover in %s: %s", folder, exc)
    return cover_png()


def _duration(seconds: float) -> str:
    total = int(round(seconds))
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


_NSMAP = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM, "content": CONTENT}


def _add(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    """A child element; `prefix:name` tags in the feed's namespaces; text made XML-safe."""
    from lxml import etree

    if ":" in tag:
        prefix, name = tag.split(":")
        tag = f"{{{_NSMAP[prefix]}}}{name}"
    el = etree.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = clean_xml_text(text)
    return el


def build_feed(folder: Path, channel: Channel, items: list[Episode]) -> bytes:
    """RSS 2.0 with iTunes and Podcasting 2.0 tags; lxml does all escaping."""
    from lxml import etree

    rss = etree.Element("rss", nsmap=_NSMAP, version="2.0")
    ch = _channel_element(rss, channel)
    for episode in items:
        _item_element(ch, channel, episode)
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _channel_element(rss: Any, channel: Channel) -> Any:
    ch = _add(rss, "channel")
    _add(ch, "title", channel.title)
    _add(ch, "link", channel.base_url + "/")
    _add(ch, "description", channel.description)
    _add(ch, "language", channel.language)
    _add(ch, "atom:link", href=channel.feed_url, rel="self", type="application/rss+xml")
    now = dt.datetime.now(dt.timezone.utc)
    _add(ch, "lastBuildDate", email.utils.format_datetime(now))
    _add(ch, "generator", "briefing")
    image = _add(ch, "image")
    _add(image, "url", channel.image_url)
    _add(image, "title", channel.title)
    _add(image, "link", channel.base_url + "/")
    _add(ch, "itunes:author", channel.author)
    _add(ch, "itunes:summary", channel.description)
    _add(ch, "itunes:image", href=channel.image_url)
    category = _add(ch, "itunes:category")
    category.set("text", channel.category)  # an attribute named like _add's argument
    if channel.subcategory:
        _add(category, "itunes:category").set("text", channel.subcategory)
    _add(ch, "itunes:explicit", "true" if channel.explicit else "false")
    _add(ch, "itunes:type", "episodic")
    if channel.email:
        owner = _add(ch, "itunes:owner")
        _add(owner, "itunes:name", channel.author)
        _add(owner, "itunes:email", channel.email)
    _add(ch, "podcast:guid", channel.podcast_guid)
    if channel.email:  # Podcast Index ignores a lock without its owner's address
        _add(ch, "podcast:locked", "no", owner=channel.email)
    return ch


def _item_element(ch: Any, channel: Channel, episode: Episode) -> None:
    item = _add(ch, "item")
    _add(item, "title", episode.title)
    description = episode.description or episode.title
    _add(item, "description", description)
    _add(item, "itunes:summary", description)
    if episode.notes:
        _add(item, "content:encoded", show_notes_html(episode))
    _add(item, "guid", _guid(episode), isPermaLink="false")
    _add(item, "pubDate", email.utils.format_datetime(episode.published or _EPOCH))
    url = url_for(channel.base_url, episode.path.name)
    _add(item, "enclosure", url=url, length=str(episode.path.stat().st_size), type="audio/mpeg")
    _add(item, "itunes:duration", _duration(episode.duration))
    _add(item, "itunes:explicit", "true" if channel.explicit else "false")
    _add(item, "itunes:episodeType", "full")
    if episode.chapters_path.is_file():
        url = url_for(channel.base_url, episode.chapters_path.name)
        _add(item, "podcast:chapters", url=url, type="application/json+chapters")
    if episode.transcript_path.is_file():
        url = url_for(channel.base_url, episode.transcript_path.name)
        _add(item, "podcast:transcript", url=url, type="text/vtt", language=channel.language)


def show_notes_html(episode: Episode) -> str:
    """Per-story show notes as the HTML podcast apps show: headline (linked), one line."""
    import html

    items = []
    for note in episode.notes:
        title = html.escape(note.title)
        if note.url and is_url(note.url):
            title = f'<a href="{html.escape(note.url)}">{title}</a>'
        summary = f"<br>{html.escape(note.summary)}" if note.summary else ""
        items.append(f"<li><strong>{title}</strong>{summary}</li>")
    return f"<ul>{''.join(items)}</ul>"


def clean_xml_text(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (control characters, lone surrogates)."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r"
        or (" " <= ch <= "\ud7ff")
        or ("\ue000" <= ch <= "\ufffd")
        or ch >= "\U00010000"
    )


def update_feed(folder: Path, *, base_url: str | None = None, title: str | None = None) -> Path:
    """Write FOLDER/feed.xml for every briefing in the folder (atomic, under a lock)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ConfigError(f"no such folder: {folder}")
    try:
        with folder_lock(folder):
            channel = channel_for(folder, base_url=base_url, title=title)
            if channel.base_url == Channel().base_url:
                log.warning(
                    "feed URLs point at %s; give --base-url (saved in %s) for other devices",
                    channel.base_url,
                    folder / SETTINGS_FILE,
                )
            cover = folder / COVER_FILE
            if channel.image == COVER_FILE and not cover.exists():
                atomic_write(cover, cover_png())
            data = build_feed(folder, channel, episodes(folder))
            atomic_write(folder / FEED_FILE, data)
    except OSError as exc:  # read-only folder, disk full
        raise PublishError(f"cannot write the feed in {folder}: {exc.strerror or exc}") from None
    log.info("feed %s: %s", folder / FEED_FILE, hashlib.sha1(data).hexdigest()[:8])
    return folder / FEED_FILE
