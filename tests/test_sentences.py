"""Loading nltk's Punkt without nltk's package import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.sentences import _bare_packages, split_sentences


def test_a_later_import_nltk_gets_the_whole_package() -> None:
    code = (
        "import sys, briefing.sentences as s\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'nltk'], 'nltk left behind'\n"
        "assert 'numpy' not in sys.modules\n"
        "import nltk\n"
        "assert nltk.data.path and callable(nltk.download) and nltk.sent_tokenize\n"
        "print(s.split_sentences('Dr. Li left. She did.'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['Dr. Li left.', 'She did.']"


def _package(root: Path) -> None:
    package = root / "heavy"
    package.mkdir()
    (package / "__init__.py").write_text("raise ImportError('the package init ran')\n")
    (package / "helper.py").write_text("VALUE = 3\n")
    (package / "light.py").write_text("from heavy import helper\nVALUE = helper.VALUE * 2\n")


def test_bare_packages_load_modules_without_the_package_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _package(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    with _bare_packages(("heavy",)):
        from heavy import light

    assert light.VALUE == 6
    assert not [m for m in sys.modules if m.split(".")[0] == "heavy"]
    with pytest.raises(ImportError, match="package init ran"):
        import heavy  # noqa: F401


def test_bare_packages_clean_up_after_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _package(tmp_path)
    (tmp_path / "heavy" / "broken.py").write_text("from heavy import helper\nraise OSError\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(OSError), _bare_packages(("heavy",)):
        from heavy import broken  # noqa: F401
    assert not [m for m in sys.modules if m.split(".")[0] == "heavy"]


def test_sentences_split_like_punkt_with_news_abbreviations() -> None:
    assert split_sentences("Gov. Newsom spoke at 3 p.m. Friday. Then he left.") == [
        "Gov. Newsom spoke at 3 p.m. Friday.",
        "Then he left.",
    ]
