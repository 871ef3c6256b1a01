"""Segmentation, table-driven: headlines, bylines, headings, quotes and boilerplate."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from briefing.errors import IngestError, SegmentError
from briefing.headline import strip_slug
from briefing.ingest import document_from_bytes, read_source
from briefing.segment import segment_document
from conftest import EXAMPLE

LEAD = "The council met on Tuesday and agreed a plan to rebuild the port, officials said."
MORE = "Work will begin in the spring and should take about three years to finish."


@dataclass
class Case:
    name: str
    text: str
    kind: str = "txt"
    title: str | None = None
    byline: str | None = "unset"
    headings: list[str] | None = None
    quotes: list[tuple[str, str | None]] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    dateline: str | None = None


CASES = [
    # --- headlines -----------------------------------------------------------------------
    Case(
        "slug glued to headline",
        "nato-commits-to-strengthening-ukraine's-defensesNATO commits to strengthening "
        f"Ukraine's defenses\n\n{LEAD}\n\n{MORE}",
        title="NATO commits to strengthening Ukraine's defenses",
        absent=["nato-commits"],
    ),
    Case(
        "slug with digits",
        f"g7-leaders-agree-2024-budget-planG7 leaders agree 2024 budget plan\n\n{LEAD}\n\n{MORE}",
        title="G7 leaders agree 2024 budget plan",
    ),
    Case(
        "slug with trailing id",
        f"port-strike-ends-after-12-days-1234567Port strike ends after 12 days\n\n{LEAD}\n\n{MORE}",
        title="Port strike ends after 12 days",
    ),
    Case(
        "slug with curly apostrophe",
        f"world’s-biggest-ship-docksWorld’s biggest ship docks\n\n{LEAD}\n\n{MORE}",
        title="World’s biggest ship docks",
    ),
    Case(
        "slug on its own line",
        f"markets-fall-on-rate-fears\n\nMarkets fall on rate fears\n\n{LEAD}\n\n{MORE}",
        title="Markets fall on rate fears",
        absent=["markets-fall"],
    ),
    Case(
        "plain first-line headline",
        f"Storm closes schools across the region\n\n{LEAD}\n\n{MORE}",
        title="Storm closes schools across the region",
    ),
    Case(
        "headline that is a question",
        f"Will the port reopen this year?\n\n{LEAD}\n\n{MORE}",
        title="Will the port reopen this year?",
    ),
    Case(
        "no headline: prose only",
        f"{LEAD} {MORE}",
        title=None,
        present=["The council met on Tuesday"],
    ),
    Case(
        "markdown title",
        f"# Rates rise again\n\n{LEAD}\n\n{MORE}",
        kind="md",
        title="Rates rise again",
    ),
    Case(
        "html h1 beats seo title",
        "<html><head><title>Rates rise again | Daily Planet</title></head><body>"
        "<nav><a href='/'>Home</a><a href='/world'>World</a></nav><article>"
        f"<h1>Rates rise again</h1><p>{LEAD}</p><p>{MORE}</p><p>{LEAD.replace('port', 'dock')}"
        "</p></article></body></html>",
        kind="html",
        title="Rates rise again",
        absent=["Daily Planet", "Home"],
    ),
    # --- bylines and datelines ---------------------------------------------------------------
    Case(
        "byline at the end",
        f"Port deal agreed\n\n{LEAD}\n\n{MORE}\n\nBy Scribe",
        byline="Scribe",
        absent=["By Scribe"],
    ),
    Case(
        "byline under headline",
        f"Port deal agreed\n\nBy Jane Doe\n\n{LEAD}\n\n{MORE}",
        byline="Jane Doe",
        absent=["By Jane"],
    ),
    Case(
        "two names and agency",
        f"Port deal agreed\n\nBy Jane Doe and John Roe | Reuters\n\n{LEAD}\n\n{MORE}",
        byline="Jane Doe and John Roe",
        absent=["Reuters", "John Roe"],
    ),
    Case(
        "name comma agency",
        f"Port deal agreed\n\nJane Doe, Reuters\n\n{LEAD}\n\n{MORE}",
        byline="Jane Doe",
        absent=["Jane Doe, Reuters"],
    ),
    Case(
        "AP dateline",
        f"Port deal agreed\n\nWASHINGTON (AP) — {LEAD}\n\n{MORE}",
        dateline="WASHINGTON (AP)",
        absent=["WASHINGTON", "(AP)"],
        present=["The council met on Tuesday"],
    ),
    Case(
        "Reuters dateline with date",
        f"Port deal agreed\n\nLONDON, March 3 (Reuters) - {LEAD}\n\n{MORE}",
        dateline="LONDON, March 3 (Reuters)",
        absent=["LONDON"],
    ),
    Case(
        "city and country dateline",
        f"Port deal agreed\n\nKYIV, Ukraine (AP) — {LEAD}\n\n{MORE}",
        dateline="KYIV, Ukraine (AP)",
        absent=["KYIV"],
    ),
    Case(
        "wire dateline with a date and a service not on the list",
        f"Port deal agreed\n\nSAO PAULO, Feb 3 (WNW) - {LEAD}\n\n{MORE}",
        dateline="SAO PAULO, Feb 3 (WNW)",
        absent=["SAO PAULO", "(WNW)"],
        present=["The council met on Tuesday"],
    ),
    Case(
        "an agency alone, or after a place in title case",
        f"Port deal agreed\n\n(CNN) — {LEAD}\n\n{MORE}",
        dateline="(CNN)",
        absent=["(CNN)"],
        present=["The council met on Tuesday"],
    ),
    Case(
        "a title-case place with its agency",
        f"Port deal agreed\n\nKyiv (AFP) - {LEAD}\n\n{MORE}",
        dateline="Kyiv (AFP)",
        absent=["Kyiv (AFP)"],
    ),
    Case(
        "a dateline set with a colon",
        f"Port deal agreed\n\nNEW DELHI, Dec 5: {LEAD}\n\n{MORE}",
        dateline="NEW DELHI, Dec 5",
        absent=["NEW DELHI"],
        present=["The council met on Tuesday"],
    ),
    Case(
        "a dash after a title-case place without an agency is prose",
        f"Port deal agreed\n\nRussia – a country of ports – {LEAD}\n\n{MORE}",
        present=["Russia – a country of ports"],
    ),
    Case(
        "wire credits and standards trailer",
        f"Port deal agreed\n\n{LEAD}\n\n{MORE}\n\n(Reporting by Ana Lee in Lima; Writing by "
        "Tom Hay; Editing by Jo Ward)\n\nOur Standards: The Trust Principles.",
        absent=["Reporting by", "Writing by", "Our Standards", "Trust Principles"],
        present=["The council met on Tuesday"],
    ),
    Case(
        "agency after the names, separator and correction note",
        f"Port deal agreed\n\nBy ANA LEE and TOM REED Associated Press\n\n{LEAD}\n\n___\n\n"
        f"{MORE}\n\nThis story has been corrected to show the vote was on Tuesday.",
        byline="ANA LEE and TOM REED",
        absent=["___", "corrected", "Associated Press"],
    ),
    Case(
        "editor's note and opinion disclaimer",
        f"Port deal agreed\n\nEditor’s Note: Ana Lee is a professor of economics. The views "
        f"expressed in this commentary are her own.\n\n{LEAD}\n\nRelated video: Ships return"
        f"\n\n{MORE}\n\nThe views expressed here are the author's own.",
        absent=["Editor", "professor", "views expressed", "Related video"],
        present=["The council met on Tuesday"],
    ),
    Case(
        "contributed to this report",
        f"Port deal agreed\n\n{LEAD}\n\n{MORE}\n\nThe Associated Press contributed to this "
        "report.\n\nContributing: Ana Lee, USA TODAY",
        absent=["contributed", "Contributing", "USA TODAY"],
    ),
    # --- headings ------------------------------------------------------------------------------
    Case(
        "heading in typographic quotes",
        f"Port deal agreed\n\n{LEAD}\n\n“What comes next”\n\n{MORE}",
        headings=["What comes next"],
    ),
    Case(
        "heading in straight quotes",
        f'Port deal agreed\n\n{LEAD}\n\n"What comes next"\n\n{MORE}',
        headings=["What comes next"],
    ),
    Case(
        "lower-case heading",
        f"Port deal agreed\n\n{LEAD}\n\nkyiv will strengthen security\n\n{MORE}",
        headings=["kyiv will strengthen security"],
    ),
    Case(
        "short sentence is not a heading",
        f"Port deal agreed\n\n{LEAD}\n\nNobody was hurt.\n\n{MORE}",
        headings=[],
        present=["Nobody was hurt."],
    ),
    Case(
        "markdown headings",
        f"# Port deal\n\n{LEAD}\n\n## The cost\n\n{MORE}\n\n### Who pays\n\n{LEAD}",
        kind="md",
        headings=["The cost", "Who pays"],
    ),
    Case(
        "markdown with a captioned image, a table, inline html and a pull quote",
        "# Rail strike ends\n\n![Trains](https://x.example/a.jpg)\n*Trains wait at the depot. "
        "Photo: Jo Park*\n\nDrivers returned to work on Thursday after the union accepted the "
        "offer.\n\n> “It was never about the money,” said union leader Sam Reyes.\n\n"
        "| Route | Before |\n|---|---|\n| North | 12 |\n\n<div class='ad'>Advertisement</div>\n\n"
        "The operator said delays could last into the weekend.",
        kind="md",
        title="Rail strike ends",
        quotes=[("It was never about the money,", "Sam Reyes")],
        absent=["Trains wait", "Route", "North", "Advertisement", "<div"],
        present=["said union leader Sam Reyes.", "delays could last"],
    ),
    Case(
        "html h2 and h3",
        f"<html><body><article><h1>Port deal</h1><p>{LEAD}</p><h2>The cost</h2><p>{MORE}</p>"
        f"<h3>Who pays</h3><p>{LEAD}</p></article></body></html>",
        kind="html",
        headings=["The cost", "Who pays"],
    ),
    Case(
        "list items in the body are not headings",
        f"Port deal agreed\n\n{LEAD}\n\n• Ships will dock at night\n• Fees rise\n\n{MORE}",
        headings=[],
        present=["Ships will dock at night"],
    ),
    # --- quotes ----------------------------------------------------------------------------------
    Case(
        "quote then X said",
        f"Port deal agreed\n\n“We will rebuild the port,” Smith said.\n\n{MORE}",
        quotes=[("We will rebuild the port,", "Smith")],
    ),
    Case(
        "quote then said X",
        f"Port deal agreed\n\n“We will rebuild the port,” said Anna Berg.\n\n{MORE}",
        quotes=[("We will rebuild the port,", "Anna Berg")],
    ),
    Case(
        "straight quotes",
        f'Port deal agreed\n\n"We will rebuild the port," Smith said.\n\n{MORE}',
        quotes=[("We will rebuild the port,", "Smith")],
    ),
    Case(
        "quote split around attribution",
        f"Port deal agreed\n\n“We will rebuild,” Smith said, “and we will do it fast.”\n\n{MORE}",
        quotes=[("We will rebuild,", "Smith"), ("and we will do it fast.", "Smith")],
        present=["Smith said"],
    ),
    Case(
        "X wrote in Y",
        f"Port deal agreed\n\n“The port is open,” Umerov wrote in X after the call.\n\n{MORE}",
        quotes=[("The port is open,", "Umerov")],
    ),
    Case(
        "according to X",
        f"Port deal agreed\n\n“The port is open again,” according to Lena Park.\n\n{MORE}",
        quotes=[("The port is open again,", "Lena Park")],
    ),
    Case(
        "pronoun resolves to last named speaker",
        f"Port deal agreed\n\n“We will rebuild,” Mayor Ana Silva said.\n\n"
        f"“It will take years,” she added.\n\n{MORE}",
        quotes=[("We will rebuild,", "Ana Silva"), ("It will take years,", "Silva")],
    ),
    Case(
        "a speaker's name never runs over the end of a sentence",
        f"Port deal agreed\n\nThe agency released its Winter Outlook. Researchers predicted "
        f"that through February, “the drought will go on.”\n\n{MORE}",
        quotes=[("the drought will go on.", "Researchers")],
    ),
    Case(
        "pronoun after narration that names the speaker in the same paragraph",
        f"Port deal agreed\n\n“We will rebuild,” Mayor Ana Silva said.\n\nThe works start "
        f"in spring, says the harbor master, Jo Berg. “That's where it will shine,” she says."
        f"\n\n{MORE}",
        quotes=[("We will rebuild,", "Ana Silva"), ("That's where it will shine,", "Berg")],
    ),
    Case(
        "speaker named with a title before the quote",
        f"Port deal agreed\n\nPrime Minister Ed Hart told reporters: “The deal is done.”\n\n{MORE}",
        quotes=[("The deal is done.", "Ed Hart")],
    ),
    Case(
        "said, a lowercase job title, then the name",
        f"Port deal agreed\n\n“This is the biggest change in a generation,” said council member "
        f"Ana Ruiz, who has pushed for it since 2021.\n\n{MORE}",
        quotes=[("This is the biggest change in a generation,", "Ana Ruiz")],
    ),
    Case(
        "said, a title with an abbreviation, then the name",
        f"Port deal agreed\n\n“We will pay for it,” said state Sen. Jo Park.\n\n{MORE}",
        quotes=[("We will pay for it,", "Jo Park")],
    ),
    Case(
        "said, an organization and a role, then the name",
        f"Port deal agreed\n\n“We are watching closely,” said White House press secretary "
        f"Kim Lee.\n\n{MORE}",
        quotes=[("We are watching closely,", "Kim Lee")],
    ),
    Case(
        "said Tuesday is not a speaker",
        f"Port deal agreed\n\n“The port is open,” the company said Tuesday in a statement."
        f"\n\n{MORE}",
        quotes=[("The port is open,", None)],
    ),
    Case(
        "said on a day is not a speaker",
        f"Port deal agreed\n\n“The port is open,” officials said on Tuesday.\n\n{MORE}",
        quotes=[("The port is open,", None)],
    ),
    Case(
        "quote over two paragraphs",
        "Port deal agreed\n\n“We will rebuild the port and the roads around it.\n\n"
        "“It will take years, but we will do it,” Smith said.\n\n" + MORE,
        quotes=[
            ("We will rebuild the port and the roads around it.", "Smith"),
            ("It will take years, but we will do it,", "Smith"),
        ],
    ),
    Case(
        "partial quote stays narration",
        f"Port deal agreed\n\nThe mayor called the plan “a fresh start” for the city.\n\n{MORE}",
        quotes=[],
        present=["“a fresh start”"],
    ),
    Case(
        "nested single quotes",
        f"Port deal agreed\n\n“They told us ‘wait’ for a year,” Smith said.\n\n{MORE}",
        quotes=[("They told us ‘wait’ for a year,", "Smith")],
    ),
    # --- boilerplate -----------------------------------------------------------------------------
    Case(
        "keep reading list",
        f"Port deal agreed\n\n{LEAD}\n\n{MORE}\n\nKeep reading:\n\n  • One\n  • Two other story\n",
        absent=["Keep reading", "Two other story"],
    ),
    Case(
        "read more and related",
        f"Port deal agreed\n\n{LEAD}\n\nRead more: Port strike ends\n\n{MORE}\n\nRelated:\n\n"
        "- Ships wait outside the harbour\n- Fees rise again",
        absent=["Read more", "Related", "Ships wait", "Fees rise"],
    ),
    Case(
        "related links mid-story, then a short paragraph",
        f"Port deal agreed\n\n{LEAD}\n\nRelated:\n\n- Ships wait outside the harbour\n"
        "- Fees rise again\n\nThe council will vote on the fees again in May.\n\n" + MORE,
        absent=["Related", "Ships wait", "Fees rise"],
        present=["The council will vote on the fees again in May."],
    ),
    Case(
        "a closing list of full sentences is story",
        f"Port deal agreed\n\n{LEAD}\n\n{MORE}\n\nWhat the deal includes:\n\n"
        "- Forty new cranes will be installed by June.\n- Fees for small boats will be cut "
        "by half.",
        present=["Forty new cranes will be installed by June.", "cut by half."],
    ),
    Case(
        "news sentences that open like page furniture are kept",
        "Port deal agreed\n\nReuters reported on Monday that the company would cut 2,000 jobs."
        "\n\nPublished in 1998, the book sold more than a million copies.\n\nSign up for the "
        "scheme opened in May, and 40,000 families have joined.\n\nSource: a person familiar "
        "with the talks said the deal was close.\n\nCopyright lawsuits against the startup "
        "have piled up.\n\nUpdated figures from the ministry show 12 more deaths.",
        present=[
            "Reuters reported",
            "Published in 1998",
            "Sign up for the scheme",
            "Source: a",
            "Copyright lawsuits",
            "Updated figures",
        ],
    ),
    Case(
        "time stamps and credits in their usual forms are dropped",
        f"Port deal agreed\n\nUpdated: March 3, 2024 at 10:42 a.m. ET\n\n{LEAD}\n\n"
        "REUTERS/Amanda Perobelli/File Photo\n\nLast updated 14:05 BST, 3 March 2024\n\n"
        f"{MORE}\n\nPublished 2 hours ago\n\n© 2024 The Valley Courier",
        absent=["Updated", "REUTERS/", "Last updated", "Published", "©", "Valley Courier"],
    ),
    Case(
        "promotions and contact lines in the site's voice",
        f"Port deal agreed\n\n{LEAD}\n\nGet the latest news in your inbox. Sign up for our free "
        f"newsletters here.\n\n{MORE}\n\nListen to our daily podcast on Spotify.\n\nAna Lee "
        "can be reached at ana@example.com. Follow her on X @analee.",
        absent=["inbox", "Sign up", "podcast", "reached at", "Follow her"],
        present=["The council met on Tuesday"],
    ),
    Case(
        "news about newsletters and podcasts is kept",
        "Port deal agreed\n\nThe company said 2 million people subscribe to its newsletter.\n\n"
        "He hosts a popular podcast about the port, which you can hear on Fridays.\n\n"
        "Officials urged residents to download the emergency app and sign up for alerts.",
        present=["subscribe to its newsletter", "popular podcast", "sign up for alerts"],
    ),
    Case(
        "advertisement and share prompts",
        f"Port deal agreed\n\n{LEAD}\n\nAdvertisement\n\n{MORE}\n\nShare this article\n\n"
        "Sign up for our morning newsletter",
        absent=["Advertisement", "Share this", "Sign up"],
    ),
    Case(
        "photo credits",
        f"Port deal agreed\n\n{LEAD}\n\nPhoto: John Roe/Reuters\n\n(Getty Images)\n\n{MORE}",
        absent=["Photo:", "Getty"],
    ),
    Case(
        "trailing link list without lead-in",
        f"Port deal agreed\n\n{LEAD}\n\n{MORE}\n\n* Ships wait outside the harbour\n* Fees rise",
        absent=["Ships wait"],
    ),
    Case(
        "markdown links reduced to text",
        "# Port deal\n\nThe [council](https://example.org/c) met on **Tuesday** and agreed."
        f"\n\n{MORE}",
        kind="md",
        present=["The council met on Tuesday and agreed."],
        absent=["https://", "**"],
    ),
    Case(
        "deck line with 'epa' inside a word is kept",
        f"Storm batters coast\n\nUtilities say repairs could take days\n\n{LEAD}\n\n{MORE}",
        present=["Utilities say repairs could take days"],
    ),
    Case(
        "surname that is also a title word",
        f'Port deal agreed\n\n"Crews are coming," said Dana White, a spokeswoman.\n\n{MORE}',
        quotes=[("Crews are coming,", "Dana White")],
    ),
    Case(
        "no blank lines, agency byline and update stamp",
        f"Port deal agreed\nBy Maria Gomez, Associated Press\nUpdated 3:45 PM ET, Tue November 24,"
        f" 2026\n{LEAD}\n{MORE}",
        byline="Maria Gomez",
        absent=["Updated", "Associated Press"],
    ),
    Case(
        "markdown front matter",
        f'---\ntitle: "Rates rise again"\nauthor: Jane Doe\n---\n\n{LEAD}\n\n{MORE}',
        kind="md",
        title="Rates rise again",
        byline="Jane Doe",
        absent=["title:", "author:"],
    ),
    Case(
        "appositive between name and verb",
        f"Port deal agreed\n\n“The port will reopen,” Lena Park, the harbor master, told "
        f"reporters.\n\n{MORE}",
        quotes=[("The port will reopen,", "Lena Park")],
    ),
    Case(
        "markdown blockquote is a quote",
        f"# Port deal\n\n{LEAD}\n\n> The port will reopen in May.\n\n{MORE}",
        kind="md",
        quotes=[("The port will reopen in May.", None)],
    ),
    Case(
        "an embedded post is its signer's, without its signature and links",
        f"<html><body><article><h1>Port deal</h1><p>{LEAD}</p><blockquote class='twitter-tweet'>"
        f"<p>The port chose the billionaires. Shameful. pic.twitter.com/abc123</p>&mdash; Joe "
        f"Diaz (@joediaz) December 5, 2024</blockquote><p>{MORE}</p></article></body></html>",
        kind="html",
        quotes=[("The port chose the billionaires. Shameful.", "Joe Diaz")],
        absent=["pic.twitter", "@joediaz"],
    ),
    Case(
        "an interview's answers are the interviewee's, its labels are not read",
        "Port deal agreed\n\nWe asked harbor master Lena Park about the deal.\n\n"
        "Q: Why now?\n\nA: The ships are bigger. We had to act.\n\n"
        "Q: What next?\n\nA: Dredging, in May.\n\n"
        "This interview has been edited for length and clarity.",
        quotes=[
            ("The ships are bigger. We had to act.", "Lena Park"),
            ("Dredging, in May.", "Lena Park"),
        ],
        present=["Why now?", "What next?"],
        absent=["Q:", "A:", "edited for length"],
    ),
    Case(
        "the one told is not the speaker, after a pronoun either",
        f"Port deal agreed\n\nReeves confirms the port will stay open. “Now is not the time "
        f"to close it,” she tells MPs.\n\n{MORE}",
        quotes=[("Now is not the time to close it,", "Reeves")],
    ),
    Case(
        "a live blog's entry stamps and greeting are not read",
        f"Port deal agreed\n\n14:05 GMT\nThe minister has sat down.\n\nPosted at 12:02\nGood "
        f"afternoon and welcome to our live coverage of the port talks.\n\n{MORE}",
        present=["The minister has sat down."],
        absent=["14:05", "Posted at", "welcome to our live coverage"],
    ),
    Case(
        "a profile's questions as headings, answered in the first person",
        "# Leader spotlight: Ana Ruiz\n\nEvery month we meet a leader of the port.\n\n"
        "## What was your first job?\n\nI worked on the docks. I loved it.\n\n"
        "## What is next?\n\nMy plan is to sail around the world.\n",
        kind="md",
        quotes=[
            ("I worked on the docks.", "Ana Ruiz"),
            ("I loved it.", "Ana Ruiz"),
            ("My plan is to sail around the world.", "Ana Ruiz"),
        ],
    ),
    Case(
        "an explainer's questions are answered by the reporter",
        "# What the port deal means: Ana Ruiz\n\nThe city agreed a deal on Monday.\n\n"
        "## What is the deal?\n\nThe city will lease the port for 30 years.\n\n"
        "## Why now?\n\nThe old lease ends in May.\n",
        kind="md",
        quotes=[],
    ),
    Case(
        "a paywall and a call-out to readers are not read; an MP's title is not her name",
        f"Port deal agreed\n\n“This is a blow for the town,” said local MP Sarah Collins.\n\n"
        f"Subscribe to continue reading. Already a subscriber? Log in.\n\nGet unlimited access "
        f"for just £1 a week. Cancel anytime.\n\nHave you been affected by the closure? Email "
        f"news@example.com or WhatsApp us.\n\n{MORE}",
        quotes=[("This is a blow for the town,", "Sarah Collins")],
        absent=["Subscribe", "unlimited access", "affected"],
    ),
    Case(
        "a transcript's labels: the asker's questions are narration, the rest quotations",
        "Port strike\n\nWe spoke to port director Ana Silva.\n\nTimes: How long can it last?\n\n"
        "Silva: Not long. Every day costs us.\n\nTimes: And then?\n\nSilva: We talk again.\n\n"
        f"{MORE}",
        quotes=[("Not long. Every day costs us.", "Silva"), ("We talk again.", "Silva")],
        present=["How long can it last?"],
        absent=["Times:", "Silva:"],
    ),
    Case(
        "labels that no one asks under are not a transcript",
        f"Port deal agreed\n\nPros: The port stays open.\n\nCons: Fees rise.\n\nPros: Jobs "
        f"stay.\n\nCons: Ships wait.\n\n{MORE}",
        quotes=[],
        present=["Pros: The port stays open."],
    ),
    Case(
        "a pull quote repeating the article's words is not read twice",
        f"<html><body><article><h1>Port deal</h1><p>{LEAD}</p><p>“We stood together and we "
        f"won,” said union leader Sam Reyes. “Nobody can take that away.”</p><blockquote><p>"
        f"“We stood together and we won.”</p></blockquote><p>{MORE}</p></article></body></html>",
        kind="html",
        quotes=[
            ("We stood together and we won,", "Sam Reyes"),
            ("Nobody can take that away.", "Sam Reyes"),
        ],
    ),
    Case(
        "a pronoun's speaker is the person the narration just made its subject",
        "Port deal agreed\n\nMayor Ana Silva backed the deal; council member Tom Reed did not.\n\n"
        "“We will fight for it,” said Silva.\n\nReed, however, disagreed. “It's a mistake,” he "
        "said.\n\nSilva’s deputy, Maria Lopez, was blunt. “Now we build,” she said.\n\n"
        f"{MORE}",
        quotes=[
            ("We will fight for it,", "Silva"),
            ("It's a mistake,", "Reed"),
            ("Now we build,", "Lopez"),
        ],
    ),
    Case(
        "according to a speaker before the quotation; an unnamed one is nobody's carried",
        "Port deal agreed\n\n“We will fight for it,” said Mayor Ana Silva.\n\nAccording to "
        "Tom Reed, “the numbers do not add up.”\n\n“We regret the delay,” a spokesperson for the "
        "port said.\n\n“It's over,” Silva told Reed, who replied: “Not yet.”\n\n"
        f"{MORE}",
        quotes=[
            ("We will fight for it,", "Ana Silva"),
            ("the numbers do not add up.", "Tom Reed"),
            ("We regret the delay,", None),
            ("It's over,", "Silva"),
            ("Not yet.", "Reed"),
        ],
    ),
    Case(
        "a place opening the narration is not whom a pronoun points to",
        f"Port deal agreed\n\n“We will fight for it,” said Mayor Tom Silva.\n\nNew York, "
        f"meanwhile, is bracing. “We are ready,” he said.\n\n{MORE}",
        quotes=[("We will fight for it,", "Tom Silva"), ("We are ready,", "Silva")],
    ),
    Case(
        "an epithet after a quotation points back to the person named",
        f"Port deal agreed\n\n“We will fight for it,” said Mayor Ana Silva.\n\n“It is our "
        f"harbor,” the 45-year-old said.\n\n{MORE}",
        quotes=[("We will fight for it,", "Ana Silva"), ("It is our harbor,", "Silva")],
    ),
    Case(
        "a broadcaster's captions and player notices are not read",
        f"Port deal agreed\n\n{LEAD}\n\nImage source, Getty Images\n\nImage caption, The "
        f"harbor master spoke outside the port\n\nThis video can not be played\n\nMedia "
        f"playback is unsupported on your device\n\n{MORE}\n\nRelated Topics\n\n"
        f"More on this story",
        present=["The council met on Tuesday"],
        absent=["Getty", "Image caption", "video can not", "playback", "Related Topics", "More on"],
    ),
    # --- furniture found on real pages -------------------------------------------------------
    Case(
        "stamps in any order, with or without Updated",
        f"Port deal agreed\n\nNovember 19, 2019 / 12:21 AM / Updated 14 hours ago\n\n{LEAD}\n\n"
        f"October 22, 2019 report\n\n{MORE}",
        absent=["November 19", "12:21", "October 22"],
    ),
    Case(
        "a stamp then the byline",
        f"Port deal agreed\n\n5:45 AM PST 11/19/2019 by Jane Doe\n\n{LEAD}\n\n{MORE}",
        byline="Jane Doe",
        absent=["5:45", "PST"],
    ),
    Case(
        "wire slug line",
        f"Port deal agreed\n\nAP-US--Port-Deal, 4th Ld-Writethru\n\n{LEAD}\n\n{MORE}",
        absent=["Writethru", "AP-US"],
    ),
    Case(
        "promotions worded in new ways",
        f"Port deal agreed\n\n{LEAD}\n\nThe news and stories that “matter”, delivered weekday "
        f"mornings.\n\nFollow Port News on Instagram\n\nScroll down for video\n\n{MORE}\n\n"
        "Explore further\n\nCitation: Port deal agreed (2019, October 22) retrieved 20 November "
        "2019 from https://example.org/news/port.html",
        absent=["delivered weekday", "Instagram", "Scroll down", "Explore further", "Citation"],
    ),
    Case(
        "a video player's label with its running time",
        f"Port deal agreed\n\n{LEAD}\n\nWatch video 02:17\n\n{MORE}\n\nPlay video 1:04:10",
        absent=["Watch video", "02:17", "Play video"],
    ),
    Case(
        "feedback and click-through prompts",
        f"Port deal agreed\n\n{LEAD}\n\nClick through for the whole thing.\n\n{MORE}\n\n"
        "Feedback: Send us an e-mail.\n\n(via Port News Daily)",
        absent=["Click through", "Feedback", "e-mail", "via Port"],
    ),
    Case(
        "rails read as sections are left out",
        f"<html><body><article><h1>Port deal agreed</h1><p>{LEAD}</p><p>{MORE}</p>"
        "<h2>Most read in world news</h2><ul><li><a href='/a'>Ships wait</a></li>"
        "<li><a href='/b'>Fees rise</a></li></ul><h2>SEE MORE:</h2><p>Storm hits coast</p>"
        "<h3>DON'T MISS</h3><p>Rates rise again</p></article></body></html>",
        kind="html",
        headings=[],
        absent=["Most read", "SEE MORE", "DON'T MISS", "Ships wait", "Storm hits", "Rates rise"],
    ),
    Case(
        "agency glued to the first word, credit line",
        f"Port deal agreed\n\n(CNN)The council met on Tuesday and agreed a plan, officials said."
        f"\n\n{MORE}\n\nCNN's Ana Lee and Tom Reed contributed to this report.",
        absent=["(CNN)", "contributed"],
        present=["The council met on Tuesday"],
    ),
    Case(
        "spaced dateline after a stamp",
        "Port deal agreed\n\nN E W Y O R K (Reuters) - The council met on Tuesday and agreed "
        f"a plan, officials said.\n\n{MORE}",
        absent=["N E W", "NEWYORK", "Reuters"],
        present=["The council met on Tuesday"],
    ),
    Case(
        "a standfirst marked as a heading is read as prose",
        f"<html><body><article><h1>Goats ruled this island</h1><h2>The rocky island of Redonda, "
        "once stripped of its flora and fauna, makes an astonishingly quick comeback. What is "
        f"the secret to its recovery?</h2><p>{LEAD}</p><p>{MORE}</p></article></body></html>",
        kind="html",
        headings=[],
        present=["The rocky island of Redonda"],
    ),
    # --- pasted clips --------------------------------------------------------------------------
    Case(
        "a clip copied from a browser: skip links and a section kicker",
        f"Skip to main content\n\nCOUNTY GOVERNMENT\n\nPort deal agreed\n\n{LEAD}\n\n{MORE}",
        title="Port deal agreed",
        absent=["Skip to", "COUNTY"],
    ),
    Case(
        "a forwarded clip marked EXCLUSIVE",
        f"Fwd: URGENT: Port deal agreed\n\nEXCLUSIVE\n\n{LEAD}\n\n{MORE}",
        title="Port deal agreed",
        absent=["Fwd", "EXCLUSIVE"],
    ),
    Case(
        "title, byline, agency and stamp on one line",
        "Port deal agreed By Ana Lee and Tom Reed | Reuters November 6, 2024 4:12 PM GMT+1 "
        f"Updated 2 hours ago\n\n{LEAD}\n\n{MORE}",
        title="Port deal agreed",
        byline="Ana Lee and Tom Reed",
        absent=["Reuters", "4:12"],
    ),
    # --- quotes and speakers -------------------------------------------------------------------
    Case(
        "X told Y: the speaker is X",
        f"Port deal agreed\n\n“The port is open,” Grisham told CNN.\n\n{MORE}",
        quotes=[("The port is open,", "Grisham")],
    ),
    Case(
        "a name after a place in a long job title is not the speaker",
        f"Port deal agreed\n\n“The port is open,” said a spokesman for the New York-based "
        f"shipping group.\n\n{MORE}",
        quotes=[("The port is open,", None)],
    ),
    Case(
        "she resolves to the woman, not the last name",
        f"Port deal agreed\n\n“We will rebuild,” said Mayor Ana Silva, adding that she had "
        f"signed the order.\n\n“Costs will rise,” said Tom Reed, who said his firm would bid."
        f"\n\n“It will take years,” she said.\n\n{MORE}",
        quotes=[
            ("We will rebuild,", "Ana Silva"),
            ("Costs will rise,", "Tom Reed"),
            ("It will take years,", "Silva"),
        ],
    ),
    Case(
        "mixed straight and curly marks keep the attribution in narration",
        f'Port deal agreed\n\n“The port is open," Ana Silva said.\n\n{MORE}',
        quotes=[("The port is open,", "Ana Silva")],
        present=["Ana Silva said."],
    ),
    Case(
        "titles in a list are not quotations",
        f"Port deal agreed\n\nThe festival will show films including “Star Wars,” “Jaws” and "
        f"“The Piano” this summer.\n\n{MORE}",
        quotes=[],
        present=["“Star Wars,”"],
    ),
    Case(
        "a letter's reference to a headline is not a quotation",
        f"Port deal agreed\n\nRe. “Prop. 13 proves costly to government programs,” Page A8, "
        f"Jan. 13: I disagree with the notion that the city lacks money.\n\n{MORE}",
        quotes=[],
        present=["Re. “Prop. 13 proves costly to government programs,” Page A8"],
    ),
    Case(
        "a scare-quoted term is not a quotation",
        f"Port deal agreed\n\n“Rewilding” brings to mind a quiet process.\n\n{MORE}",
        quotes=[],
    ),
    Case(
        "a partial quotation running to its attribution is the speaker's",
        f"Port deal agreed\n\nThe reason “was the latest storm and the damage it did,” Popko "
        f"explained.\n\n{MORE}",
        quotes=[("was the latest storm and the damage it did,", "Popko")],
    ),
    Case(
        "a speaker's name follows the last of the titles before it",
        f"Port deal agreed\n\n“We are here to ensure stability,” Saudi Energy Minister Prince "
        f"Abdulaziz bin Salman told reporters.\n\n“It is a dream,” said Martin Luther King Jr."
        f"\n\n{MORE}",
        quotes=[
            ("We are here to ensure stability,", "Abdulaziz bin Salman"),
            ("It is a dream,", "Martin Luther King Jr"),
        ],
    ),
    Case(
        "quotations in single marks, as British papers quote",
        f"Port deal agreed\n\n‘It’s a disgrace,’ Ana Silva told reporters. ‘The players’ union "
        f"was never asked.’\n\n{MORE}",
        quotes=[
            ("It’s a disgrace,", "Ana Silva"),
            ("The players’ union was never asked.", "Ana Silva"),
        ],
    ),
    Case(
        "apostrophes are not quotation marks",
        f"Port deal agreed\n\nThe Joneses' boat, a hit of the ’90s, wasn't rock ’n’ roll, Silva's "
        f"crew said.\n\n{MORE}",
        quotes=[],
        present=["The Joneses' boat, a hit of the ’90s, wasn't rock ’n’ roll, Silva's crew said."],
    ),
    Case(
        "a quotation after he said. in the same paragraph is his",
        f"Port deal agreed\n\n“The port is open,” said Ana Silva. “It will stay open.”\n\n{MORE}",
        quotes=[("The port is open,", "Ana Silva"), ("It will stay open.", "Ana Silva")],
    ),
]


def segment(case: Case):
    return segment_document(
        document_from_bytes(case.text.encode("utf-8"), case.name, kind=case.kind)
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_segmentation(case: Case) -> None:
    article = segment(case)
    spoken = " ".join(s.text for s in article.segments if s.kind != "headline")
    headline = [s.text for s in article.segments if s.kind == "headline"]
    if case.title is not None:
        assert article.title == case.title
        assert headline == [case.title]
    elif case.name.startswith("no headline"):
        # A short headline from the first sentence: its opening words, said and titled.
        assert headline == [article.title] and spoken.startswith(article.title)
        assert 3 <= len(article.title.split()) <= 12 and not article.title.endswith("…")
    if case.byline != "unset":
        assert article.byline == case.byline
    if case.headings is not None:
        assert article.headings == case.headings
    quotes = [(s.text, s.speaker) for s in article.segments if s.kind == "quote"]
    if case.quotes or "quote" in case.name:
        assert quotes == case.quotes
    for text in case.absent:
        assert text not in spoken, f"{text!r} should be dropped"
    for text in case.present:
        assert text in spoken, f"{text!r} should be kept"
    if case.dateline:
        assert article.dateline == case.dateline


def test_seed_article_segments_as_the_notes_describe() -> None:
    article = segment_document(read_source(str(EXAMPLE)))
    assert article.title == "NATO commits to strengthening Ukraine's defenses"
    assert article.byline == "Scribe"
    assert article.headings == [
        "Russian attacks against civilian population",
        "Moscow attacks civil infrastructure",
        "kyiv will strengthen security",
    ]
    speakers = [s.speaker for s in article.segments if s.kind == "quote"]
    # The partial quotation (The reason “was the recent statements ...”) is Popko's too.
    assert speakers == ["Geoana", "Umerov", "Umerov", "Popko", "Popko"]
    partial = [s.text for s in article.segments if s.kind == "quote"][3]
    assert partial.startswith("was the recent statements")
    text = " ".join(s.text for s in article.segments)
    assert "Keep reading" not in text and "Zelensky" not in text and "By Scribe" not in text
    assert [s.section for s in article.segments if s.kind == "heading"] == [1, 2, 3]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "nato-commits-to-strengthening-ukraine's-defensesNATO commits to strengthening "
            "Ukraine's defenses",
            "NATO commits to strengthening Ukraine's defenses",
        ),
        ("iphone-sales-dropiPhone sales drop", "iPhone sales drop"),
        ("A normal headline", "A normal headline"),
        ("covid-19-cases-riseCOVID-19 cases rise", "COVID-19 cases rise"),
    ],
)
def test_strip_slug(line: str, expected: str) -> None:
    assert strip_slug(line) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n  ", "empty"),
        (b"\x00\x01\x02binary\x00" * 40, "binary"),
        ("Keep reading:\n\n• One\n• Two\n".encode(), "no article text"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
    ],
)
def test_bad_input(data: bytes, message: str) -> None:
    with pytest.raises((IngestError, SegmentError), match=message):
        segment_document(document_from_bytes(data, "input"))


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "cp1252"],
)
def test_encodings(encoding: str) -> None:
    text = f"Café owners protest\n\n“Prices rose 5%,” said José Núñez. {MORE}"
    article = segment_document(document_from_bytes(text.encode(encoding), "x"))
    assert article.title == "Café owners protest"
    assert [s.speaker for s in article.segments if s.kind == "quote"] == ["José Núñez"]


PAGES = Path(__file__).resolve().parent.parent / "benchmarks" / "pages"


@pytest.mark.parametrize(
    "page, byline",
    [
        ("valley-courier-bus-lanes", "Maria Lopez"),
        ("wire-coffee-prices", "Paulo Santos; Jane Kim"),
        ("public-broadcaster-floods", "Priya Shah"),
        ("metro-storm-power", "Sam Ortiz"),
        ("valley-times-library", None),  # an old <br><br> layout; its byline is lost
    ],
)
def test_news_pages_keep_the_body_and_nothing_else(page: str, byline: str | None) -> None:
    """Pages after real layouts: menus, captions, related links, comments, credits."""
    from briefing.htmltext import html_document

    truth = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))[page]
    html = (PAGES / "html" / f"{page}.html").read_text(encoding="utf-8")
    article = segment_document(html_document(html, page))
    assert article.byline == byline
    body = [s.text for s in article.segments if s.kind != "headline"]
    words = " ".join(re.findall(r"\w+", " ".join(body)))
    for paragraph in truth["articleBody"].splitlines():
        # The dateline is kept as metadata, not spoken.
        spoken = re.sub(r"^[A-Z ]+, \w+ \d+ \(\w+\) - ", "", paragraph)
        assert " ".join(re.findall(r"\w+", spoken)) in words
    true_words = set(re.findall(r"\w+", truth["articleBody"]))
    assert set(words.split()) <= true_words


SCRIPTED_PAGE = """<!DOCTYPE html><html><head><title>Loading | Newsroom</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
{"@type": "WebSite", "name": "Newsroom"},
{"@type": "NewsArticle", "headline": "Central bank holds rates steady",
 "author": [{"@type": "Person", "name": "Lena Park"}],
 "articleBody": "The central bank left its key interest rate unchanged on Thursday, saying \
inflation was still too high to start cutting.\\nPolicymakers voted 7-2 to keep the rate at \
5.25%, the highest in 16 years.\\n\\"We need to see more evidence that price pressures are \
easing,\\" the governor said."}]}</script></head>
<body><div id="root">MARKUP</div><script src="/app.js"></script></body></html>"""


@pytest.mark.parametrize("markup", ["", "<p>We use cookies to improve your experience.</p>"])
def test_scripted_page_is_read_from_its_json_ld(markup: str) -> None:
    from briefing.htmltext import html_document

    article = segment_document(html_document(SCRIPTED_PAGE.replace("MARKUP", markup), "page.html"))
    assert article.title == "Central bank holds rates steady"
    assert article.byline == "Lena Park"
    text = " ".join(s.text for s in article.segments)
    assert "voted 7-2" in text and "cookies" not in text
    assert [s.text for s in article.segments if s.kind == "quote"] == [
        "We need to see more evidence that price pressures are easing,"
    ]


def test_a_story_read_from_json_ld_keeps_the_visible_headline() -> None:
    from briefing.htmltext import html_document

    body = " ".join(
        f"Paragraph {n} of the story says what the bank decided and why." for n in range(12)
    )
    page = (
        '<html><head><script type="application/ld+json">'
        + json.dumps(
            {"@type": "NewsArticle", "headline": "Central bank holds...", "articleBody": body}
        )
        + "</script></head><body><article><h1>Central bank holds rates steady</h1><p>The central "
        "bank left its key rate unchanged on Thursday, saying inflation was still too high to "
        "start cutting, and its governor said the bank would need more evidence that price "
        "pressures were easing before it could lower borrowing costs for households and firms "
        "later in the year.</p></article></body></html>"
    )
    document = html_document(page, "page.html")
    assert "Paragraph 11" in " ".join(b.text for b in document.blocks)  # the data's story
    assert document.title == "Central bank holds rates steady"


ARTICLE_PAGE = """<!DOCTYPE html><html><head><title>Forests</title></head><body><article>
<h1>Indigenous land rights slow forest loss</h1>
<p>A new research paper published in <em>Frontiers</em>&nbsp;<em>in</em>&nbsp;<em>Ecology</em>
<em>and the</em>&nbsp;<em>Environment</em> journal suggests that rights recognition is crucial
for conserving vital carbon sinks across the tropics, the authors wrote on Monday.</p>
<blockquote><p>It simply uses a depth map of your face, and adjusts the eyes accordingly.<br>Notice
the warping of the line.</p><p>The second paragraph of the quotation follows here.</p></blockquote>
<p>The study covered forty countries and more than two decades of satellite records of
forest cover, comparing lands held under community title with their neighbours.</p>
</article>TAIL</body></html>"""


def test_inline_elements_and_line_breaks_are_not_glued() -> None:
    from briefing.htmltext import html_document

    document = html_document(ARTICLE_PAGE.replace("TAIL", ""), "page.html")
    text = " ".join(b.text for b in document.blocks)
    assert "Frontiers in Ecology and the Environment journal" in text
    assert "accordingly. Notice the warping" in text
    assert "line. The second paragraph" in text


@pytest.mark.parametrize(
    "tail",
    [
        '<script type="application/ld+json">{"a": ' * 6000,  # unclosed, 600 KB
        '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>",
        '<script type="application/ld+json">{"@graph": ' * 2000 + "{}" + "}" * 2000 + "</script>",
    ],
    ids=["unclosed-tags", "nested-lists", "nested-graphs"],
)
def test_hostile_json_ld_is_skipped(tail: str) -> None:
    from briefing.htmltext import html_document

    document = html_document(ARTICLE_PAGE.replace("TAIL", tail), "page.html")
    assert document.title == "Indigenous land rights slow forest loss"
    assert any("forty countries" in b.text for b in document.blocks)


@pytest.mark.parametrize(
    "headings, title",
    [
        # A section link set in the <h1> as a kicker (Mercury News letters) is not the title.
        (
            '<h1><div><a href="/letters/">Letters to the Editor | </a></div>'
            "<span>Letters: Coddling criminals | Undermining road</span></h1>",
            "Letters: Coddling criminals | Undermining road",
        ),
        # An <h1> that is only a section's link gives way to the real one.
        (
            '<h1><a href="/letters/">Letters to the Editor</a></h1>'
            "<h1>Quarry plan will undermine rural road</h1>",
            "Quarry plan will undermine rural road",
        ),
        # A headline linked to its own page is still the headline.
        (
            '<h1><a href="/story">Harbor walls approved by council</a></h1>',
            "Harbor walls approved by council",
        ),
    ],
)
def test_the_visible_headline_without_its_kicker(headings: str, title: str) -> None:
    from briefing.htmltext import html_document

    page = ARTICLE_PAGE.replace("TAIL", "").replace(
        "<h1>Indigenous land rights slow forest loss</h1>", headings
    )
    assert html_document(page, "page.html").title == title


def test_speakers_are_looked_for_only_where_their_surname_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page with a new speaker in every paragraph took 9 minutes of searches: each
    paragraph was searched for every speaker met so far."""
    from briefing.quotes import Speakers

    speakers = Speakers()
    for n in range(300):
        speakers.name(f"Ann Lee{n}")
    searched: list[str] = []
    monkeypatch.setattr(Speakers, "_learn", lambda self, full, text: searched.append(full))
    speakers.learn("Lee7 said the plan was fine. Lee7's aide agreed.")
    assert searched == ["Ann Lee7"]


def test_a_paragraph_printed_twice_is_read_once() -> None:
    text = f"Port deal agreed\n\n{LEAD}\n\nThe harbor reopens to ships next week.\n\n" * 2
    article = segment_document(document_from_bytes(text.encode(), "twice.txt", kind="txt"))
    spoken = [s.text for s in article.segments if s.kind == "text"]
    assert spoken.count("The harbor reopens to ships next week.") == 1
    assert spoken.count(LEAD) == 1
