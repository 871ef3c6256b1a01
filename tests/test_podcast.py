"""podcast: the feed of a folder of briefings, checked with the parsers podcast apps use."""

from __future__ import annotations

import os
from pathlib import Path

import feedparser
import podcastparser
from lxml import etree

from briefing.podcast import update_feed
from conftest import HOSTILE, run_threads


def test_feed_has_every_field_podcast_apps_read(folder: Path) -> None:
    path = update_feed(folder, base_url="http://example.org/pods")
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    channel = parsed.feed
    assert channel.title == "Briefing" and channel.language == "en"
    assert channel.image.href == "http://example.org/pods/cover.png"
    assert channel.tags[0].term == "News"
    assert len(parsed.entries) == 2
    newest, oldest = parsed.entries
    assert newest.title == HOSTILE
    assert oldest.title == "City opens a new bridge over the river"
    for entry in parsed.entries:
        mp3 = folder / Path(entry.enclosures[0].href).name
        assert entry.enclosures[0].href.startswith("http://example.org/pods/")
        assert int(entry.enclosures[0].length) == mp3.stat().st_size
        assert entry.enclosures[0].type == "audio/mpeg"
        assert entry.itunes_duration.count(":") == 2
        assert entry.guidislink is False and entry.id
        assert "bridge" in entry.summary
        assert entry.published_parsed is not None

    xml = etree.fromstring(path.read_bytes())
    ns = {
        "podcast": "https://podcastindex.org/namespace/1.0",
        "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    }
    assert xml.find("channel/podcast:guid", ns).text.count("-") == 4
    assert xml.find("channel/lastBuildDate") is not None
    assert xml.find("channel/itunes:explicit", ns).text == "false"
    item = xml.find("channel/item")
    assert item.find("podcast:chapters", ns).get("type") == "application/json+chapters"
    assert item.find("podcast:chapters", ns).get("url").endswith(".chapters.json")
    assert item.find("podcast:transcript", ns).get("type") == "text/vtt"

    with open(path, "rb") as handle:
        podcast = podcastparser.parse("http://example.org/pods/feed.xml", handle)
    assert podcast["episodes"][0]["title"] == HOSTILE
    assert podcast["episodes"][0]["enclosures"][0]["mime_type"] == "audio/mpeg"
    assert podcast["episodes"][0]["total_time"] > 5


def test_guids_are_stable_and_removed_briefings_leave(folder: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    first = feedparser.parse(update_feed(copy).read_bytes())
    again = feedparser.parse(update_feed(copy).read_bytes())
    assert [e.id for e in first.entries] == [e.id for e in again.entries]
    (copy / "second.mp3").unlink()
    after = feedparser.parse(update_feed(copy).read_bytes())
    assert [e.id for e in after.entries] == [first.entries[1].id]


def test_concurrent_updates_keep_a_valid_feed(folder: Path) -> None:
    errors: list[Exception] = []

    def update() -> None:
        try:
            for _ in range(5):
                update_feed(folder)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    run_threads(update, 4)
    assert not errors
    assert len(feedparser.parse((folder / "feed.xml").read_bytes()).entries) == 2
    assert not [p for p in os.listdir(folder) if p.endswith(".tmp")]
