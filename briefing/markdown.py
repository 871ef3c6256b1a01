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


class _Reader:
    """Markdown lines in, blocks out: paragraphs and quotations gather lines until a break."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.title: str | None = None
        self.para: list[str] = []
        self.quote: list[str] = []
        self.in_fence = False
        self.after_image = False

    def flush(self) -> None:
        if self.para:
            self.blocks.append(Block("para", md_inline(" ".join(self.para))))
            self.para.clear()
        if self.quote:
            self.blocks.append(quote_block(md_inline(" ".join(self.quote))))
            self.quote.clear()

    def skipped(self, line: str) -> bool:
        """Images and their captions, tables, fenced code, rules and comments: not read."""
        if _MD_IMAGE_LINE.fullmatch(line):
            self.flush()
            self.after_image = True  # an emphasized line right after it is its caption
            return True
        if self.after_image and line:
            self.after_image = False
            if _MD_CAPTION.fullmatch(line):
                return True
        if line.startswith(("```", "~~~")):
            self.flush()
            self.in_fence = not self.in_fence
            return True
        table = line.startswith("|") and line.count("|") >= 2
        if self.in_fence or table or re.fullmatch(r"[-*_=]{3,}", line) or line.startswith("<!--"):
            self.flush()
            return True
        return False

    def heading(self, text: str, level: int) -> None:
        self.flush()
        body = md_inline(text)
        if level == 1 and self.title is None:
            self.title = body
            self.blocks.append(Block("title", body))
        elif body:
            self.blocks.append(Block("heading", body))

    def line(self, line: str, following: str) -> None:
        if self.skipped(line):
            return
        if line and not self.para and re.fullmatch(r"={3,}|-{3,}", following):
            # Setext headings: a line underlined by === or ---.
            self.heading(line, 1 if following.startswith("=") else 2)
        elif heading := _MD_HEADING.match(line):
            self.heading(heading.group(2), len(heading.group(1)))
        elif line.startswith(">"):
            if self.para:
                self.flush()
            self.quote.append(line.lstrip(">").strip())
        elif BULLET.match(line):
            self.flush()
            self.blocks.append(Block("item", md_inline(BULLET.sub("", line))))
        elif not line:
            self.flush()
        else:
            if self.quote:
                self.flush()
            self.para.append(line)


def markdown_blocks(text: str) -> tuple[tuple[Block, ...], str | None]:
    """Blocks of a Markdown text and its first level-1 heading (the title)."""
    reader = _Reader()
    lines = [line.strip() for line in text.split("\n")]
    for line, following in zip(lines, [*lines[1:], ""]):
        reader.line(line, following)
    reader.flush()
    return tuple(b for b in reader.blocks if b.text), reader.title


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
