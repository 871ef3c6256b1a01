"""podcast: the feed of a folder of briefings, checked with the parsers podcast apps use."""

from __future__ import annotations

import os
from pathlib import Path

import feedparser
import podcastparser
import pytest
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


def _copy(folder: Path, tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    return copy


def test_control_characters_in_a_title_are_cleaned_and_escaped(
    folder: Path, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from briefing.cli import main

    copy = _copy(folder, tmp_path)
    title = "My\x1b[2J news\r\x07 \u202eshow"
    for _ in range(2):  # the second run reads back what the first wrote
        result = CliRunner().invoke(main, ["feed", str(copy), "--title", title])
        assert result.exit_code == 0, result.output
    parsed = feedparser.parse((copy / "feed.xml").read_bytes())
    assert parsed.feed.title == "My[2J news show"


def test_foreign_mp3s_with_odd_tags_do_not_block_the_folder(folder: Path, tmp_path: Path) -> None:
    import shutil

    from mutagen.id3 import ID3, TXXX

    copy = _copy(folder, tmp_path)
    for n, (tag, value) in enumerate(
        [
            ("duration", "abc"),
            ("duration", "nan"),
            ("published", "2026-11-20T10:00:00"),
            ("published", "yesterday"),
            ("notes", "{not json"),
        ]
    ):
        odd = copy / f"odd-{n}.mp3"
        shutil.copy(copy / "second.mp3", odd)
        tags = ID3(str(odd))
        tags.delall(f"TXXX:briefing:{tag}")
        tags.add(TXXX(encoding=3, desc=f"briefing:{tag}", text=[value]))
        tags.delall("TXXX:briefing:guid")
        tags.save()
    (copy / "broken.mp3").write_bytes(b"ID3\x04\x00\x00\x00\x00\x00\x7f" + b"\xff" * 100)
    path = update_feed(copy)
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo
    assert len(parsed.entries) == 2 + 5  # the unreadable file is skipped, with a warning
    assert all(e.itunes_duration.count(":") == 2 for e in parsed.entries)


@pytest.mark.parametrize(
    "settings, message",
    [
        ('[channel]\nbase_url = "javascript:alert(1)"\n', "base_url must be an http(s) URL"),
        ("[channel]\ntitle = 3\n", "'title' must be a str"),
        ('[channel]\nexplicit = "yes"\n', "'explicit' must be a bool"),
        ("[channel\n", "not valid TOML"),
        (b"title = '\xff'\n", "not valid TOML"),
    ],
)
def test_bad_feed_settings_are_one_error_line(
    folder: Path, tmp_path: Path, settings, message
) -> None:
    from click.testing import CliRunner

    from briefing.cli import main

    copy = _copy(folder, tmp_path)
    data = settings if isinstance(settings, bytes) else settings.encode()
    (copy / "feed.toml").write_bytes(data)
    result = CliRunner().invoke(main, ["feed", str(copy)])
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and message in result.output
    assert result.output.count("\n") == 1


@pytest.mark.parametrize("errno", [28, 30], ids=["disk-full", "read-only"])
def test_feed_that_cannot_be_written_is_one_error_line(
    folder: Path, tmp_path: Path, monkeypatch, errno: int
) -> None:
    from click.testing import CliRunner

    from briefing.cli import main

    copy = _copy(folder, tmp_path)
    before = (copy / "feed.xml").read_bytes() if (copy / "feed.xml").exists() else None

    def fail(*args, **kwargs):
        raise OSError(errno, os.strerror(errno))

    monkeypatch.setattr("briefing.podcast.atomic_write", fail)
    result = CliRunner().invoke(main, ["feed", str(copy), "--title", "Another title"])
    assert result.exit_code == 1
    assert result.output == f"Error: cannot write the feed in {copy}: {os.strerror(errno)}\n"
    after = (copy / "feed.xml").read_bytes() if (copy / "feed.xml").exists() else None
    assert after == before  # the old feed is untouched


def test_items_carry_show_notes_and_the_lock_names_its_owner(folder: Path, tmp_path: Path) -> None:
    copy = _copy(folder, tmp_path)
    ns = {
        "podcast": "https://podcastindex.org/namespace/1.0",
        "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
        "content": "http://purl.org/rss/1.0/modules/content/",
    }
    xml = etree.fromstring(update_feed(copy).read_bytes())
    # No owner address was given: no owner, and no lock Podcast Index would ignore.
    assert xml.find("channel/itunes:owner", ns) is None
    assert xml.find("channel/podcast:locked", ns) is None
    for item in xml.findall("channel/item"):
        assert item.find("link") is None
        notes = etree.fromstring(item.find("content:encoded", ns).text, etree.HTMLParser())
        assert notes.findall(".//li/strong")
        assert len(item.find("description").text.encode()) < 4000
    settings = (copy / "feed.toml").read_text().replace('email = ""', 'email = "news@example.org"')
    (copy / "feed.toml").write_text(settings)
    xml = etree.fromstring(update_feed(copy).read_bytes())
    assert xml.find("channel/podcast:locked", ns).get("owner") == "news@example.org"
    assert xml.find("channel/itunes:owner/itunes:email", ns).text == "news@example.org"
