"""Shared fixtures: an isolated cache, configs on the tone engine, and audio readers."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from briefing.config import Config, load_profile
from briefing.ffmpeg import ffmpeg_exe

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nato_ukraine.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def tone_config(tmp_path: Path, isolated_cache: Path) -> Config:
    profile = load_profile("default").with_engine("tone")
    return Config(profile=profile, output_dir=tmp_path / "out", cache_dir=isolated_cache)


@pytest.fixture
def example() -> Path:
    return EXAMPLE


def decode(path: Path, rate: int = 44100) -> np.ndarray:
    """Samples of any audio file as float mono, decoded by ffmpeg."""
    result = subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            "-i",
            str(path),
            "-f",
            "s16le",
            "-ac",
            "1",
            "-ar",
            str(rate),
            "pipe:1",
        ],
        capture_output=True,
        check=True,
    )
    return np.frombuffer(result.stdout, dtype="<i2").astype(np.float64) / 32768.0


def mp3_stream_info(path: Path) -> str:
    """ffmpeg's description of the audio stream ("mp3, 44100 Hz, mono, fltp, 64 kb/s")."""
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path)],
        capture_output=True,
        text=True,
        errors="replace",  # ffmpeg cuts long tags mid-character
    )
    return next(line for line in result.stderr.splitlines() if "Audio:" in line)


def read_chapters(path: Path) -> list[tuple[str, int, int]]:
    """(title, start ms, end ms) of the CHAP frames in file order, via mutagen."""
    from mutagen.id3 import ID3

    tags = ID3(str(path))
    frames = [f for f in tags.values() if f.FrameID == "CHAP"]
    return [(f.sub_frames["TIT2"].text[0], f.start_time, f.end_time) for f in frames]


def ffprobe_chapters(path: Path) -> list[dict] | None:
    """Chapters as ffprobe lists them, or None where ffprobe is not installed."""
    import json

    exe = shutil.which("ffprobe")
    if not exe:
        return None
    result = subprocess.run(
        [exe, "-v", "error", "-show_chapters", "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)["chapters"]


def with_engine(config: Config, engine: str) -> Config:
    return replace(config, profile=config.profile.with_engine(engine))


#: A title with every character a feed, a tag or a page must escape.
#: Three stories of the repository, and their headlines.
def article_of(text: str, kind: str = "txt"):  # -> briefing.models.Article
    """The segmented article of a text, as a file of that kind would be read."""
    from briefing.ingest import document_from_bytes
    from briefing.segment import segment_document

    return segment_document(document_from_bytes(text.encode(), f"story.{kind}", kind=kind))


STORIES = [str(EXAMPLE), str(DATA / "harbor.txt"), str(DATA / "rail.md")]
HEADLINES = [
    "NATO commits to strengthening Ukraine's defenses",
    "City approves $40 million plan to rebuild storm-damaged harbor",
    "Regional rail line to add night trains from March",
]
HOSTILE = 'Bonds & "yields" <rise> in Zürich — 5% up'


@pytest.fixture(scope="session")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two tone-engine briefings, rendered once for every test that reads a folder of them
    (tests that change the folder work on a copy)."""
    root = tmp_path_factory.mktemp("briefings")
    render_two_briefings(root, DATA / "short_story.md", HOSTILE)
    return root


@pytest.fixture
def server(folder: Path) -> Iterator[str]:
    from briefing.server import make_server, server_url

    srv = make_server(folder, "127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield server_url(srv)
    srv.shutdown()
    srv.server_close()


def request(url: str, path: str, method: str = "GET", headers: dict | None = None):
    """(response, body) of one HTTP request to a test server."""
    import http.client

    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def render_two_briefings(folder: Path, first: Path, second_title: str) -> None:
    """Two tone-engine briefings in `folder`: FIRST on 23 Nov, and one titled SECOND_TITLE."""
    import datetime as dt

    from briefing.pipeline import make

    config = Config(
        profile=load_profile("default").with_engine("tone"),
        output_dir=folder,
        cache_dir=folder.parent / "cache",
    )
    make([str(first)], config, date=dt.date(2026, 11, 23))
    make(
        [str(DATA / "short_story.md")],
        replace(config, title=second_title),
        folder / "second.mp3",
        date=dt.date(2026, 11, 24),
    )


def run_threads(target: Callable[[], None], count: int) -> None:
    """`target` on `count` threads at once, returning when all are done."""
    threads = [threading.Thread(target=target) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
