"""Plain text as every reader needs it: decoded, cleaned, squashed and split into blocks."""

from __future__ import annotations

import re
import unicodedata

from .errors import IngestError
from .furniture import is_stamp
from .models import Block

BULLET = re.compile(r"^\s*(?:[•●▪◦·‣∙*+]|-(?!-)|\d{1,2}[.)])\s+")


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


# Control characters, zero-width marks and bidi overrides: nothing a listener hears, and from
# a remote page or feed they could recolour a terminal or reorder a title on screen.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def clean_text(text: str) -> str:
    """NFC, Unix newlines, no control characters, no-break spaces as spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text).replace("\u00a0", " ").replace("\u2028", "\n")
    return text


def clean_line(text: str) -> str:
    """A title or name from any source, as one clean line."""
    return squash(clean_text(text))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_blocks(text: str) -> tuple[Block, ...]:
    """Paragraphs split at blank lines; bullet lines stay separate items, stamp lines
    separate paragraphs."""
    blocks: list[Block] = []
    has_blank_lines = re.search(r"\n[ \t]*\n", text) is not None
    chunks = re.split(r"\n[ \t]*\n", text) if has_blank_lines else text.split("\n")
    for chunk in chunks:
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        para: list[str] = []
        for line in lines:
            # A live blog's "14:05 GMT" or "Posted at 12:02" above its entry stands apart, to
            # be dropped as a stamp, not read into the entry's first sentence.
            if BULLET.match(line) or is_stamp(line):
                if para:
                    blocks.append(Block("para", squash(" ".join(para))))
                    para = []
                item = BULLET.match(line)
                blocks.append(Block("item" if item else "para", squash(BULLET.sub("", line))))
            else:
                para.append(line)
        if para:
            blocks.append(Block("para", squash(" ".join(para))))
    return tuple(b for b in blocks if b.text)


def quote_block(text: str) -> Block:
    """A block quotation: a pull quote, or, with its own marks and attribution ("...," said
    X), a paragraph read like any other."""
    return Block("para" if re.search(r"[“”\"]", text) else "blockquote", text)


def slugify(text: str) -> str:
    """Lower-case letters and digits joined by hyphens, as in a URL or a file name."""
    text = text.lower().replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
