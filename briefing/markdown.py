"""Markdown read into blocks: headings, paragraphs, items and quotations, without images,
captions, tables or inline HTML."""

from __future__ import annotations

import re

from .models import Block, Document
from .text import BULLET, quote_block, squash

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_REF = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


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


def markdown_document(text: str, source: str, url: str | None = None) -> Document:
    """A Markdown text's blocks, with its title and author from the first heading or front
    matter."""
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
