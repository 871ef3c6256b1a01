"""script: cues with roles and chapters, the spoken text, and the estimate."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from briefing.pipeline import plan
from conftest import HEADLINES, STORIES, article_of

DAY = dt.date(2026, 11, 24)  # a Tuesday


def test_script_uses_lexicon_in_spoken_text(tone_config, example: Path) -> None:
    script = plan([str(example)], tone_config, date=dt.date(2026, 11, 24))
    data = json.dumps(script.to_json())
    assert "Keev" in data


def test_one_chapter_per_story_with_intro_and_outro(tone_config) -> None:
    script = plan(STORIES, tone_config, date=DAY)
    # The rundown of headlines is a chapter of its own, then one chapter a story.
    assert [c.title for c in script.chapters] == ["Headlines", *HEADLINES]
    intro = script.cues[0]
    assert intro.kind == "intro" and intro.chapter == 0
    assert intro.text.startswith("This is Briefing for Tuesday, November 24. Three stories:")
    assert script.cues[-1].kind == "outro"
    assert script.title == f"{HEADLINES[0]}, and two more stories"
    kinds = [c.kind for c in script.cues]
    assert kinds.count("headline") == 3 and kinds.count("transition") == 2
    # Every story's chapter starts at its headline or transition, and holds its headline.
    for n, chapter in enumerate(script.chapters[1:], 1):
        assert script.cues[chapter.first_cue].kind == ("headline" if n == 1 else "transition")
        cues = [c for c in script.cues if c.chapter == n]
        assert any(c.kind == "headline" and c.text == HEADLINES[n - 1] for c in cues)
    notes = script.notes
    assert [n.title for n in notes] == HEADLINES and all(n.summary for n in notes)
    assert len(script.description.encode()) < 4000


def test_section_chapters_start_at_their_section_cue(tone_config, example: Path) -> None:
    # Skipped sentences leave breaks between cues; chapters must still point at their heading.
    script = plan([str(example)], tone_config, date=DAY)
    assert len(script.chapters) > 2
    for n, chapter in enumerate(script.chapters):
        cue = script.cues[chapter.first_cue]
        assert cue.chapter == n
        assert cue.kind == ("intro" if n == 0 else "section") and (
            n == 0 or cue.text == chapter.title
        )


def test_cli_script_json_shows_the_whole_plan(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import main

    result = CliRunner().invoke(main, ["script", *STORIES, "--minutes", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [c["title"] for c in data["chapters"]] == ["Headlines", *HEADLINES]
    assert 114 <= data["estimated_seconds"] <= 120
    assert data["cues"][0]["kind"] == "intro" and data["cues"][-1]["kind"] == "outro"


def test_script_reads_headline_once_without_slug_or_links(tone_config, example: Path) -> None:
    script = plan([str(example)], tone_config, date=DAY)
    spoken = " ".join(c.text for c in script.cues)
    assert spoken.count("NATO commits to strengthening Ukraine's defenses") == 1
    assert "nato-commits" not in spoken
    assert "Keep reading" not in spoken and "Zelensky" not in spoken and "Scribe" not in spoken
    assert script.cues[0].kind == "intro" and script.cues[-1].kind == "outro"
    assert {c.voice for c in script.cues} == {"anchor", "narrator", "quote"}


def test_a_paragraph_without_its_full_stop_is_said_as_finished(tone_config, tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text(
        "# Parasite wins top prize\n\n"
        "The director said backstage that no-one could predict what might happen at the "
        "Oscars on Feb. 9\n\n"
        "The film is the first in a foreign language to win the top prize of the awards.\n"
    )
    script = plan([str(story)], tone_config, date=DAY)
    spoken = [line.spoken for cue in script.cues if cue.kind == "text" for line in cue.lines]
    assert spoken[0].endswith("on February ninth.")
    assert all(s.endswith((".", "!", "?")) for s in spoken)


@pytest.mark.parametrize(
    "pieces, heard",
    [
        # The speaker is named before the voice changes, as radio attributes a quotation.
        (
            [("quote", "We will rebuild,"), ("text", "Smith said.")],
            [("text", "Smith said:"), ("quote", "We will rebuild,")],
        ),
        (
            [("quote", "It is a relief,"), ("text", "she added.")],
            [("text", "She added:"), ("quote", "It is a relief,")],
        ),
        (
            [("quote", "We are ready,"), ("text", "said Geoana.")],
            [("text", "Geoana said:"), ("quote", "We are ready,")],
        ),
        (
            [
                ("quote", "We see no roadblocks."),
                ("text", "says Di Li, the chief scientist of Fast."),
            ],
            [
                ("text", "Di Li, the chief scientist of Fast, says:"),
                ("quote", "We see no roadblocks."),
            ],
        ),
        (
            [
                ("quote", "It's the worst,"),
                ("text", "said Mary Johnson, 67, who lives in Bellevue."),
            ],
            [
                ("text", "Mary Johnson, 67, who lives in Bellevue, said:"),
                ("quote", "It's the worst,"),
            ],
        ),
        (
            [("quote", "We lost everything."), ("text", "said resident Claire Moss, 52.")],
            [("text", "Resident Claire Moss, 52, said:"), ("quote", "We lost everything.")],
        ),
        # A quotation that answers the sentence before it keeps its place after it.
        (
            [("quote", "But that's not going to happen on its own,"), ("text", "Hauser said.")],
            [("quote", "But that's not going to happen on its own,"), ("text", "Hauser said.")],
        ),
        # A longer attribution, where the quotation's comma hands over to it.
        (
            [("quote", "We are ready,"), ("text", "Smith told reporters after the vote.")],
            [("text", "Smith told reporters after the vote:"), ("quote", "We are ready,")],
        ),
        (
            [
                ("quote", "Migration is now seen anew,"),
                ("text", "ISD spokesman Tahir Della told DW."),
            ],
            [
                ("text", "ISD spokesman Tahir Della told DW:"),
                ("quote", "Migration is now seen anew,"),
            ],
        ),
        # More than an attribution is narration of its own, left where it is.
        (
            [("quote", "We are ready."), ("text", "Smith told reporters after the vote.")],
            [("quote", "We are ready."), ("text", "Smith told reporters after the vote.")],
        ),
        (
            [("quote", "We are ready,"), ("text", "Smith said, as the crowd cheered.")],
            [("quote", "We are ready,"), ("text", "Smith said, as the crowd cheered.")],
        ),
        (
            [
                ("quote", "We are ready,"),
                (
                    "text",
                    "the mayor of the city told the packed hall of voters at last night's meeting.",
                ),
            ],
            [
                ("quote", "We are ready,"),
                (
                    "text",
                    "the mayor of the city told the packed hall of voters at last night's meeting.",
                ),
            ],
        ),
    ],
)
def test_attribution_comes_first(pieces, heard) -> None:
    from briefing.models import Piece
    from briefing.script import attribution_first

    result = attribution_first([Piece(kind, text) for kind, text in pieces])
    assert [(p.kind, p.text) for p in result] == heard


def test_a_pronoun_before_a_quotation_gives_way_to_the_speakers_name() -> None:
    from briefing.models import Piece
    from briefing.script import attribution_first

    pieces = [Piece("quote", "It is vital,", "Fa"), Piece("text", "he said.")]
    assert [p.text for p in attribution_first(pieces)] == ["Fa said:", "It is vital,"]
    unknown = [Piece("quote", "It is vital,"), Piece("text", "he said.")]
    assert [p.text for p in attribution_first(unknown)] == ["He said:", "It is vital,"]


@pytest.mark.parametrize(
    ("pieces", "heard"),
    [
        (  # a quotation inside the narrator's clause is the narrator's to say
            [("text", "He called it"), ("quote", "senseless and brutal"), ("text", ".")],
            [("text", "He called it “senseless and brutal”.")],
        ),
        (  # a partial quotation that runs to its attribution
            [("text", "The reason"), ("quote", "was the storm,"), ("text", "Popko said.")],
            [("text", "The reason “was the storm,” Popko said.")],
        ),
        (  # handed over by a colon, a comma or a speech verb: the quote voice
            [("text", "Popko said:"), ("quote", "It was the storm.")],
            [("text", "Popko said:"), ("quote", "It was the storm.")],
        ),
        (
            [("text", "He said"), ("quote", "we will rebuild every house")],
            [("text", "He said"), ("quote", "we will rebuild every house")],
        ),
        (  # after a sentence's end
            [("text", "He left."), ("quote", "We will rebuild.")],
            [("text", "He left."), ("quote", "We will rebuild.")],
        ),
    ],
)
def test_a_quotation_inside_a_sentence_is_narrated(pieces, heard) -> None:
    from briefing.models import Piece
    from briefing.script import narrated_inside

    result = narrated_inside([Piece(kind, text) for kind, text in pieces])
    assert [(p.kind, p.text) for p in result] == heard


def _script_of(text: str, keep: list[int] | None = None, kind: str = "txt"):
    """The script of `text` with the article's units numbered in `keep` chosen (all without)."""
    from briefing.config import load_profile
    from briefing.models import Summary
    from briefing.script import build_script
    from briefing.summarize import article_sentences

    article = article_of(text, kind)
    units = article_sentences(article)
    chosen = units if keep is None else [units[i] for i in keep]
    return build_script([Summary(article, tuple(chosen))], load_profile("default"), date=DAY)


