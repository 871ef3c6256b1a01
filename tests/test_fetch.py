"""fetch: one deadline per fetch (headers included), http(s) on every hop, bounded retries."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from briefing.errors import IngestError, NetworkError
from briefing.fetch import FetchOptions, RetryPolicy, fetch, is_url

PAGE = b"<html><body><h1>Port reopens</h1><p>" + b"The port reopened today. " * 20 + b"</p>"


def _answer(conn: socket.socket, path: str) -> None:
    if path == "/drip-headers":
        # A status line and headers a byte at a time: every read succeeds within its timeout.
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Pad: " + b"x" * 2000:
            conn.sendall(bytes([byte]))
            time.sleep(0.05)
    elif path == "/to-ftp":
        conn.sendall(
            b"HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/x\r\nContent-Length: 0\r\n\r\n"
        )
    elif path == "/to-file":
        conn.sendall(
            b"HTTP/1.1 301 Moved\r\nLocation: file:///etc/passwd\r\nContent-Length: 0\r\n\r\n"
        )
    elif path == "/busy":
        conn.sendall(
            b"HTTP/1.1 503 Busy\r\nRetry-After: 999999\r\nContent-Length: 0\r\n"
            b"Connection: close\r\n\r\n"
        )
    elif path == "/hop":
        conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: /ok\r\nContent-Length: 0\r\n\r\n")
    else:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
            + str(len(PAGE)).encode()
            + b"\r\nConnection: close\r\n\r\n"
            + PAGE
        )


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """A raw socket server, so it can misbehave below HTTP."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            try:
                request = conn.recv(4096).decode("latin-1")
                _answer(conn, request.split(" ")[1] if " " in request else "/")
            except OSError:
                pass

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()


def test_a_server_dripping_its_headers_is_cut_off_at_the_deadline(site: str) -> None:
    start = time.monotonic()
    with pytest.raises(NetworkError, match="too slow"):
        fetch(site + "/drip-headers", FetchOptions(timeout=1.0, deadline=2.0))
    assert time.monotonic() - start < 30  # the drip alone lasts 100 s


@pytest.mark.parametrize("path", ["/to-ftp", "/to-file"])
def test_redirects_leave_http_never(site: str, path: str) -> None:
    with pytest.raises(IngestError, match=r"redirects to .*not a web page"):
        fetch(site + path, FetchOptions(timeout=1.0))


def test_a_redirect_within_http_is_followed(site: str) -> None:
    fetched = fetch(site + "/hop", FetchOptions(timeout=1.0))
    assert fetched.url.endswith("/ok") and b"Port reopens" in fetched.body


def test_retry_after_is_capped_by_the_policy_and_the_deadline(site: str) -> None:
    start = time.monotonic()
    options = FetchOptions(timeout=1.0, deadline=3.0, retry=RetryPolicy(retries=5))
    with pytest.raises(NetworkError, match="HTTP 503"):
        fetch(site + "/busy", options)
    assert time.monotonic() - start < 30  # the server asked for 11 days


def test_retry_policy_stops_on_a_final_error_at_once() -> None:
    calls = []

    def attempt() -> None:
        calls.append(1)
        raise ValueError("final")

    with pytest.raises(ValueError):
        RetryPolicy(retries=3, first_delay=0.01).run(attempt, lambda exc: None, what="x")
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [("http://a.b/c", True), ("HTTPS://a.b", True), ("ftp://a.b", False), ("a.html", False)],
)
def test_is_url(text: str, expected: bool) -> None:
    assert is_url(text) is expected
