"""serve: a folder over HTTP with GET, HEAD and byte ranges, and nothing outside it."""

from __future__ import annotations

import os
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


def test_hostile_range_headers_are_ignored_not_fatal(server: str, folder: Path) -> None:
    size = (folder / "second.mp3").stat().st_size
    for header in ("bytes=" + "9" * 5000 + "-", "bytes=0-" + "9" * 5000, "bytes=1-2,5-6"):
        response, body = request(server, "/second.mp3", headers={"Range": header})
        assert response.status == 200 and len(body) == size
    response, _ = request(server, "/second.mp3", headers={"Range": "bytes=0-9"})
    assert response.status == 206  # the server is still answering


def test_cross_origin_players_may_read_everything(server: str) -> None:
    response, body = request(server, "/second.mp3", "OPTIONS", {"Origin": "http://x.test"})
    assert response.status == 204 and body == b""
    assert response.getheader("Access-Control-Allow-Origin") == "*"
    assert "Range" in response.getheader("Access-Control-Allow-Headers")
    for path in ("/second.vtt", "/second.chapters.json", "/"):
        response, _ = request(server, path)
        assert response.getheader("Access-Control-Allow-Origin") == "*"
    response, _ = request(server, "/second.mp3", headers={"Range": "bytes=0-9"})
    assert "Content-Range" in response.getheader("Access-Control-Expose-Headers")


def test_only_the_published_files_are_served(server: str, folder: Path) -> None:
    update_feed(folder)
    (folder / "notes").mkdir(exist_ok=True)
    (folder / "notes" / "draft.mp3").write_bytes(b"draft")
    (folder / "notes.txt").write_text("private")
    try:
        for path in ("/feed.toml", "/notes/draft.mp3", "/notes/", "/notes.txt"):
            response, _ = request(server, path)
            assert response.status == 404, path
    finally:
        (folder / "notes" / "draft.mp3").unlink()
        (folder / "notes").rmdir()
        (folder / "notes.txt").unlink()


def _serve(root: Path):
    import threading

    from briefing.server import make_server, server_url

    srv = make_server(root, "127.0.0.1", 0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, server_url(srv)


def test_page_is_cached_until_the_folder_changes(folder: Path, tmp_path: Path, monkeypatch) -> None:
    import shutil

    import briefing.web.page as page

    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    calls = []
    real = page.render_page
    monkeypatch.setattr(page, "render_page", lambda root: calls.append(root) or real(root))
    srv, url = _serve(copy)
    try:
        for _ in range(3):
            assert request(url, "/")[0].status == 200
        assert len(calls) == 1
        (copy / "second.vtt").touch()
        os.utime(copy / "second.vtt", (1, 1))
        assert request(url, "/")[0].status == 200
        assert len(calls) == 2
    finally:
        srv.shutdown()
        srv.server_close()


def test_page_lists_briefings_despite_a_broken_feed_toml(folder: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    (copy / "feed.toml").write_text("[channel\ntitle = ")
    srv, url = _serve(copy)
    try:
        response, body = request(url, "/")
        assert response.status == 200 and HOSTILE.split()[0].encode() in body
    finally:
        srv.shutdown()
        srv.server_close()


def test_idle_connections_are_closed(folder: Path, monkeypatch) -> None:
    import socket

    from briefing.server import Handler

    monkeypatch.setattr(Handler, "timeout", 0.5)
    srv, url = _serve(folder)
    try:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\n")  # and then nothing more
            assert sock.recv(1024) == b""  # closed by the server, not by our timeout
    finally:
        srv.shutdown()
        srv.server_close()
