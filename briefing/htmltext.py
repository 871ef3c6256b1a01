"""The story of a web page: trafilatura's main text, the visible headline, the byline, and the
page's JSON-LD article when the markup holds only a teaser."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from .errors import IngestError
from .models import Block, BlockKind, Document
from .text import quote_block, squash


def _ld_items(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD payload, through lists and @graph (not past a sane depth)."""
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_items(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _ld_items(data.get("@graph", []), depth + 1)


def _ld_payloads(page: Any) -> Iterator[Any]:
    """The parsed JSON-LD blocks of a page, read from its DOM; what does not parse is skipped."""
    for script in page.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            yield json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue  # broken or hostile (nested beyond reason) data is not a story


def json_ld_document(page: Any, source: str, url: str | None = None) -> Document | None:
    """The article a page carries in its JSON-LD (`articleBody`), for pages that build their
    text with scripts and leave the extractor nothing to read."""
    for payload in _ld_payloads(page):
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


def _story_in_data(embedded: Document | None, *, extracted_words: int) -> Document | None:
    """The page's JSON-LD story when the markup gave little: nothing, a teaser or a notice."""
    if extracted_words >= 50:
        return None
    if embedded and sum(len(b.text.split()) for b in embedded.blocks) > 2 * extracted_words:
        return embedded
    return None


def _with_visible_title(story: Document, title: str | None) -> Document:
    """The page's data under the headline readers see: the data's own is often an SEO title
    or cut short ("... for Hong Kong leader...")."""
    return replace(story, title=title) if title else story


_FRAGMENT_KINDS: dict[str, BlockKind] = {
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
_INLINE = frozenset(
    "a abbr b cite code em font i mark q s small span strong sub sup time u".split()
)


def _keep_spaces_between_inline(page: Any) -> None:
    """The extractor drops whitespace-only text between two inline elements, gluing
    "<em>Frontiers</em>&nbsp;<em>in</em>" into "Frontiersin": move the space inside."""
    for el in page.iter(*_INLINE):
        tail, after = el.tail, el.getnext()
        if not tail or tail.strip() or after is None or after.tag not in _INLINE:
            continue
        el.tail = None
        if len(el):
            el[-1].tail = (el[-1].tail or "") + " "
        else:
            el.text = (el.text or "") + " "


def _page_facts(page: Any) -> tuple[str | None, set[str]]:
    """The visible headline and the text of every link, read before extraction edits the tree."""
    headings = page.xpath("//article//h1 | //main//h1") or page.xpath("//h1")
    # An <h1> that is only a link may be a section's name ("Letters to the Editor") above the
    # real one; it is the headline only when no <h1> has text of its own.
    found = [_headline_text(h) for h in headings]
    titles = [t for t, linked in found if t and not linked] or [t for t, _ in found if t]
    return (titles[0] if titles else None), {squash(a.text_content()) for a in page.iter("a")}


def _headline_text(h1: Any) -> tuple[str, bool]:
    """An <h1>'s headline without a section link set in it as a kicker ("Letters to the
    Editor | Letters: ..."), and whether it is nothing but a link."""
    import copy

    whole = squash(h1.text_content())
    bare = copy.deepcopy(h1)
    for link in bare.xpath(".//a"):
        link.drop_tree()  # the link's text goes, the text after it stays
    own = squash(bare.text_content()).strip(" |–—-:")
    if not own:
        return whole, True
    return (own if len(own.split()) >= 3 else whole), False


def _xml_blocks(root: Any) -> list[Block]:
    """The blocks of trafilatura's XML: headings, paragraphs, quotes and list items."""
    for el in root.iter("lb", "p", "item"):
        # A line break, or one paragraph of a quotation after another, is a space when read.
        el.tail = " " + (el.tail or "")
    blocks: list[Block] = []
    for el in root.iter("head", "p", "quote", "item"):
        text = squash("".join(el.itertext()))
        if not text:
            continue
        parent = el.getparent()
        if el.tag == "head":
            blocks.append(Block("heading", text))
        elif el.tag == "quote":
            blocks.append(quote_block(text))
        elif el.tag == "item":
            blocks.append(Block("item", text))
        elif parent is None or parent.tag not in ("quote", "item"):
            blocks.append(Block("para", text))
    return blocks


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
    try:
        page = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(f"no article text found in {source}") from exc
    title, links = _page_facts(page)
    embedded = json_ld_document(page, source, url)
    _keep_spaces_between_inline(page)
    xml = trafilatura.extract(
        page,
        url=url,
        output_format="xml",
        include_formatting=True,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        favor_recall=True,
    )
    if not xml:
        if embedded is None:
            raise IngestError(f"no article text found in {source}")
        return _with_visible_title(embedded, title)
    root = etree.fromstring(xml.encode("utf-8"))
    title = title or root.get("title")
    blocks = [
        b
        for b in _xml_blocks(root)
        if not (title and b.kind == "heading" and b.text == title)
        # A block that is nothing but the text of one link is navigation ("Fair opens
        # Friday" under "Top stories"), not prose.
        and (b.text not in links or len(b.text.split()) > 20)
    ]
    byline = root.get("author")
    if byline:
        byline = _restore_initials(byline, squash(page.text_content()))
    byline = without_job_title(byline) if byline else None
    extracted = sum(len(b.text.split()) for b in blocks if b.kind == "para")
    story = _story_in_data(embedded, extracted_words=extracted)
    if story is not None:
        return _with_visible_title(story, title)
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
    "Priya ShahEnvironment correspondent"; a date or an "Updated" stamp is no name.
    """
    names = _JOB_TITLE.sub("", byline).strip(" ,;|-")
    # trafilatura joins what stands beside the names: "Sam Lee; Updated ; Thu December 5".
    parts = [p.strip() for p in names.split(";")]
    kept = [p for p in parts if p and not _STAMP.search(p)]
    return "; ".join(kept) or None


_STAMP = re.compile(r"\d|^(?:updated|published|posted|modified|last updated)\b", re.I)


def _restore_initials(author: str, page_text: str) -> str:
    """trafilatura drops the period of initials ("Dana A Ford"); take the page's spelling."""
    pattern = r"\.?\s*".join(re.escape(part) for part in author.split())
    match = re.search(pattern, page_text)
    return match.group(0) if match else author
