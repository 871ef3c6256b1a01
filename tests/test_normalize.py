"""Speech normalization: one table per rule (the real copy that called for it), then the
whole `spoken` function."""

from __future__ import annotations

import re

import pytest

from briefing import normalize as n

TABLES: dict[str, list[tuple[str, str]]] = {
    "typography": [
        ("“Quoted,” he said — loudly", "Quoted, he said, loudly"),
        ("Moscow’s offensive", "Moscow's offensive"),
        ("Wait…", "Wait..."),
        ("it was 45º in the shade", "it was forty-five degrees in the shade"),
        # Mercury News: a list of letters in one headline, set apart by bars.
        ("Coddling criminals | Undermining road", "Coddling criminals, Undermining road"),
        ("summer ' s end", "summer's end"),
        (
            "55 mph (88.5 km/h) on the road",
            "fifty-five miles per hour, eighty-eight point five kilometers per hour, on the road",
        ),
        ("from 4:00 am - 8:12 pm", "from four AM to eight twelve PM"),
    ],
    "world_wars": [
        ("World War II and WWI", "World War Two and World War One"),
        ("WW2 veterans", "World War Two veterans"),
    ],
    "codes": [
        ("Apple (AAPL.O) rose and Exxon (NYSE: XOM) fell", "Apple rose and Exxon fell"),
        ("oil (CLc1) rose", "oil rose"),
        ("the index (.MIWD00000PUS) fell", "the index fell"),
        ("yields US10YT=RR rose", "yields rose"),
        ("id " + "x" * 50 + " done", "id done"),
    ],
    "web": [
        ("see https://www.example.com/a/b?c=1 now", "see now"),
        ("mail news@example.org today", "mail today"),
        ("wrote @PaulMerse", "wrote Paul Merse"),
        ("wrote @NATO_Press", "wrote Nato Press"),
        ("#7minutes of fame", "seven minutes of fame"),
        ("bought on Amazon.com last year", "bought on Amazon last year"),
    ],
    "brackets": [("it give[s] them", "it gives them"), ("[The council] said", "The council said")],
    "scores": [
        ("The Senate voted 52-48.", "The Senate voted fifty-two to forty-eight."),
        ("They won 1-0, with a late goal.", "They won one-nothing, with a late goal."),
        ("The match ended in a 0-0 draw", "The match ended in a nothing to nothing draw"),
        ("a 1-0 defeat", "a one-nothing defeat"),
        ("won 4-6 7-6 (3) 6-3 in the final", "won four-six, seven-six, six-three in the final"),
        ("They won 2-1 at home", "They won two-one at home"),
    ],
    "numeric_dates": [
        ("The vote is on 12/03/2025.", "The vote is on December third, twenty twenty-five."),
        ("on 11/19/2019", "on November nineteenth, twenty nineteen"),
        ("2016/07/03", "July third, twenty sixteen"),
        ("on 2022-02-24", "on February twenty-fourth, twenty twenty-two"),
        ("15.01.2020", "the fifteenth of January, twenty twenty"),
        ("11/17/05", "November seventeenth, oh five"),
    ],
    "named_dates": [
        ("It starts on 16 August.", "It starts on the sixteenth of August."),
        (
            "Talks ended on 16 Aug. The deal holds.",
            "Talks ended on the sixteenth of August. The deal holds.",
        ),
        ("Feb. 24, 2022", "February twenty-fourth, twenty twenty-two"),
        ("March 3", "March third"),
        ("24 February 2022", "the twenty-fourth of February, twenty twenty-two"),
        ("in February 2022", "in February twenty twenty-two"),
        ("March 3-5, 2024", "March third to fifth, twenty twenty-four"),
        ("3-5 March", "the third to the fifth of March"),
        ("july 25 2012", "July twenty-fifth, twenty twelve"),
        ("25 jul 2012", "the twenty-fifth of July, twenty twelve"),
        ("Jan-15-2020", "January fifteenth, twenty twenty"),
        ("on the 26th May", "on the twenty-sixth of May"),
        ("you may 25 times", "you may twenty-five times"),
    ],
    "quarters": [
        ("growth in 2Q22", "growth in the second quarter of twenty twenty-two"),
        ("its Q3 results", "its third quarter results"),
        ("Q2 2024 sales", "the second quarter of twenty twenty-four sales"),
    ],
    "times": [
        ("Palmer pulled one back (88').", "Palmer pulled one back, eighty-eighth minute."),
        (
            "Polls close at 8 p.m. ET (0100 GMT).",
            "Polls close at eight PM Eastern Time, one AM G M T.",
        ),
        ("A quake struck at 3.15am.", "A quake struck at three fifteen AM."),
        ("1:59 p.m.", "one fifty-nine PM."),
        ("1.59 p.m. on Friday", "one fifty-nine PM on Friday"),
        ("10 a.m.", "ten AM."),
        ("at 9:05 am", "at nine oh five AM"),
        ("at 14:30", "at fourteen thirty"),
        ("opens at 9:00", "opens at nine o'clock"),
        ("at 21:00", "at twenty-one hundred"),
        ("at 2 p.m. ET", "at two PM Eastern Time"),
        ("open 5pm-7pm", "open five PM to seven PM"),
        ("won in 2:01:39", "won in two hours one minute and thirty-nine seconds"),
    ],
    "fractions": [
        ("Rating: 4/5. Yet 4/5 of voters", "Rating: four out of five. Yet four fifths of voters"),
        ("rated 8/10 by 9/10 critics", "rated eight out of ten by nine out of ten critics"),
        ("1/3 of voters", "one third of voters"),
        ("2/3 majority", "two thirds majority"),
        ("3/4 of", "three quarters of"),
        ("7/32 of an inch", "seven thirty-seconds of an inch"),
        ("a 1-1/2 year wait", "a one and a half year wait"),
        ("4 1/2 lbs", "four and a half pounds"),
        ("after 9/11,", "after nine eleven,"),
        ("open 24/7", "open twenty-four seven"),
    ],
    "money": [
        ("Rs 5,000 crore and a R$10 note", "five thousand crore rupees and a ten real note"),
        ("$2.5 million", "two point five million dollars"),
        ("$2.5M raised", "two point five million dollars raised"),
        ("$3B", "three billion dollars"),
        ("$450K", "four hundred and fifty thousand dollars"),
        ("¥30B", "thirty billion yen"),
        ("US$76.3 trillion", "seventy-six point three trillion U S dollars"),
        ("a $40 million plan", "a forty million dollar plan"),
        ("its $9 billion order", "its nine billion dollar order"),
        ("it cost $40 million in all", "it cost forty million dollars in all"),
        ("a $1,000 fine", "a one thousand dollar fine"),
        ("€5bn", "five billion euros"),
        ("£2.5m", "two point five million pounds"),
        ("$5.50", "five dollars and fifty cents"),
        ("$0.99", "ninety-nine cents"),
        ("$20.506", "twenty point five zero six dollars"),
        ("$1", "one dollar"),
        ("$250-$300", "two hundred and fifty dollars to three hundred dollars"),
        ("$40-50 billion", "forty to fifty billion dollars"),
        ("$20/mo", "twenty dollars a month"),
        ("£10/wk", "ten pounds a week"),
        ("a $6.99-a-month plan", "a six dollars and ninety-nine cents a month plan"),
        ("Rs 500", "five hundred rupees"),
        ("1bn people", "one billion people"),
        ("sold 49 pounds, 39 pounds", "sold forty-nine pounds, thirty-nine pounds"),
    ],
    "percent": [
        ("97% attacked", "ninety-seven percent attacked"),
        ("3.5% growth", "three point five percent growth"),
        ("12 per cent", "twelve percent"),
        ("30-60 per cent", "thirty to sixty percent"),
    ],
    "units": [
        (
            "smaller than 2.5 µm and a 3nm chip",
            "smaller than two point five micrometers and a three nanometer chip",
        ),
        (
            "Add 2 tbsp and 1 tsp; jailed for 2yrs 6mths.",
            "Add two tablespoons and one teaspoon; jailed for two years six months.",
        ),
        (
            "the cup final, then bake for 25-30 mins",
            "the cup final, then bake for twenty-five to thirty minutes",
        ),
        (
            "He is 6'2\" tall and they are 3pts clear.",
            "He is six feet two tall and they are three points clear.",
        ),
        (
            "rose 5 bps to 420ppm",
            "rose five basis points to four hundred and twenty parts per million",
        ),
        (
            "She won the 100m in 10.72s.",
            "She won the one hundred meters in ten point seven two seconds.",
        ),
        ("the 4x100m relay", "the four by one hundred meters relay"),
        ("an app with 100m users", "an app with one hundred million users"),
        (
            "He is 6ft 2in and weighs 15st 4lb.",
            "He is six feet two inches and weighs fifteen stone four pounds.",
        ),
        ("the 21st day, not 11st", "the twenty-first day, not eleven stone"),
        ("for 14h 20m", "for fourteen hours twenty minutes"),
        ("Shares fell to 412p.", "Shares fell to four hundred and twelve pence."),
        ("a 1080p stream", "a ten eighty p stream"),
        ("a 12in pizza and a 5km run", "a twelve inch pizza and a five kilometer run"),
        ("12kg", "twelve kilograms"),
        ("100 km/h", "one hundred kilometers per hour"),
        ("2-5lb", "two to five pounds"),
        ("2 hrs", "two hours"),
        ("12kg/kg", "twelve kilograms per kilogram"),
        ("the 1.5C goal", "the one point five degrees Celsius goal"),
        ("20°C", "twenty degrees Celsius"),
        ("3 m²", "three square meters"),
        ("a 4x4 grid", "a four by four grid"),
        ("500 MW", "five hundred megawatts"),
    ],
    "ranges": [
        ("the 2024-25 season", "the twenty twenty-four to twenty-five season"),
        ("2019-2022", "twenty nineteen to twenty twenty-two"),
        ("2019–22", "twenty nineteen to twenty twenty-two"),
        ("30-40 people", "thirty to forty people"),
        ("1960s-80s", "nineteen sixties to eighties"),
        ("the mid-1980s", "the mid nineteen eighties"),
    ],
    "decades": [
        ("born c. 1950", "born circa nineteen fifty"),
        ("In '08 he left the '90s band.", "In oh eight he left the nineties band."),
        ("the 2020s", "the twenty twenties"),
        ("the 1910s", "the nineteen tens"),
        ("in the 1990s", "in the nineteen nineties"),
        ("the 60s", "the sixties"),
        ("the '80s", "the eighties"),
        ("in 340 A.D.", "in three forty A D."),
    ],
    "designators": [
        ("PM2.5 and the RTX 4090", "P M two point five and the R T X forty ninety"),
        ("The CO2 level", "The C O two level"),
        (
            "The Boeing 737 and the 787 Dreamliner",
            "The Boeing seven thirty-seven and the seven eighty-seven Dreamliner",
        ),
        ("he had 737 votes", "he had seven hundred and thirty-seven votes"),
        ("the 787-9 jet", "the seven eighty-seven nine jet"),
        ("the 777X", "the seven seventy-seven X"),
        ("an A350-900", "an A three fifty nine hundred"),
        ("an RC-135U", "an R C one thirty-five U"),
        ("the PS4", "the P S four"),
        ("G3 lenses", "G three lenses"),
        ("911 calls", "nine one one calls"),
    ],
    "ordinals": [
        ("the 3rd time", "the third time"),
        ("his 21st birthday", "his twenty-first birthday"),
        ("the 1,000th day", "the one thousandth day"),
    ],
    "years": [
        ("in 2022,", "in twenty twenty-two,"),
        ("in 1997", "in nineteen ninety-seven"),
        ("since 2005", "since two thousand five"),
    ],
    "roman_numerals": [
        ("World War II", "World War Two"),
        ("since World War I.", "since World War One."),
        ("Pope Leo XIV said", "Pope Leo the Fourteenth said"),
        ("King Charles III", "King Charles the Third"),
        ("World Group II tie", "World Group Two tie"),
        ("Then I left", "Then I left"),
    ],
    "abbreviations": [
        (
            "up 12% YoY and 3% QoQ",
            "up twelve percent year on year and three percent quarter on quarter",
        ),
        (
            "grew 1.7% q/q and 3% y/y",
            "grew one point seven percent quarter on quarter and three percent year on year",
        ),
        ("Dr. Jones", "Doctor Jones"),
        ("St. Louis", "Saint Louis"),
        ("Main St. is closed", "Main Street is closed"),
        ("Gen. Smith and Sen. Lee", "General Smith and Senator Lee"),
        ("apples vs. oranges", "apples versus oranges"),
        ("It is No. 1", "It is number one"),
        ("World No 1 Djokovic", "World number one Djokovic"),
        (
            "Re. “Prop. 13 proves costly,” Page A8",
            "Regarding Proposition thirteen proves costly, Page A eight",
        ),
        ("Re: the budget", "Regarding the budget"),
        ("They were there. Re-election", "They were there. Re-election"),
    ],
    "capitals": [
        ("the U.S. said", "the U S said"),
        ("the UN and the EU", "the U N and the E U"),
        ("NATO allies", "Nato allies"),
        ("the FBI", "the F B I"),
        ("CHINA has sent troops", "China has sent troops"),
        ("GET OUT and VOTE", "Get Out and Vote"),
        ("DEAR ABBY", "Dear Abby"),
        ("USA TODAY", "U S A Today"),
        ("the STOXX 600", "the Stoxx six hundred"),
        ("The S&P 500 fell", "The S and P five hundred fell"),
        ("AT&T shares", "A T and T shares"),
        # A Reuters section title: capitals of any length are words when they read as words.
        ("DISAPPOINTING Night For 'IRISHMAN'", "Disappointing Night For 'Irishman'"),
        ("the UNHCR said", "the U N H C R said"),
    ],
    "numbers": [
        ("The 49ers and the 76ers", "The forty-niners and the seventy-sixers"),
        ("Update to iOS 17.4.1 now.", "Update to iOS seventeen point four point one now."),
        ("800,000 shells", "eight hundred thousand shells"),
        ("a 2.5 rise", "a two point five rise"),
        (
            "1,234,567 people",
            "one million two hundred and thirty-four thousand five hundred and sixty-seven people",
        ),
        ("-3 degrees", "minus three degrees"),
        ("a 3x rise", "a three times rise"),
        ("code 004", "code zero zero four"),
    ],
    "symbols": [
        ("A & B", "A and B"),
        ("and/or", "and or"),
        ("up ~5% a year", "up about five percent a year"),
        ("the S&P/ASX 200", "the S and P A S X two hundred"),
        ("Rating: ★★★★☆", "Rating: four out of five stars"),
        (
            "a drop (p < 0.05) if x ≥ 3",
            "a drop, p less than zero point zero five, if x at least three",
        ),
    ],
}
CASES = [(rule, text, said) for rule, rows in TABLES.items() for text, said in rows]


