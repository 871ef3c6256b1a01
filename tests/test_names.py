"""names: a person met by surname alone is named in full the first time they are heard."""

from __future__ import annotations

import pytest

from briefing.names import FirstReferences, people

ARTICLE = [
    "In December, two lawmakers invited US historian Bruce Gilley to deliver a lecture in East "
    "Africa. Gilley, author of a controversial article, argued for it.",
    "“It is wrong,” ISD spokesman Tahir Della told DW.",
    "Mark Price said the plan was late. Fuel price increases hurt farmers, said Ana Silva.",
    "Tom Reyes, who has fished from the harbor for years, agreed. So did Ann Reyes, 45.",
]


def test_only_people_and_only_unambiguous_surnames() -> None:
    found = people(ARTICLE)
    assert found == {"Gilley": "Bruce Gilley", "Della": "Tahir Della", "Silva": "Ana Silva"}
    # "East Africa" is no person's name; "Price" is also a word of the article; two Reyes.


@pytest.mark.parametrize(
    "spoken, heard",
    [
        (
            ["Gilley, author of a controversial article, argued for it."],
            ["Bruce Gilley, author of a controversial article, argued for it."],
        ),
        # Named in full once, then by surname as the article does.
        (
            ["Gilley argued for it, according to Della.", "Gilley's lecture, said Della."],
            [
                "Bruce Gilley argued for it, according to Tahir Della.",
                "Gilley's lecture, said Della.",
            ],
        ),
        (["Della said:"], ["Tahir Della said:"]),
        # Already heard in full, or in a quotation: left as written.
        (["Tahir Della agreed.", "Della said:"], ["Tahir Della agreed.", "Della said:"]),
        # Part of another name, or a sentence opening that is not the person.
        (["The Gilley Foundation paid."], ["The Gilley Foundation paid."]),
        (["Silva Street was closed."], ["Silva Street was closed."]),
    ],
)
def test_first_reference_in_full(spoken: list[str], heard: list[str]) -> None:
    references = FirstReferences(ARTICLE)
    assert [references.named(text) for text in spoken] == heard


def test_a_quotation_that_names_them_counts_as_heard() -> None:
    references = FirstReferences(ARTICLE)
    references.hear("We listened to Gilley for an hour.")
    assert references.named("Gilley, author of it, argued.") == "Gilley, author of it, argued."