STORY = (
    "Emissions fell last year\n\n"
    "Total emissions fell 2 percent, according to the Rhodium Group.\n\n"
    "“It's a good-news bad-news story,” said Trevor Houser, a partner at Rhodium.\n\n"
    "“In the electricity sector we had a banner year.”\n\n"
    "Coal generation fell 18 percent, Houser said."
)


def test_a_quotation_whose_speaker_was_not_heard_is_introduced() -> None:
    script = _script_of(STORY, [0, 2, 3])
    said = [(c.kind, c.text) for c in script.cues if c.kind in ("text", "quote")]
    assert said == [
        ("text", "Total emissions fell 2 percent, according to the Rhodium Group."),
        ("text", "Trevor Houser said:"),  # a sentence was left out: a new cue
        ("quote", "In the electricity sector we had a banner year."),
        ("text", "Coal generation fell 18 percent, Houser said."),
    ]


def test_a_quotation_after_its_speakers_words_or_attribution_is_not_introduced_again() -> None:
    script = _script_of(STORY, [0, 1, 2])
    said = [(c.kind, c.text) for c in script.cues if c.kind in ("text", "quote")]
    # The attribution said first is a cue of its own; the narration keeps the article's text.
    assert said[:2] == [
        ("text", "Total emissions fell 2 percent, according to the Rhodium Group."),
        ("text", "Trevor Houser, a partner at Rhodium, said:"),
    ]
    assert said[2:] == [
        ("quote", "It's a good-news bad-news story,"),
        ("quote", "In the electricity sector we had a banner year."),
    ]


def test_an_interviewee_is_introduced_once_not_after_every_question() -> None:
    text = (
        "# Leader spotlight: Ana Ruiz\n\nEvery month we meet a leader of the port.\n\n"
        "## What was your first job?\n\nI worked on the docks.\n\n"
        "## What is next?\n\nMy plan is to sail around the world.\n"
    )
    script = _script_of(text, kind="md")
    said = [(c.kind, c.text) for c in script.cues if c.kind in ("section", "text", "quote")]
    assert said == [
        ("text", "Every month we meet a leader of the port."),
        ("section", "What was your first job?"),
        ("text", "Ana Ruiz said:"),
        ("quote", "I worked on the docks."),
        ("section", "What is next?"),
        ("quote", "My plan is to sail around the world."),
    ]
