"""The web player page, loaded in a real headless Chromium against `briefing serve`."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import Page, browser, npm_tools

from briefing.podcast import update_feed
from briefing.server import make_server, server_url
from conftest import DATA, ROOT, render_two_briefings

HOSTILE = "<script>alert(1)</script> Markets & more"
ARTIFACTS = ROOT / "tests" / "artifacts"


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
    assert len(re.findall(r'<a href="#t=\d+" data-start="[\d.]+"', dom)) >= 3
    assert '<link rel="alternate" type="application/rss+xml"' in dom
    assert 'href="feed.xml"' in dom
    # The script fetched each transcript and listed its cues (with speakers where quoted).
    cue = r'<li[^>]*><button type="button" class="cue"[^>]*>(?:<span class="speaker">[^<]*</span>)?'
    assert len(re.findall(cue + r"[^<]+</button></li>", dom)) > 5
    assert "<track" in dom and "download" in dom


def test_phone_screenshot(site, tmp_path: Path) -> None:
    url, _ = site
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "player-phone.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=390,844", url + "/")
    assert shot.is_file() and shot.stat().st_size > 5000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def page(site, tmp_path: Path) -> Iterator[Page]:
    url, _ = site
    tab = Page(tmp_path / "profile")
    tab.open(url + "/")
    tab.wait_for("document.querySelectorAll('.transcript button.cue').length > 5")
    tab.wait_for("Array.from(document.querySelectorAll('audio')).every(a => a.readyState >= 1)")
    yield tab
    tab.close()


def playing(page: Page) -> list[bool]:
    return page.evaluate("Array.from(document.querySelectorAll('audio')).map(a => !a.paused)")


def test_keyboard_alone_reaches_and_runs_everything(page: Page) -> None:
    focused = set()
    for _ in range(120):
        page.press("Tab")
        focused.add(
            page.evaluate(
                "(e => e.tagName.toLowerCase() + (e.dataset.skip ? ':' + e.dataset.skip : '')"
                " + (e.id ? '#' + e.id : '') + ' ' + briefings.indexOf(e.closest('article')))"
                "(document.activeElement)"
            )
        )
    assert {"select#speed -1", "input#autonext -1", "a -1"} <= focused  # settings, feed link
    for n in (0, 1):  # each briefing: player, skips, download and chapter links, details
        assert {
            f"audio {n}",
            f"button:-15 {n}",
            f"button:30 {n}",
            f"a {n}",
            f"summary {n}",
        } <= focused
    # Space with nothing focused plays the first; starting another pauses it; Space then
    # pauses the one playing, not the first on the page.
    page.evaluate("document.activeElement.blur()")
    page.press("Space")
    page.wait_for("!document.querySelectorAll('audio')[0].paused")
    page.evaluate("document.querySelectorAll('audio')[1].play()", awaited=True)
    page.wait_for("document.querySelectorAll('audio')[0].paused")
    assert playing(page) == [False, True]
    page.press("Space")
    page.wait_for("document.querySelectorAll('audio')[1].paused")
    assert playing(page) == [False, False]
    # The arrows skip back 15 s and forward 30 s in the briefing last played.
    page.evaluate("document.querySelectorAll('audio')[1].currentTime = 20")
    page.press("ArrowLeft")
    assert page.evaluate("document.querySelectorAll('audio')[1].currentTime") == pytest.approx(
        5, abs=0.5
    )
    page.press("ArrowRight")
    assert page.evaluate("document.querySelectorAll('audio')[1].currentTime") == pytest.approx(
        35, abs=0.5
    )
    # The transcript opens from the keyboard, and a line seeks when activated.
    page.evaluate("document.querySelector('.transcript-box summary').focus()")
    page.press("Enter")
    assert page.evaluate("document.querySelector('.transcript-box').open")
    page.press("Tab")
    target = page.evaluate("document.activeElement.className")
    assert target == "cue"
    page.evaluate("document.activeElement.parentElement.nextElementSibling.firstChild.focus()")
    page.press("Enter")
    page.wait_for("!document.querySelectorAll('audio')[0].paused")
    assert page.evaluate("document.querySelectorAll('audio')[0].currentTime") > 0.5


def test_transcript_follows_playback_without_scrolling_the_window(page: Page) -> None:
    page.evaluate("document.querySelector('.transcript-box').open = true")
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate(
        "(a => { a.currentTime = a.duration - 3; a.dispatchEvent(new Event('timeupdate')); })"
        "(document.querySelectorAll('audio')[0])"
    )
    page.wait_for("document.querySelector('.transcript').scrollTop > 0")
    assert page.evaluate("window.scrollY") == 0
    assert page.evaluate("document.querySelectorAll('.transcript li.current').length") == 1


def test_speed_and_position_are_remembered_and_the_next_briefing_follows(page: Page, site) -> None:
    url, _ = site
    page.evaluate(
        "(s => { s.value = '1.5'; s.dispatchEvent(new Event('change')); })"
        "(document.getElementById('speed'))"
    )
    page.evaluate(
        "(a => { a.currentTime = 12; a.dispatchEvent(new Event('pause')); })"
        "(document.querySelectorAll('audio')[0])"
    )
    page.open(url + "/")
    page.wait_for("Array.from(document.querySelectorAll('audio')).every(a => a.readyState >= 1)")
    assert page.evaluate("document.getElementById('speed').value") == "1.5"
    assert page.evaluate("document.querySelectorAll('audio')[1].playbackRate") == 1.5
    page.wait_for("document.querySelectorAll('audio')[0].currentTime > 11")
    # The first briefing ends: the next one plays.
    page.evaluate("document.querySelectorAll('audio')[0].dispatchEvent(new Event('ended'))")
    page.wait_for("!document.querySelectorAll('audio')[1].paused")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations(page: Page, scheme: str) -> None:
    axe = (npm_tools() / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    page.dark(scheme == "dark")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    # A highlighted transcript line and chapter are part of what is checked.
    page.evaluate(
        "(a => { a.currentTime = 1; a.dispatchEvent(new Event('timeupdate')); })"
        "(document.querySelectorAll('audio')[0])"
    )
    page.evaluate(axe)
    found = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify("
        "r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => [v.id, v.nodes.map(n => n.target.join(' ')).slice(0, 3)])))",
        awaited=True,
    )
    assert json.loads(found) == []


def test_nu_html_checker_finds_no_errors(site, tmp_path: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is not installed: the Nu HTML checker (vnu.jar) needs it")
    jar = next((npm_tools() / "vnu-jar").glob("build/dist/vnu.jar"))
    url, _ = site
    with urllib.request.urlopen(url + "/", timeout=10) as response:
        (tmp_path / "page.html").write_bytes(response.read())
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", str(tmp_path / "page.html")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert messages == [], messages
