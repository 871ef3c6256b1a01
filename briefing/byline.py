"""Who wrote a story and where it was filed: bylines, agencies and datelines, however a page
or a pasted clip sets them."""

from __future__ import annotations

import re

from .furniture import is_stamp

AGENCIES = (
    "Reuters|AP|The Associated Press|Associated Press|AFP|Agence France-Presse|Bloomberg|CNN|"
    "BBC News|BBC|dpa|UPI|Xinhua|EFE|ANSA|Kyodo|Yonhap|PA Media|Press Association|Scribe"
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|del|der|la|le|al|bin))*"
_NAMES = rf"{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*"
_BYLINE_BY = re.compile(
    rf"^(?:Story\s+|Written\s+|Words\s+|Reported\s+)?[Bb]y\s*:?\s+(?P<names>{_NAMES}?)\s*"
    rf"(?:[|,–—-]\s*(?P<agency>[^|]+?))?\s*(?:\|\s*(?P<more>.+))?$"
)
_AGENCY_TAIL = re.compile(rf"\s(?P<agency>{AGENCIES})$")
_BYLINE_AGENCY = re.compile(rf"^(?P<names>{_NAMES}),\s*(?P<agency>{AGENCIES})$")
# "Title By Ann Lee and Tom Reed | Reuters November 6, 2024 4:12 PM GMT+1 Updated 2 hours
# ago": a pasted clip's first line holds the headline, the byline and a stamp.
_TITLE_BY = re.compile(
    rf"^(?P<title>.{{10,200}}?)\s+By\s+(?P<names>{_NAMES})\s*(?:\|\s*(?P<agency>{AGENCIES}))?"
    r"(?P<rest>\s.*)?$"
)


def _names_and_agency(names: str, agency: str | None) -> tuple[str, str | None]:
    names = names.strip(" ,")
    # "By Ann Lee and Tom Reed Associated Press": the agency set after the names.
    glued = _AGENCY_TAIL.search(names)
    if glued and not agency and glued.start() > 0:
        names, agency = names[: glued.start()].strip(" ,"), glued.group("agency")
    return names, agency.strip() if agency else None


def parse_byline(text: str) -> tuple[str, str | None] | None:
    """(names, agency) when a block is a byline ("By Jane Doe | Reuters", "Written by: Jo
    Park", "Jane Doe, Reuters"), else None."""
    if len(text.split()) > 16:
        return None
    match = _BYLINE_BY.match(text)
    if match and match.group("names"):
        more = match.group("more")
        agency = match.group("agency")
        if agency and is_stamp(agency):
            agency = None
        if more and not is_stamp(more) and len(more.split()) > 6:
            return None
        return _names_and_agency(match.group("names"), agency)
    match = _BYLINE_AGENCY.match(text)
    if match:
        return match.group("names").strip(), match.group("agency")
    return None


def split_title_line(text: str) -> tuple[str, str, str | None] | None:
    """(title, names, agency) of a pasted clip's glued first line, else None."""
    match = _TITLE_BY.match(text)
    if not match:
        return None
    rest = (match.group("rest") or "").strip()
    if rest and not is_stamp(rest):
        return None
    names, agency = _names_and_agency(match.group("names"), match.group("agency"))
    return match.group("title").strip(" |-–—"), names, agency


_SPACED = re.compile(r"\b(?:[A-Z] ){2,}[A-Z]\b")
_PLACE = r"[A-Z][A-Z.'’ -]{2,}[A-Z.](?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,2})?"
#: A place in title case counts only with its agency: "Kyiv (AFP) -".
_TITLE_PLACE = (
    rf"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?"
    rf"(?=\s*\((?:{AGENCIES})\))"
)
_DATE = r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))"
_DATELINE = re.compile(
    rf"^(?P<before>.{{0,80}}?\s)??(?P<dl>(?:{_PLACE}|{_TITLE_PLACE})?"
    rf"(?:\s*\((?:{AGENCIES}|[A-Z][A-Za-z.&' ]{{1,24}})\))?)\s*[—–-]{{1,2}}\s+"
    # "NEW DELHI, Dec 5:" and "LONDON:": a place in capitals and a colon, as South Asian
    # and Gulf papers set it.
    rf"|^(?P<colon>[A-Z][A-Z.'’ -]{{2,}}[A-Z.]{_DATE}?):\s+"
)


def strip_dateline(text: str) -> tuple[str, str | None]:
    """The first paragraph without its dateline ("KYIV, Ukraine (AP) — ..."), also when a
    stamp or spaced letters come first ("N E W Y O R K (Reuters) -")."""
    squeezed = _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text[:200]) + text[200:]
    match = _DATELINE.match(squeezed)
    if match and match["colon"]:
        return squeezed[match.end() :], match["colon"].strip()
    dl = match["dl"] if match else None
    if not match or not dl or not (re.search(r"[A-Z]{3}", dl) or "(" in dl):
        return text, None
    before = (match.group("before") or "").strip()
    if before and not (is_stamp(before) or re.fullmatch(r"[\W\d\sA-Z]+", before)):
        return text, None
    return squeezed[match.end() :], match.group("dl").strip()
