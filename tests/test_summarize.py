"""The summarizer: sentence splitting, budgets, order, quotes and dangling starts."""

from __future__ import annotations

import pytest

from briefing.config import load_profile
from briefing.segment import segment_text
from briefing.sentences import split_sentences
from briefing.summarize import article_sentences, summarize, summarize_article
from briefing.timing import sentence_seconds
from conftest import EXAMPLE, article_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith arrived. He spoke.", ["Dr. Smith arrived.", "He spoke."]),
        (
            "Mr. and Mrs. Lee left on Feb. 24. They flew home.",
            ["Mr. and Mrs. Lee left on Feb. 24.", "They flew home."],
        ),
        ("The U.S. economy grew. Prices rose.", ["The U.S. economy grew.", "Prices rose."]),
        ("He won No. 5 in the draw. Fans cheered.", ["He won No. 5 in the draw.", "Fans cheered."]),
        (
            "John F. Kennedy spoke in 1963. Crowds listened.",
            ["John F. Kennedy spoke in 1963.", "Crowds listened."],
        ),
        ("Growth was 2.5 percent. It slowed.", ["Growth was 2.5 percent.", "It slowed."]),
        ("He said “we won.” Then he left.", ["He said “we won.”", "Then he left."]),
        ('She said "it is over." Then she left.', ['She said "it is over."', "Then she left."]),
        ("They met in the U.S. The talks failed.", ["They met in the U.S.", "The talks failed."]),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        # A question inside a sentence, and an abbreviation just inside a quotation mark.
        (
            "He asked “Why now?” and left. Then he came.",
            ["He asked “Why now?” and left.", "Then he came."],
        ),
        (
            "The article “Is it over?” (Page B1) helps. I agree.",
            ["The article “Is it over?” (Page B1) helps.", "I agree."],
        ),
        (
            "Re. “Prop. 13 costs,” Page A8: I disagree. Fix it.",
            ["Re. “Prop. 13 costs,” Page A8: I disagree.", "Fix it."],
        ),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


NEWS = (
    "The city council approved a $40 million plan on Monday to rebuild the old harbor. "
    "The harbor was badly damaged by storms two winters ago and has been closed since. "
    "Mayor Ana Silva said the work would begin in the spring. "
    "“This is the biggest project the city has taken on in decades,” Silva said. "
    "However, critics say the plan ignores the fishing fleet. "
    "Fishermen have asked for a dedicated berth for years. "
    "The council will review the design again in June. "
    "Construction is expected to take three years and employ about 300 people. "
    "The harbor once handled a quarter of the region's trade."
)


def test_sentence_budget_keeps_document_order() -> None:
    chosen = summarize(NEWS, sentences=3)
    assert len(chosen) == 3
    positions = [NEWS.index(s) for s in chosen]
    assert positions == sorted(positions)


@pytest.mark.parametrize("words", [10, 25, 40, 60, 100])
def test_word_budget_is_never_exceeded(words: int) -> None:
    chosen = summarize(NEWS, words=words)
    assert sum(len(s.split()) for s in chosen) <= words
    if words >= 25:
        assert chosen


def _seconds(summary) -> float:
    profile = load_profile("default")
    return sum(sentence_seconds(unit, profile) for unit in summary.sentences)


def test_seconds_and_ratio_budgets() -> None:
    article = segment_text(NEWS)
    short = summarize_article(article, seconds=10)
    long = summarize_article(article, seconds=40)
    assert 0 < _seconds(short) <= 10
    assert len(long.sentences) > len(short.sentences) and _seconds(long) <= 40
    total = len(NEWS.split())
    half = summarize(NEWS, ratio=0.5)
    assert sum(len(s.split()) for s in half) <= total * 0.5
    assert len(summarize(NEWS, ratio=1.0)) == len(split_sentences(NEWS))


def test_default_budget_is_about_a_minute() -> None:
    article = segment_text(EXAMPLE.read_text(encoding="utf-8"))
    assert 45 <= _seconds(summarize_article(article)) <= 60


def test_no_dangling_however_or_pronoun_without_its_antecedent() -> None:
    for n in range(1, 8):
        chosen = summarize(NEWS, sentences=n)
        for sentence in chosen:
            if sentence.startswith(("However", "They", "He ", "She ", "It ")):
                index = split_sentences(NEWS).index(sentence)
                assert split_sentences(NEWS)[index - 1] in chosen


def test_quote_is_never_cut() -> None:
    text = (
        "Port deal agreed\n\nThe council met on Tuesday and agreed a plan for the port.\n\n"
        "“We will rebuild the port. It will take years. But we will do it,” Silva said.\n\n"
        "Work starts in the spring and will take about three years to finish."
    )
    units = article_sentences(segment_text(text))
    quote_units = [u for u in units if any(p.kind == "quote" for p in u.pieces)]
    assert len(quote_units) == 1
    assert quote_units[0].text.startswith("“We will rebuild") and quote_units[0].text.endswith(
        "Silva said."
    )
    for words in range(5, 60, 5):
        for sentence in summarize(text, words=words):
            assert sentence.count("“") == sentence.count("”")


def test_headings_and_boilerplate_are_never_chosen() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    chosen = summarize(text, ratio=1.0)
    joined = " ".join(chosen)
    assert "Keep reading" not in joined and "By Scribe" not in joined
    assert "Moscow attacks civil infrastructure" not in chosen


def test_deterministic() -> None:
    assert summarize(NEWS, sentences=4) == summarize(NEWS, sentences=4)


def test_empty_text() -> None:
    assert summarize("") == []


@pytest.mark.parametrize("seconds", [None, 20.0])
def test_a_story_longer_than_its_time_share_is_heard_by_its_lead_cut_to_fit(seconds) -> None:
    endless = " ".join(["the council and the port authority agreed on a plan"] * 30) + "."
    article = segment_text(f"Council agrees plan\n\n{endless}\n")
    summary = summarize_article(article, seconds=seconds)
    (lead,) = summary.sentences
    assert endless.startswith(lead.text[:-1]) and lead.text.endswith("…")
    assert _seconds(summary) <= (seconds or 60)


def test_a_word_budget_too_small_for_any_sentence_chooses_nothing() -> None:
    endless = " ".join(["the council and the port authority agreed on a plan"] * 30) + "."
    assert summarize(f"Council agrees plan\n\n{endless}\n", words=50) == []


def test_a_signature_line_is_never_a_sentence_of_the_summary() -> None:
    text = (
        "The council should not cut the library budget again this year, because the branches "
        "already close two days a week.\n\nJane Doe, Oakland\n\nThe quarry plan would send a "
        "hundred trucks a day down a narrow rural road past two schools.\n\nNinfa Wood Walnut Creek"
    )
    chosen = summarize(text, ratio=1.0)
    assert len(chosen) == 2 and not any("Doe" in s or "Ninfa" in s for s in chosen)


def test_an_interview_answer_is_never_chosen_without_its_question() -> None:
    text = (
        "Rates held\n\nWe asked economist Maria Gomez what it means.\n\n"
        "Q: When will rates come down?\n\nA: Probably not before the spring. "
        "Lenders price in cuts.\n\nQ: And then?\n\nA: Slowly."
    )
    units = [u.text for u in article_sentences(article_of(text))]
    assert units == [
        "We asked economist Maria Gomez what it means.",
        "When will rates come down? Probably not before the spring. Lenders price in cuts.",
        "And then? Slowly.",
    ]
