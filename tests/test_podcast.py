"""The podcast feed and the HTTP server, checked with feed parsers and real requests."""

from __future__ import annotations

import http.client
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import feedparser
import podcastparser
import pytest
from lxml import etree

from briefing.podcast import update_feed
from briefing.server import make_server, server_url
from conftest import DATA, render_two_briefings, run_threads

HOSTILE = 'Bonds & "yields" <rise> in Zürich — 5% up'


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("briefings")
    render_two_briefings(root, DATA / "short_story.md", HOSTILE)
    return root


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


@pytest.fixture
def server(folder: Path) -> Iterator[str]:
    srv = make_server(folder, "127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield server_url(srv)
    srv.shutdown()
    srv.server_close()


def request(url: str, path: str, method: str = "GET", headers: dict | None = None):
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_server_answers_range_requests(server: str, folder: Path) -> None:
    data = (folder / "second.mp3").read_bytes()
    response, body = request(server, "/second.mp3", headers={"Range": "bytes=100-199"})
    assert response.status == 206
    assert response.getheader("Content-Range") == f"bytes 100-199/{len(data)}"
    assert body == data[100:200]
    response, body = request(server, "/second.mp3", headers={"Range": "bytes=-50"})
    assert response.status == 206 and body == data[-50:]
    response, body = request(server, "/second.mp3", headers={"Range": f"bytes={len(data)}-"})
    assert response.status == 416
    assert response.getheader("Content-Range") == f"bytes */{len(data)}"
    response, body = request(server, "/second.mp3", "HEAD")
    assert response.status == 200 and body == b""
    assert response.getheader("Content-Length") == str(len(data))
    assert response.getheader("Content-Type") == "audio/mpeg"
    assert response.getheader("Accept-Ranges") == "bytes"


@pytest.mark.parametrize(
    ("name", "ctype"),
    [
        ("second.chapters.json", "application/json+chapters"),
        ("second.vtt", "text/vtt"),
        ("feed.xml", "application/rss+xml"),
    ],
)
def test_server_content_types(server: str, folder: Path, name: str, ctype: str) -> None:
    update_feed(folder)
    response, _ = request(server, "/" + name)
    assert response.status == 200
    assert response.getheader("Content-Type").split(";")[0] == ctype


def test_server_stays_inside_the_folder(server: str, folder: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    link = folder / "link.txt"
    if not link.exists():
        link.symlink_to(secret)
    try:
        for path in (
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/link.txt",
            "/.feed.lock",
            "/..%2f..%2fetc/passwd",
        ):
            response, body = request(server, path)
            assert response.status == 404, path
            assert b"secret" not in body
    finally:
        link.unlink()


def test_serve_prints_url_and_serves_feed(folder: Path) -> None:
    import subprocess
    import sys
    import time

    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", str(folder), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("http://127.0.0.1:") and line.endswith("/")
        for _ in range(50):
            try:
                response, body = request(line.rstrip("/"), "/feed.xml")
                break
            except ConnectionRefusedError:
                time.sleep(0.1)
        assert response.status == 200 and b"<rss" in body
    finally:
        process.terminate()
        process.wait(timeout=10)
