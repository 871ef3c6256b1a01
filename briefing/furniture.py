"""Page furniture: what a page prints around a story that no listener should hear.

Each rule is narrow enough that a news sentence beginning with the same words ("Reuters
reported ...", "Published in 1998, the book ...", "Sign up for the scheme opened ...") is
kept. Blocks are judged whole (`is_furniture`), headings by `is_rail`, sentences inside
prose by `is_furniture_sentence` (captions and prompts run into the text of some sites).
"""

from __future__ import annotations

import re

# --- lead-ins: what follows them is a list of links ------------------------------------------

_LEAD_IN = re.compile(
    r"^(?:keep reading|read more|read also|also read|read next|related|related (?:articles|"
    r"stories|coverage|content|links|topics|video)|more on this(?: story| topic)?|"
    r"more from [\w ]+|see also|see more|recommended(?: for you| reading)?|"
    r"most (?:read|popular|viewed|shared)(?: [\w ]{0,30})?|trending(?: now| stories)?|"
    r"you may also like|you might also like|what to read next|further reading|top stories|"
    r"more stories|latest news|latest stories|editor'?s picks|more coverage|in other news|"
    r"don'?t miss|more must-reads(?: from [\w ]+)?|more (?:news|videos|from us)|"
    r"popular (?:now|stories)|more in [\w ]{1,30}|what others are reading|explore further|"
    r"how to (?:listen|watch)\b.{0,60}|elsewhere on [\w ]+|around the web|from our partners|"
    r"sponsored stories|promoted stories|you may be interested in|recommended videos)"
    r"\s*[:.…!]*$",
    re.I,
)


def is_lead_in(text: str) -> bool:
    """ "Keep reading:", "Most read in world news", "SEE MORE:", "DON'T MISS", "More
    Must-Reads From TIME", "How to listen to ...": a rail or a list of links follows."""
    return bool(_LEAD_IN.match(text.strip().rstrip(":")))


def is_rail(heading: str) -> bool:
    """A heading that titles a rail of links, not a section of the story."""
    return is_lead_in(heading)


# --- stamps: dates and times on their own ----------------------------------------------------

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAYS = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_STAMP_WORD = re.compile(
    rf"^(?:[\d:.,/-]+(?:st|nd|rd|th)?|{_MONTHS}|{_DAYS}|[ap]\.?m\.?|(?-i:[A-Z]{{2,4}})|"
    r"(?:gmt|utc)[+-]?\d*|at|on|ago|updated|update|published|posted|last|first|edited|"
    r"(?:hour|minute|min|day|week|month|year|second|sec)s?|an?|[|•·/-]|report|today|"
    r"yesterday|just|now|modified|reviewed|read|mins?)$",
    re.I,
)