def test_every_rule_has_a_table() -> None:
    assert {r.__name__ for r in n.RULES} - {"whitespace"} == set(TABLES)


@pytest.mark.parametrize(
    ("rule", "text", "expected"), CASES, ids=[f"{c[0]}: {c[1][:30]}" for c in CASES]
)
def test_spoken(rule: str, text: str, expected: str) -> None:
    assert n.spoken(text) == expected


def test_british_copy_says_nil() -> None:
    assert n.spoken("a 1-0 defeat in the league", british=True) == "a one-nil defeat in the league"
    assert n.spoken("on 12/03/2025", british=True) == "on the twelfth of March, twenty twenty-five"
    assert n.is_british("inflation rose 3 per cent") and not n.is_british("rose 3 percent")


@pytest.mark.parametrize(
    "text", ["We met on Oxford St.", "He works at Apple Inc.", "“It starts at 3 p.m.”", "Really?"]
)
def test_a_sentence_that_ended_still_ends(text: str) -> None:
    assert re.search(r"[.!?][”\"]*$", n.spoken(text))


def test_lexicon_replaces_whole_words_any_case() -> None:
    lexicon = {"kyiv": "Keev", "İ": "I"}
    assert n.spoken("Kyiv and kyiv, not Kyivan", lexicon=lexicon) == "Keev and Keev, not Kyivan"


def test_rules_are_pure_and_ordered() -> None:
    assert n.RULES[0] is n.codes and n.RULES[-1] is n.whitespace
    text = "On Feb. 24, 2022, 97% of $300 million went to the U.S."
    assert n.spoken(text) == n.spoken(text)
    assert not any(ch.isdigit() for ch in n.spoken(text))


@pytest.mark.parametrize(
    "text",
    [
        "Shares of XYZ (XYZ.N) rose 3.5% to $12.40 at 10:32 a.m. EDT on 11/19/2019.",
        "The 2-1 win took them to 45 pts, No. 3 in the table, with 7/8 of games left.",
        "Call +1 (555) 010-9999 or visit example.com/contact #help @desk",
    ],
)
def test_nothing_a_voice_cannot_say_is_left(text: str) -> None:
    said = n.spoken(text)
    assert not any(ch.isdigit() for ch in said), said
    assert not set(said) & set("%$£€¥#@/\\=+~*|<>[]{}^_&"), said
