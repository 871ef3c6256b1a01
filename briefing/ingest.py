"""Read a source (text, Markdown, HTML, URL or stdin) into a Document of plain-text blocks."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import BinaryIO

from .errors import IngestError
from .fetch import FetchOptions, fetch, is_url
from .models import Document
from .text import decode, text_blocks

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown")
SUFFIX_KINDS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "txt"}


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def document_from_bytes(
    data: bytes, source: str, *, kind: str | None = None, url: str | None = None
) -> Document:
    """A Document from raw bytes; `kind` is "txt", "md" or "html", else sniffed."""
    from .markdown import looks_like_markdown

    text = decode(data, source)
    if not text.strip():
        raise IngestError(f"{source} is empty")
    if kind is None:
        kind = "html" if looks_like_html(text) else "md" if looks_like_markdown(text) else "txt"
    if kind == "html":
        from .htmltext import html_document

        return html_document(text, source, url)
    if kind == "md":
        from .markdown import markdown_document

        return markdown_document(text, source, url)
    return Document(source=source, blocks=text_blocks(text), url=url)


def read_capped(handle: BinaryIO, max_bytes: int, source: str) -> bytes:
    """At most `max_bytes` of a stream (a file, a pipe, stdin); more is an error, not a wait
    for memory to run out."""
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(f"{source} is larger than the {max_bytes:,}-byte limit")
    return data


def read_file(source: str, max_bytes: int) -> bytes:
    """A file's bytes; folders and devices are refused, pipes read up to the limit."""
    path = Path(source)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IngestError(f"{source} is a folder, not an article")
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise IngestError(f"{source} is a device, not an article")
        with open(path, "rb") as handle:
            return read_capped(handle, max_bytes, source)
    except FileNotFoundError:
        raise IngestError(f"no such file: {source}") from None
    except OSError as exc:
        raise IngestError(f"cannot read {source}: {exc.strerror or exc}") from None


def read_source(
    source: str, options: FetchOptions | None = None, *, stdin: bytes | None = None
) -> Document:
    """Read a path, URL or `-` (with its bytes given as `stdin`) into a Document."""
    options = options or FetchOptions()
    if source == "-":
        if stdin is None:
            raise IngestError("no standard input given")
        if len(stdin) > options.max_bytes:
            raise IngestError(f"standard input is larger than the {options.max_bytes:,}-byte limit")
        return document_from_bytes(stdin, "-")
    if is_url(source):
        fetched = fetch(source, options)
        if fetched.content_type in HTML_TYPES:
            kind = "html"
        elif fetched.content_type in TEXT_TYPES:
            kind = None
        else:
            raise IngestError(f"{source} is {fetched.content_type}, not a web page or text")
        return document_from_bytes(fetched.body, source, kind=kind, url=fetched.url)
    data = read_file(source, options.max_bytes)
    return document_from_bytes(data, source, kind=SUFFIX_KINDS.get(Path(source).suffix.lower()))
