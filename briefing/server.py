"""Serve a folder of briefings over HTTP: GET, HEAD and byte ranges, and the web player."""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit

from .errors import ConfigError, PublishError

log = logging.getLogger(__name__)

CONTENT_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4b": "audio/mp4",
    ".xml": "application/rss+xml",
    ".vtt": "text/vtt; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
}
# Offsets beyond 18 digits are no file's: such a header is ignored (the whole file is sent).
_RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")
#: What is published: the folder's own files of these kinds. Not feed.toml (it may hold the
#: owner's email), not sub-folders, not hidden temp files and locks.
PUBLISHED = frozenset(CONTENT_TYPES)


def content_type(name: str) -> str:
    if name.endswith(".chapters.json"):
        return "application/json+chapters"
    return CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


class BriefingServer(ThreadingHTTPServer):
    # The default backlog of 5 drops connections when a player seeks with many requests.
    request_queue_size = 128
    daemon_threads = True
    allow_reuse_address = True


class Handler(SimpleHTTPRequestHandler):
    """Static files of one folder, with Range support and no way out of the folder."""

    server_version = "briefing"
    #: Seconds an idle connection is kept: a client that sends nothing frees its thread.
    timeout = 30
    root: Path
    page: Callable[[Path], bytes]
    #: The page, kept until a file in the folder changes (reading every MP3's tags per
    #: request would make the page slow on a large folder).
    pages: dict[tuple[Any, ...], bytes]

    def end_headers(self) -> None:
        # Web players on another origin may read the feed, chapters and transcripts.
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header(
            "Access-Control-Expose-Headers", "Content-Length, Content-Range, Accept-Ranges"
        )
        super().end_headers()

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Allow", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Range")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _page(self) -> bytes:
        try:
            stats = [
                (e.name, e.stat()) for e in sorted(os.scandir(self.root), key=lambda e: e.name)
            ]
            state = tuple((name, st.st_mtime_ns, st.st_size) for name, st in stats)
        except OSError:
            state = ()
        page = self.pages.get(state)
        if page is None:
            page = self.page(self.root)
            self.pages.clear()
            self.pages[state] = page
        return page

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def _resolve(self) -> Path | None:
        path = unquote(urlsplit(self.path).path)
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if any(p == ".." or "\\" in p or "\x00" in p for p in parts):
            return None
        if any(p.startswith(".") for p in parts):
            return None  # temp files, locks
        if len(parts) > 1 or (parts and Path(parts[0]).suffix.lower() not in PUBLISHED):
            return None
        target = self.root.joinpath(*parts) if parts else self.root
        try:
            real = target.resolve(strict=True)
        except (FileNotFoundError, RuntimeError, OSError):
            return None
        if real != self.root and self.root not in real.parents:
            return None  # a symlink out of the folder
        return real

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        self._range: tuple[int, int] | None = None
        target = self._resolve()
        if target is None:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        if target.is_dir():
            if target != self.root:
                self.send_error(HTTPStatus.NOT_FOUND, "Not found")
                return None
            return self._send_bytes(self._page(), "text/html; charset=utf-8")
        try:
            handle = open(target, "rb")  # noqa: SIM115 - returned to the caller, closed there
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        size = os.fstat(handle.fileno()).st_size
        header = self.headers.get("Range")
        status, start, end = HTTPStatus.OK, 0, size - 1
        if header:
            match = _RANGE.match(header.strip())
            if match and (match.group(1) or match.group(2)):
                first, last = match.group(1), match.group(2)
                if first:
                    start = int(first)
                    end = min(int(last), size - 1) if last else size - 1
                else:
                    start, end = max(0, size - int(last)), size - 1
                if start >= size or start > end or (not first and int(last) == 0):
                    handle.close()
                    self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    self.send_header("Content-Range", f"bytes */{size}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                status = HTTPStatus.PARTIAL_CONTENT
            # Other range forms (several ranges) get the whole file, as RFC 9110 allows.
        self.send_response(status)
        self.send_header("Content-Type", content_type(target.name))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(end - start + 1 if size else 0))
        if status == HTTPStatus.PARTIAL_CONTENT:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header(
            "Last-Modified", self.date_time_string(int(os.fstat(handle.fileno()).st_mtime))
        )
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        handle.seek(start)
        self._range = (start, end)
        return handle

    def _send_bytes(self, body: bytes, ctype: str) -> BinaryIO | None:
        import io

        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self._range = (0, len(body) - 1)
        return io.BytesIO(body)

    def copyfile(self, source: Any, outputfile: Any) -> None:
        remaining = self._range[1] - self._range[0] + 1 if self._range else None
        if remaining is None:
            shutil.copyfileobj(source, outputfile)
            return
        while remaining > 0:
            chunk = source.read(min(64 * 1024, remaining))
            if not chunk:
                break
            try:
                outputfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                return  # the player moved on (seeking)
            remaining -= len(chunk)


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 8000) -> BriefingServer:
    from .web.page import render_page

    root = Path(folder).resolve()
    if not root.is_dir():
        raise ConfigError(f"no such folder: {folder}")
    handler = type(
        "FolderHandler",
        (Handler,),
        {"root": root, "page": staticmethod(render_page), "pages": {}},
    )
    try:
        return BriefingServer((host, port), partial(handler))
    except OSError as exc:
        raise PublishError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def server_url(server: BriefingServer) -> str:
    address, port = server.server_address[:2]
    host = address.decode() if isinstance(address, bytes) else str(address)
    if host in ("0.0.0.0", "::"):
        host = _lan_address()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def _lan_address() -> str:
    """This machine's address on the local network, for URLs other devices can open."""
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"
