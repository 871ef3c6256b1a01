"""Read a source (text, Markdown, HTML, URL or stdin) into plain-text blocks."""

from __future__ import annotations

import json
import logging
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import IngestError, NetworkError
from .models import Block, Document

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown")
BULLET = re.compile(r"^\s*(?:[•●▪◦·‣∙*+]|-(?!-)|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class Fetched:
    url: str
    body: bytes
    content_type: str


# --- bytes to text ---------------------------------------------------------------------------


def decode(data: bytes, source: str) -> str:
    """Text from bytes in UTF-8 (with or without BOM) or cp1252, NFC-normalized."""
    if b"\x00" in data[:8192]:
        raise IngestError(f"{source} looks like a binary file, not an article")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if "\ufffd" in text or not _looks_like_text(text):
            raise IngestError(f"{source} is not text in UTF-8 or cp1252") from None
    controls = sum(
        1 for ch in text[:8192] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f"
    )
    if controls > max(8, len(text[:8192]) // 50):
        raise IngestError(f"{source} looks like a binary file, not an article")
    return clean_text(text)


def _looks_like_text(text: str) -> bool:
    """Most characters of real text are letters, digits, spaces or common punctuation."""
    sample = text[:20000]
    if not sample.strip():
        return True
    common = set(".,;:!?'\"()-–—’“”‘<>/=&#%$€£")
    plain = sum(1 for ch in sample if ch.isalnum() or ch.isspace() or ch in common)
    return plain / len(sample) > 0.75


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff]")


def clean_text(text: str) -> str:
    """NFC, Unix newlines, no control characters, no-break spaces as spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text).replace("\u00a0", " ").replace("\u2028", "\n")
    return text


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- plain text and Markdown -----------------------------------------------------------------


def text_blocks(text: str) -> tuple[Block, ...]:
    """Paragraphs split at blank lines; bullet lines stay separate items."""
    blocks: list[Block] = []
    has_blank_lines = re.search(r"\n[ \t]*\n", text) is not None
    chunks = re.split(r"\n[ \t]*\n", text) if has_blank_lines else text.split("\n")
    for chunk in chunks:
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        para: list[str] = []
        for line in lines:
            if BULLET.match(line):
                if para:
                    blocks.append(Block("para", squash(" ".join(para))))
                    para = []
                blocks.append(Block("item", squash(BULLET.sub("", line))))
            else:
                para.append(line)
        if para:
            blocks.append(Block("para", squash(" ".join(para))))
    return tuple(b for b in blocks if b.text)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_REF = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def quote_block(text: str) -> Block:
    """A block quotation: a pull quote, or, with its own marks and attribution ("...," said
    X), a paragraph read like any other."""
    return Block("para" if re.search(r"[“”\"]", text) else "blockquote", text)


def md_inline(text: str) -> str:
    text = _MD_LINK.sub(lambda m: "" if m.group(0).startswith("!") else m.group(1), text)
    text = _MD_REF.sub(r"\1", text)
    text = re.sub(r"<https?://[^>]+>", "", text)
    text = re.sub(r"</?[A-Za-z][^<>]*>", " ", text)  # inline HTML: its text only
    for _ in range(2):
        text = _MD_EMPH.sub(r"\2", text)
    return squash(text.replace("\\", ""))


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML front matter's simple `key: value` lines, and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields = {}
    for line in match.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().isidentifier():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end() :]


_MD_IMAGE_LINE = re.compile(r"(?:!\[[^\]]*\]\([^)]*\)\s*)+")
_MD_CAPTION = re.compile(r"([*_]{1,2})[^*_].*\1")


def markdown_blocks(text: str) -> tuple[tuple[Block, ...], str | None]:
    """Blocks of a Markdown text and its first level-1 heading (the title)."""
    blocks: list[Block] = []
    title: str | None = None
    para: list[str] = []
    quote: list[str] = []
    in_fence = False
    lines = text.split("\n")

    def flush() -> None:
        if para:
            blocks.append(Block("para", md_inline(" ".join(para))))
            para.clear()
        if quote:
            blocks.append(quote_block(md_inline(" ".join(quote))))
            quote.clear()

    after_image = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if _MD_IMAGE_LINE.fullmatch(line):
            flush()
            after_image = True  # an emphasized line right after it is its caption
            continue
        if after_image and line:
            after_image = False
            if _MD_CAPTION.fullmatch(line):
                continue
        if line.startswith("|") and line.count("|") >= 2:
            flush()  # tables are not read aloud
            continue
        if line.startswith("```") or line.startswith("~~~"):
            flush()
            in_fence = not in_fence
            continue
        if in_fence or re.fullmatch(r"[-*_=]{3,}", line) or line.startswith("<!--"):
            flush()
            continue
        # Setext headings: a line underlined by === or ---.
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if line and not para and re.fullmatch(r"={3,}|-{3,}", nxt):
            flush()
            kind = "title" if nxt.startswith("=") and title is None else "heading"
            title = title or (md_inline(line) if kind == "title" else None)
            blocks.append(Block(kind, md_inline(line)))
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            flush()
            level, body = len(heading.group(1)), md_inline(heading.group(2))
            if level == 1 and title is None:
                title = body
                blocks.append(Block("title", body))
            elif body:
                blocks.append(Block("heading", body))
        elif line.startswith(">"):
            if para:
                flush()
            quote.append(line.lstrip(">").strip())
        elif BULLET.match(line):
            flush()
            blocks.append(Block("item", md_inline(BULLET.sub("", line))))
        elif not line:
            flush()
        else:
            if quote:
                flush()
            para.append(line)
    flush()
    return tuple(b for b in blocks if b.text), title


def looks_like_markdown(text: str) -> bool:
    return bool(re.search(r"^#{1,6}\s+\S", text, re.M)) or bool(re.search(r"\]\(https?://", text))


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


# --- HTML ------------------------------------------------------------------------------------


_JSON_LD = re.compile(
    r"<script[^>]*type=[\"']application/ld\+json[\"'][^>]*>(?P<body>.*?)</script>", re.I | re.S
)


def _ld_items(data: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD payload, through lists and @graph."""
    if isinstance(data, list):
        for item in data:
            yield from _ld_items(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_items(data.get("@graph", []))


def json_ld_document(html: str, source: str, url: str | None = None) -> Document | None:
    """The article a page carries in its JSON-LD (`articleBody`), for pages that build their
    text with scripts and leave the extractor nothing to read."""
    for match in _JSON_LD.finditer(html):
        try:
            payload = json.loads(match.group("body"))
        except ValueError:
            continue
        for item in _ld_items(payload):
            body = item.get("articleBody")
            if not isinstance(body, str) or len(body.split()) < 20:
                continue
            authors = item.get("author")
            names = [
                a["name"]
                for a in (authors if isinstance(authors, list) else [authors])
                if isinstance(a, dict) and isinstance(a.get("name"), str)
            ]
            paragraphs = [squash(p) for p in body.splitlines() if squash(p)]
            headline, published = item.get("headline"), item.get("datePublished")
            return Document(
                source=source,
                blocks=tuple(Block("para", p) for p in paragraphs),
                title=squash(headline) if isinstance(headline, str) else None,
                byline=" and ".join(names) or None,
                url=url,
                date=published if isinstance(published, str) else None,
                structured=True,
            )
    return None


def _story_in_data(
    html: str, source: str, url: str | None, *, extracted_words: int
) -> Document | None:
    """The page's JSON-LD story when the markup gave little: nothing, a teaser or a notice."""
    if extracted_words >= 50:
        return None
    embedded = json_ld_document(html, source, url)
    if embedded and sum(len(b.text.split()) for b in embedded.blocks) > 2 * extracted_words:
        return embedded
    return None


_FRAGMENT_KINDS = {
    "p": "para",
    "li": "item",
    **{f"h{n}": "heading" for n in range(1, 7)},
}


def fragment_blocks(html: str) -> tuple[Block, ...]:
    """The blocks of an HTML fragment that is all story (a feed item's content): paragraphs,
    headings, list items and block quotes, without images, captions or link-only lines."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ()
    for junk in root.xpath(".//script|.//style|.//figure|.//figcaption|.//img|.//iframe"):
        junk.drop_tree()
    blocks: list[Block] = []
    for el in root.iter(*_FRAGMENT_KINDS):
        if any(a.tag in _FRAGMENT_KINDS for a in el.iterancestors()):
            continue  # its text belongs to the enclosing block
        text = squash(el.text_content())
        links = [squash(a.text_content()) for a in el.iter("a")]
        if not text or links == [text]:
            continue
        if any(a.tag == "blockquote" for a in el.iterancestors()):
            blocks.append(quote_block(text))
        else:
            blocks.append(Block(_FRAGMENT_KINDS[el.tag], text))
    return tuple(blocks)


_DOUBLE_BREAK = re.compile(r"(?:<br\s*/?>\s*){2,}", re.I)


def html_document(html: str, source: str, url: str | None = None) -> Document:
    """Main text of a web page via trafilatura, keeping headings and the visible headline."""
    try:
        import trafilatura
        from lxml import etree
        from lxml import html as lxml_html
    except ImportError as exc:  # pragma: no cover - installed with the package
        raise IngestError(
            f"HTML support needs trafilatura: pip install trafilatura ({exc})"
        ) from exc
    # Older pages set paragraphs apart with <br><br> in one cell; as paragraphs, the
    # extractor can tell the story from the menu and byline around it.
    html = _DOUBLE_BREAK.sub("<p>", html)
    xml = trafilatura.extract(
        html,
        url=url,
        output_format="xml",
        include_formatting=True,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        favor_recall=True,
    )
    if not xml:
        embedded = _story_in_data(html, source, url, extracted_words=0)
        if embedded is None:
            raise IngestError(f"no article text found in {source}")
        return embedded
    root = etree.fromstring(xml.encode("utf-8"))
    blocks: list[Block] = []
    for el in root.iter("head", "p", "quote", "item"):
        text = squash("".join(el.itertext()))
        if not text:
            continue
        if el.tag == "head":
            blocks.append(Block("heading", text))
        elif el.tag == "quote":
            blocks.append(quote_block(text))
        elif el.tag == "item":
            blocks.append(Block("item", text))
        elif el.getparent() is not None and el.getparent().tag in ("quote", "item"):
            continue
        else:
            blocks.append(Block("para", text))
    title = None
    try:
        page = lxml_html.fromstring(html)
        h1 = page.xpath("//article//h1 | //main//h1") or page.xpath("//h1")
        if h1:
            title = squash(h1[0].text_content()) or None
    except (etree.ParserError, ValueError):
        page = None
    title = title or root.get("title")
    blocks = [b for b in blocks if not (title and b.kind == "heading" and b.text == title)]
    if page is not None:
        # A block that is nothing but the text of one link is navigation ("Fair opens
        # Friday" under "Top stories"), not prose.
        links = {squash(a.text_content()) for a in page.iter("a")}
        blocks = [b for b in blocks if b.text not in links or len(b.text.split()) > 20]
    byline = root.get("author")
    if byline and page is not None:
        byline = _restore_initials(byline, squash(page.text_content()))
    byline = without_job_title(byline) if byline else None
    extracted = sum(len(b.text.split()) for b in blocks if b.kind == "para")
    embedded = _story_in_data(html, source, url, extracted_words=extracted)
    if embedded is not None:
        return embedded
    return Document(
        source=source,
        blocks=tuple(blocks),
        title=title,
        byline=byline,
        url=url,
        date=root.get("date"),
        structured=True,
    )


_JOB_TITLE = re.compile(
    r"(?:[,;]\s*|\s+[-–—|]\s*|(?-i:(?<=[a-z])(?=[A-Z])))(?:(?-i:[A-Z][a-z&-]*|and|of|for)\s+){0,4}"
    r"(?:correspondent|reporter|editor|writer|columnist|producer|journalist|analyst|"
    r"contributor|staff)\b.*$",
    re.I,
)


def without_job_title(byline: str) -> str | None:
    """A byline's names without the role a page prints beside them.

    Pages often set the role in its own element, and text extraction glues it on:
    "Priya ShahEnvironment correspondent".
    """
    names = _JOB_TITLE.sub("", byline).strip(" ,;|-")
    return names or None


def _restore_initials(author: str, page_text: str) -> str:
    """trafilatura drops the period of initials ("Dana A Ford"); take the page's spelling."""
    pattern = r"\.?\s*".join(re.escape(part) for part in author.split())
    match = re.search(pattern, page_text)
    return match.group(0) if match else author


# --- URLs ------------------------------------------------------------------------------------


def fetch(
    url: str,
    *,
    timeout: float = 15.0,
    max_bytes: int = 10_000_000,
    user_agent: str = "briefing",
    retries: int = 2,
    accept: str = "text/html",
) -> Fetched:
    """GET a URL with timeouts, a size cap, bounded redirects and retries on 429/5xx."""
    # The network modules load here: reading files, and every re-run, do without them.
    import socket
    import urllib.error
    import urllib.parse
    import urllib.request

    class LimitedRedirects(urllib.request.HTTPRedirectHandler):
        max_redirections = 5

    parsed = urllib.parse.urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise IngestError(f"not an http(s) URL: {url}")
    opener = urllib.request.build_opener(LimitedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": accept})
    delay = 0.5
    for attempt in range(retries + 1):
        try:
            with opener.open(request, timeout=timeout) as response:
                length = response.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > max_bytes:
                    raise IngestError(f"{url} is larger than the {max_bytes:,}-byte limit")
                body = _read_capped(response, url, max_bytes, time.monotonic() + 3 * timeout)
                ctype = response.headers.get_content_type()
                return Fetched(response.geturl(), body, ctype)
        except urllib.error.HTTPError as exc:
            if exc.code in (301, 302, 303, 307, 308):
                raise NetworkError(f"{url}: too many redirects") from None
            if (exc.code == 429 or exc.code >= 500) and attempt < retries:
                wait = _retry_after(exc.headers.get("Retry-After"), delay)
                log.info("%s answered %s; retrying in %.1f s", url, exc.code, wait)
                time.sleep(wait)
                delay *= 2
                continue
            if exc.code == 429 or exc.code >= 500:
                raise NetworkError(f"{url}: HTTP {exc.code} {exc.reason}") from None
            raise IngestError(f"{url}: HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            # A name that does not resolve will not resolve a second later either.
            if attempt < retries and not isinstance(reason, socket.gaierror):
                log.info("%s failed (%s); retrying in %.1f s", url, reason, delay)
                time.sleep(delay)
                delay *= 2
                continue
            raise NetworkError(f"cannot fetch {url}: {reason}") from None
    raise NetworkError(f"cannot fetch {url}")  # pragma: no cover - loop always returns or raises


def _read_capped(response: Any, url: str, max_bytes: int, deadline: float) -> bytes:
    """The body, refusing more than `max_bytes` and a server that drips past the deadline."""
    chunks: list[bytes] = []
    size = 0
    read = getattr(response, "read1", response.read)  # read1 returns what has arrived
    while True:
        chunk = read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(f"{url} is larger than the {max_bytes:,}-byte limit")
        if time.monotonic() > deadline:
            raise NetworkError(f"{url} is too slow: gave up after {size:,} bytes")
        chunks.append(chunk)


def _retry_after(value: str | None, default: float) -> float:
    if value and value.strip().isdigit():
        return min(float(value), 30.0)
    return default


# --- entry point -----------------------------------------------------------------------------


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def document_from_bytes(
    data: bytes, source: str, *, kind: str | None = None, url: str | None = None
) -> Document:
    """A Document from raw bytes; `kind` is "txt", "md" or "html", else sniffed."""
    text = decode(data, source)
    if not text.strip():
        raise IngestError(f"{source} is empty")
    if kind is None:
        kind = "html" if looks_like_html(text) else "md" if looks_like_markdown(text) else "txt"
    if kind == "html":
        return html_document(text, source, url)
    if kind == "md":
        fields, text = front_matter(text)
        blocks, title = markdown_blocks(text)
        return Document(
            source=source,
            blocks=blocks,
            title=title or fields.get("title") or None,
            byline=fields.get("author") or None,
            url=url,
            structured=True,
        )
    return Document(source=source, blocks=text_blocks(text), url=url)


def read_source(
    source: str,
    *,
    stdin: bytes | None = None,
    timeout: float = 15.0,
    max_bytes: int = 10_000_000,
    user_agent: str = "briefing",
) -> Document:
    """Read a path, URL or `-` (with its bytes given as `stdin`) into a Document."""
    if source == "-":
        if stdin is None:
            raise IngestError("no standard input given")
        if len(stdin) > max_bytes:
            raise IngestError(f"standard input is larger than the {max_bytes:,}-byte limit")
        return document_from_bytes(stdin, "-")
    if is_url(source):
        fetched = fetch(source, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent)
        if fetched.content_type in HTML_TYPES:
            kind = "html"
        elif fetched.content_type in TEXT_TYPES:
            kind = None
        else:
            raise IngestError(f"{source} is {fetched.content_type}, not a web page or text")
        return document_from_bytes(fetched.body, source, kind=kind, url=fetched.url)
    path = Path(source)
    if not path.exists():
        raise IngestError(f"no such file: {source}")
    if path.is_dir():
        raise IngestError(f"{source} is a folder, not an article")
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(f"{source} is larger than the {max_bytes:,}-byte limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {source}: {exc.strerror}") from None
    suffix = path.suffix.lower()
    kind = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "txt"}.get(
        suffix
    )
    return document_from_bytes(data, source, kind=kind)
