"""The web player page, loaded in a real headless Chromium against `briefing serve`."""

from __future__ import annotations

import http.client
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.podcast import update_feed
from briefing.server import make_server, server_url
from conftest import DATA, ROOT, render_two_briefings

HOSTILE = "<script>alert(1)</script> Markets & more"
ARTIFACTS = ROOT / "tests" / "artifacts"


def browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


pytestmark = pytest.mark.skipif(
    browser() is None, reason="no Chromium installed (.ci/run installs Debian's chromium)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("site")
    render_two_briefings(folder, DATA / "harbor.txt", HOSTILE)
    server = make_server(folder, "127.0.0.1", 0)
    url = server_url(server)
    update_feed(folder, base_url=url)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url, folder
    server.shutdown()
    server.server_close()


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=8000",
    ]
    return subprocess.run([browser(), *flags, *args], capture_output=True, text=True, timeout=120)


def test_page_lists_briefings_after_scripts_ran(site, tmp_path: Path) -> None:
    url, _ = site
    dom = chromium(tmp_path, "--dump-dom", url + "/").stdout
    assert "City approves $40 million plan to rebuild storm-damaged harbor" in dom
    # The hostile title is text on the page, never markup.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Markets &amp; more" in dom
    assert "<script>alert(1)</script>" not in dom
    audios = re.findall(r'<audio[^>]*src="([^"]+)"', dom)
    assert len(audios) == 2 and all(
        'preload="metadata"' in tag for tag in re.findall(r"<audio[^>]*>", dom)
    )
    host, port = url.removeprefix("http://").split(":")
    for src in audios:
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        conn.request("GET", "/" + src)
        response = conn.getresponse()
        assert response.status == 200 and response.getheader("Content-Type") == "audio/mpeg"
        response.read()
        conn.close()
    assert len(re.findall(r'<a href="#t=[\d.]+" data-start="[\d.]+"', dom)) >= 3
    assert '<link rel="alternate" type="application/rss+xml"' in dom
    assert 'href="feed.xml"' in dom
    # The script fetched each transcript and listed its cues (with speakers where quoted).
    assert len(re.findall(r'<li[^>]*>(?:<span class="speaker">[^<]*</span>)?[^<]+</li>', dom)) > 5
    assert "<track" in dom and "download" in dom


def test_phone_screenshot(site, tmp_path: Path) -> None:
    url, _ = site
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "player-phone.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=390,844", url + "/")
    assert shot.is_file() and shot.stat().st_size > 5000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
