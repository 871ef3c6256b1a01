"""headline: slugs removed, and a short headline for a story whose text has none."""

from __future__ import annotations

import pytest

from briefing.headline import short_headline

CASES = [
    (
        "Israeli forces intercepted a U.S. drone over the Golan Heights on Tuesday, the military "
        "said, in the second such incident this month.",
        "Israeli forces intercepted a U.S. drone over the Golan Heights on Tuesday",
    ),
    (
        "The city council approved a $40 million plan on Monday to rebuild the old harbor, which "
        "has been closed since storms tore through the waterfront.",
        "The city council approved a $40 million plan on Monday",
    ),
    (
        "Dr. Ana Ruiz, who leads the team at St. Mary's hospital, said the new wing would open "
        "in 2026.",
        "Dr. Ana Ruiz said the new wing would open in 2026",
    ),
    ("Police say a man has been arrested.", "Police say a man has been arrested"),
    (
        "Prices rose 3 percent in the year to October as energy bills climbed for a fourth month.",
        "Prices rose 3 percent in the year to October",
    ),
    (
        "The bank, which has 4,000 staff, cut its rates by 0.5 percent on Thursday amid rising "
        "unemployment.",
        "The bank cut its rates by 0.5 percent on Thursday",
    ),
]


@pytest.mark.parametrize(("sentence", "headline"), CASES)
def test_a_short_headline_is_the_main_clause(sentence: str, headline: str) -> None:
    assert short_headline(sentence) == headline


@pytest.mark.parametrize("sentence", [c[0] for c in CASES])
def test_a_short_headline_never_ends_inside_a_name_or_number(sentence: str) -> None:
    words = short_headline(sentence).split()
    assert 4 <= len(words) <= 12
    assert words[-1].lower() not in {"the", "a", "of", "to", "u.s.", "dr.", "st."}
    assert not words[-1][-1:].isdigit() or "percent" not in sentence.split(words[-1], 1)[1][:9]
