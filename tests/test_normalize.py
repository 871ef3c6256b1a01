"""Speech normalization, one table per rule, and the whole `spoken` function."""

from __future__ import annotations

import pytest

from briefing import normalize as n

CASES = [
    # found reading real copy: fractions, regnal and numbered Roman numerals, glued units
    ("The S&P 500 fell", "The S and P five hundred fell"),
    ("AT&T shares", "A T and T shares"),
    ("opens at 9:00", "opens at nine o'clock"),
    ("at 21:00", "at twenty-one hundred"),
    ("a $1,000 fine", "a one thousand dollar fine"),
    ("paid $1,000 in fines", "paid one thousand dollars in fines"),
    ("1/3 of voters", "one third of voters"),
    ("2/3 majority", "two thirds majority"),
    ("3/4 of", "three quarters of"),
    ("after 9/11,", "after nine eleven,"),
    ("open 24/7", "open twenty-four seven"),
    ("World War II", "World War Two"),
    ("since World War I.", "since World War One."),
    ("Pope Leo XIV said", "Pope Leo the Fourteenth said"),
    ("King Charles III", "King Charles the Third"),
    ("Then I left", "Then I left"),
    ("the 2020s", "the twenty twenties"),
    ("the 1910s", "the nineteen tens"),
    ("the 1.5C goal", "the one point five degrees Celsius goal"),
    ("a 3x rise", "a three times rise"),
    ("a 4x4 grid", "a four by four grid"),
    ("March 3-5, 2024", "March third to fifth, twenty twenty-four"),
    ("3-5 March", "the third to the fifth of March"),
    ("1bn people", "one billion people"),
    ("Rs 500", "five hundred rupees"),
    ("$0.99", "ninety-nine cents"),
    ("at 2 p.m. ET", "at two PM Eastern Time"),
    ("3 m²", "three square meters"),
    # cardinals, decimals, separators
    ("800,000 shells", "eight hundred thousand shells"),
    ("3 drones", "three drones"),
    ("a 2.5 rise", "a two point five rise"),
    (
        "1,234,567 people",
        "one million two hundred and thirty-four thousand five hundred and sixty-seven people",
    ),
    ("-3 degrees", "minus three degrees"),
    # ordinals and number signs
    ("the 3rd time", "the third time"),
    ("his 21st birthday", "his twenty-first birthday"),
    ("It is No. 1", "It is number one"),
    # years and decades
    ("in 2022,", "in twenty twenty-two,"),
    ("in 1997", "in nineteen ninety-seven"),
    ("since 2005", "since two thousand and five"),
    ("in the 1990s", "in the nineteen nineties"),
    # percent
    ("97% attacked", "ninety-seven percent attacked"),
    ("3.5% growth", "three point five percent growth"),
    ("12 per cent", "twelve percent"),
    # money
    ("$2.5 million", "two point five million dollars"),
    ("$300 million", "three hundred million dollars"),
    ("a $40 million plan", "a forty million dollar plan"),
    ("it cost $40 million in all", "it cost forty million dollars in all"),
    ("€5bn", "five billion euros"),
    ("£2.5m", "two point five million pounds"),
    ("$5.50", "five dollars and fifty cents"),
    ("$1", "one dollar"),
    ("£40", "forty pounds"),
    # units
    ("9 kilotons", "nine kilotons"),
    ("12kg", "twelve kilograms"),
    ("100 km/h", "one hundred kilometers per hour"),
    ("30 mph", "thirty miles per hour"),
    ("5 km", "five kilometers"),
    ("20°C", "twenty degrees Celsius"),
    ("500 MW", "five hundred megawatts"),
    # dates
    ("Feb. 24, 2022", "February twenty-fourth, twenty twenty-two"),
    ("on 2022-02-24", "on February twenty-fourth, twenty twenty-two"),
    ("March 3", "March third"),
    ("24 February 2022", "the twenty-fourth of February, twenty twenty-two"),
    ("in February 2022", "in February twenty twenty-two"),
    # times
    ("1:59 p.m.", "one fifty-nine PM"),
    ("10 a.m.", "ten AM"),
    ("at 9:05 am", "at nine oh five AM"),
    ("at 14:30", "at fourteen thirty"),
    # ranges
    ("2019-2022", "twenty nineteen to twenty twenty-two"),
    ("2019–22", "twenty nineteen to twenty twenty-two"),
    ("30-40 people", "thirty to forty people"),
    # abbreviations and initialisms
    ("the U.S. said", "the U S said"),
    ("the UN and the EU", "the U N and the E U"),
    ("NATO allies", "Nato allies"),
    ("the FBI", "the F B I"),
    ("Dr. Jones", "Doctor Jones"),
    ("St. Louis", "Saint Louis"),
    ("Main St. is closed", "Main Street is closed"),
    ("Gen. Smith and Sen. Lee", "General Smith and Senator Lee"),
    ("apples vs. oranges", "apples versus oranges"),
    # web
    ("see https://www.example.com/a/b?c=1", "see example dot com"),
    ("wrote @NATO_Press", "wrote NATO Press"),
    ("mail news@example.org", "mail news at example dot org"),
    # typography
    ("“Quoted,” he said — loudly", "Quoted, he said, loudly"),
    ("Moscow’s offensive", "Moscow's offensive"),
    ("Wait…", "Wait..."),
    ("A & B", "A and B"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_spoken(text: str, expected: str) -> None:
    assert n.spoken(text) == expected


def test_lexicon_replaces_whole_words_any_case() -> None:
    lexicon = {"kyiv": "Keev"}
    assert n.spoken("Kyiv and kyiv, not Kyivan", lexicon=lexicon) == "Keev and Keev, not Kyivan"


def test_rules_are_pure_and_ordered() -> None:
    assert n.RULES[0] is n.typography and n.RULES[-1] is n.whitespace
    text = "On Feb. 24, 2022, 97% of $300 million went to the U.S."
    assert n.spoken(text) == n.spoken(text)
    assert not any(ch.isdigit() for ch in n.spoken(text))
