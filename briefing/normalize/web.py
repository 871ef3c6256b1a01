"""The web in copy: addresses are left out, handles and hashtags read as words."""

from __future__ import annotations

import re

_TLD = r"com|org|net|gov|edu|io|co|uk|de|fr|info|news|tv|int|eu|ly|me|us|ca|au"
_URL = re.compile(rf"(?i:\bhttps?://|\bwww\.)\S+|\b(?:[A-Za-z0-9-]+\.)+(?:{_TLD})\b(?:/\S*)?")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HANDLE = re.compile(r"(?<![\w@])@(?P<name>[A-Za-z_]\w{0,30})\b")
_HASHTAG = re.compile(r"(?<![\w#&])#(?P<tag>[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])|_+")


def _words(name: str) -> str:
    """ "PaulMerse" -> "Paul Merse", "NATO_Press" -> "NATO Press", "7minutes" -> "7 minutes"."""
    return " ".join(part for part in _CAMEL.split(name) if part)


def web(text: str) -> str:
    """Web addresses and e-mail are not read ("see https://example.com/a" -> "see"; a brand
    like "Amazon.com" -> "Amazon"); "@PaulMerse" -> "Paul Merse", "#7minutes" -> "7 minutes"."""
    text = _EMAIL.sub(" ", text)

    def address(m: re.Match[str]) -> str:
        found = m.group(0)
        if found.lower().startswith(("http", "www.")) or "/" in found:
            return " "
        # A bare domain in a sentence names its site: say the name.
        return found.split(".")[0].capitalize() if found[0].isupper() else found.split(".")[0]

    text = _URL.sub(address, text)
    text = _HANDLE.sub(lambda m: _words(m["name"]), text)
    return _HASHTAG.sub(lambda m: _words(m["tag"]), text)