def _stamp_share(text: str) -> tuple[int, float]:
    words = [w.strip(",;()[]") for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return 0, 0.0
    hits = sum(1 for w in words if _STAMP_WORD.match(w))
    return hits, hits / len(words)


def is_stamp(text: str) -> bool:
    """A time stamp on its own, in any order of its parts: "November 19, 2019 / 12:21 AM /
    Updated 14 hours ago", "October 22, 2019 report", "Published 2 hours ago"."""
    hits, share = _stamp_share(text)
    has_date = re.search(rf"\d|{_MONTHS}\s|\bago\b", text, re.I)
    return bool(has_date) and hits >= 2 and share >= 0.8


_STAMP_THEN_BY = re.compile(
    r"^(?P<stamp>.{4,80}?)\s+by\s+(?P<names>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*$"
)


def stamp_and_byline(text: str) -> str | None:
    """The byline of "5:45 AM PST 11/19/2019 by Jane Doe": a stamp, then who wrote it."""
    match = _STAMP_THEN_BY.match(text)
    if match and is_stamp(match["stamp"]):
        return match["names"]
    return None


# --- whole blocks ----------------------------------------------------------------------------

_BOILERPLATE = re.compile(
    r"^(?:(?:read more|read also|also read|read next|see also|see more|related(?: \w+)?|"
    r"keep reading|more|recommended|explainer|must read|don'?t miss)\s*:\s*[^.!?]{0,150}[.!?]?|"
    # A kicker and a linked headline: "Opinion: The case for ..." (no sentence's stop).
    r"(?:watch|listen|video|live|latest|trending|opinion|analysis|breaking|exclusive|"
    r"podcast|newsletter|sponsored|partner content|next|previous|up next)\s*:\s*[^.!?]{0,120}"
    r"[.!?]?|"
    r"advertisement|advertising|ad|sponsored(?: content)?|paid content|"
    r"story continues below(?: advertisement)?|scroll to continue(?: with content)?|"
    r"scroll down for (?:videos?|more)\.?(?:\.\.)?|explore further\.?|"
    # A player's label with its running time: "Watch video 02:17", "Play video 1:04:10".
    r"(?:(?:watch|play)\s+(?:the\s+)?)?(?:video|audio|clip)(?:\s+\d{1,2}(?::\d{2}){1,2})?\.?|"
    r"continue reading(?: below| the main story)?|share(?: this(?: article| story| page)?)?|"
    r"share on (?:facebook|twitter|x|linkedin|whatsapp|email).*|share via.*|"
    r"(?:sign up|subscribe)\b(?=.*\b(?:our|newsletters?|inbox|free|now|here|today|e-?mails?|"
    r"alerts|updates|podcast|channel|briefing)\b).{0,150}|"
    r"follow (?:us|me|them|him|her|@\w+|[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}) (?:on|at)\b.{0,80}|"
    r"click here\b.*|click through\b.{0,80}|"
    r"feedback\s*:.{0,120}|send us an? (?:e-?mail|message|note|tip)\b.{0,80}|"
    r"download (?:the|our) .*app.*|get (?:our|the) (?:newsletter|app).*|"
    r"listen to this (?:article|story).*|listen (?:to|live)\b.{0,80}\blive\b.{0,40}|"
    r"(?:©|\(c\)).*|copyright\s*(?:©|\(c\)|\d{4}).*|all rights reserved\.?|"
    r"\(?(?:photo|image|picture|photograph|video|illustration|graphic|credit|caption|"
    r"file photo|header image|top image|main image|featured image)(?:\s+credit)?s?\s*:.{0,300}|"
    r"source\s*:\s*(?:\S+\s*){1,6}|courtesy of [\w\s.&'’-]{2,60}|\(?via [\w\s.&'’!-]{2,60}\)?[,.]?|"
    r"(?:photo|image|illustration)s?\s+by\s+(?:\S+\s*){1,8}|"
    r"\((?:photo:?\s*)?(?:getty images|ap photo|reuters|afp|epa|shutterstock|istock)\b[^)]*\)\.?|"
    r"(?:getty images|ap photo|reuters|afp|epa|shutterstock|istock)\s*/.{0,100}|"
    r"(?:getty images|ap photo|afp via getty images|shutterstock|istock)\.?|"
    r"\(?(?:(?:additional )?reporting|writing|editing) by (?-i:[A-Z])[^!?]{0,200}|"
    r"contributing\s*:.{0,150}|(?:[\w.'’-]+ ){1,20}contributed (?:to this report|reporting)"
    r"(?: from [\w ,]+)?\.?\)?|"
    r"our standards\s*:.*|editor['’]?s note\s*:.*|"
    r"the (?:views|opinions) expressed (?:in this|here).*|"
    r"\d+\s+min(?:ute)?s?\s+read|"
    r"(?:tags?|topics?|filed under)\s*:.*|"
    r"(?:comments?|\d+ comments?)|leave a comment|post a comment|"
    r"this (?:article|story|report) (?:was|has been) (?:originally|updated|corrected|amended|"
    r"changed|first published).*|corrections?\s*:.*|"
    r"(?:this|the) (?:interview|conversation|transcript|q ?& ?a)(?: above)? (?:has been|was|is) "
    r"(?:lightly |slightly )?(?:edited|condensed)\b.{0,80}|"
    r"an earlier version of this (?:article|story|report).*|"
    r"update(?:d)?\s+[^:]{3,60}:.{0,200}|"
    r"citation\s*:.*\bretrieved\b.*|more information\s*:.*|journal information\s*:.*|"
    r"provided by\s*:?.{0,80}|doi\s*:\s*\S+|.{0,200}\(\d{4}\)\.?\s*doi\s*:\s*\S+|"
    r"written by\s*:?\s*.{2,60}|"
    r"want to (?:know|learn|read|see|hear) more\b.{0,150}|"
    # A broadcaster's page: "Image source, Getty Images", "Media caption, Watch: ...".
    r"(?:image|media|video|audio)\s+(?:source|caption|credit)s?\s*[,:].{0,300}|"
    r"related topics|more on this story|top stories|more stories|most (?:read|popular|watched)|"
    r"read (?:the )?full (?:article|story)\.?|skip to (?:main )?content|"
    r"this (?:video|audio|content) (?:can ?not|cannot|can't) be (?:played|displayed).{0,120}|"
    r"media playback is (?:unsupported|not supported).{0,120}|"
    r"your (?:browser|device) (?:does not|doesn't) support.{0,150}|"
    r"(?:good (?:morning|afternoon|evening)[,.!]?\s+(?:and\s+)?)?welcome to (?:our|the|this) "
    r"live (?:coverage|blog|updates|page)\b.{0,150}|"
    r"submit your (?:letter|story|tip|photos?|news)\b.{0,150}|"
    r"[\W_]+"
    r")$",
    re.I,
)
# Wire slug lines: "AP-US--Trump-Impeachment, 4th Ld-Writethru".
_WIRE_SLUG = re.compile(r"^[A-Z]{2,}-[A-Z]{2,}-{1,2}\S+|\b(?i:Ld-)?(?i:Writethru)\b|^BC-")
# Promotions in the site's own voice: a short block asking the reader to do something.
_PROMO = re.compile(
    r"\b(?:sign up|subscribe|newsletters?|in your inbox|our (?:\w+ )?(?:podcast|app)|"
    r"download (?:the|our) app|follow (?:us|him|her|them|me) on|can be reached at|"
    r"(?:email|contact|write to) (?:him|her|them|us|me)\b|delivered (?:daily|weekly|weekday|"
    r"every|to your)|weekday mornings|promo code|bonus bets?|sportsbook|bet \$?\d+|"
    r"1-800-gambler|gambling problem|21\+|18\+|terms apply)",
    re.I,
)
_SITE_VOICE = re.compile(r"\b(?:our|your|you|here|us)\b|\S@\S|@\w|\bT&Cs?\b|\bget\b", re.I)
_STRONG_PROMO = re.compile(
    r"\b(?:promo code|bonus bets?|sportsbook|1-800-gambler|gambling problem|terms apply|"
    r"delivered (?:daily|weekday|every)|weekday mornings|in your inbox|"
    # A paywall's and a call-out's words: "Subscribe to continue reading. Already a
    # subscriber? Log in.", "Have you been affected? Email ... or WhatsApp us".
    r"(?:subscribe|sign up|register|log in|sign in) to (?:continue|keep) reading|"
    r"already (?:a subscriber|have an account|registered)|unlimited (?:digital )?access|"
    r"cancel any ?time|have you been affected|whatsapp us|get in touch with (?:us|the newsdesk))\b",
    re.I,
)


def is_promo(text: str) -> bool:
    """A promotion: sign-ups, apps, podcasts, betting offers, in the site's own voice. Quote
    marks do not make it news ("The news and stories that “matter”, delivered ...")."""
    words = len(text.split())
    if _STRONG_PROMO.search(text) and words <= 60:
        return True
    return words <= 35 and bool(_PROMO.search(text)) and bool(_SITE_VOICE.search(text))


def is_furniture(text: str) -> bool:
    """A whole block that is page furniture."""
    text = text.strip()
    return bool(
        _BOILERPLATE.match(text)
        or is_promo(text)
        or is_stamp(text)
        or (_WIRE_SLUG.search(text) and len(text.split()) <= 8)
    )


CREDIT_TAIL = re.compile(
    r"\s*(?:[(\[](?:(?:photo|image|picture)(?: credit)?:?\s*)?(?:getty images|ap photo|reuters|"
    r"afp|epa|shutterstock)\b[^)\]]*[)\]]|(?:photo|image|picture)(?: credit)?:\s*[^.]*|"
    r"\((?:credit|photo|image)s?\s*:[^)]*\))\.?$",
    re.I,
)


# --- inside prose ----------------------------------------------------------------------------

# Captions run into the text (DailyMail copy): "Sadness: women place flowers at ...",
# "Off-stage drama: justin bieber was ...".
_CAPTION = re.compile(
    r"^(?!(?:The|A|An|Her|His|Their|Its|Our|My|This|That|One|Another|Some|Why|How|What)\b)"
    r"[A-Z][\w'’-]*(?:\s[\w'’-]+){0,3}:\s+(?![“\"'‘])(?:\S+\s+){5}"
)
_NOT_A_LABEL = re.compile(
    r"^(?:update|note|warning|correction|editor|he|she|they|it|we|i|the [\w ]+ said|"
    r"\w+ (?:said|says|told|wrote|added))\b",
    re.I,
)
_PROMPT = re.compile(
    r"^(?:scroll down for (?:videos?|more)|explore further|click here|read more|see more|"
    r"watch the video|video\s*:|pictured\s*:|pictured above|see the video)\b",
    re.I,
)


def is_furniture_sentence(sentence: str) -> bool:
    """A sentence inside prose that is furniture: a prompt ("Scroll down for video") or a
    photo caption with its label ("Distraught: people laid flowers where ...")."""
    text = sentence.strip().lstrip("“\"'‘")
    if _PROMPT.match(text) or is_furniture(text):
        return True
    return bool(_CAPTION.match(text)) and not _NOT_A_LABEL.match(text)


_GLUED_AGENCY = re.compile(r"^\((?:CNN|Reuters|AP|AFP|BBC|CNN Business|CNN Money)\)\s*(?=[\w“\"])")


_TRAILING_STAMP = re.compile(
    rf"(?<=[.!?])\s*(?:{_DAYS},?\s+)?(?:\d{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+\d{{1,2}},?)\s+\d{{4}}$",
    re.I,
)


def strip_glued(text: str) -> str:
    """What extraction glued to the front of a paragraph: "(CNN)Washington ..." and a name's
    hover card ("Kristi NoemKristi Lynn Noem South Dakota governor ...")."""
    text = _TRAILING_STAMP.sub("", _GLUED_AGENCY.sub("", text))
    head = text[:160]
    glues = [m.end() for m in re.finditer(r"[a-z](?=[A-Z][a-z])", head)]
    if len(glues) >= 2:
        first_name = head[: glues[0]].split()[-1] if head[: glues[0]].split() else ""
        if first_name and head.count(first_name) >= 2:
            return text[glues[-1] :]
    return text
