"""serve: a folder over HTTP with GET, HEAD and byte ranges, and nothing outside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.podcast import update_feed
from conftest import request

HOSTILE = 'Bonds & "yields" <rise> in Zürich — 5% up'


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
