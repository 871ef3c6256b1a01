"""A briefing's time: per-story budgets, and a script filled to the minutes asked for.

With `--minutes`, the frame (opening, headlines, transitions, closing) is laid out first; the
stories share the rest by importance (the lead story half as much again), each takes its best
sentences within its share, and then sentences are added where a story is furthest under its
share, or taken away where it is furthest over, until the script's estimate (`timing`, the
same model the timeline follows) is as close under the request as a sentence allows.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .config import Budget, VoiceProfile
from .errors import SummarizeError
from .models import Article, Script, Sentence, Summary
from .script import build_script
from .summarize import (
    DEFAULT_SECONDS,
    Cost,
    Ranked,
    article_sentences,
    cut_to_fit,
    rank,
    select,
    summarize_article,
)
from .timing import sentence_seconds

log = logging.getLogger(__name__)

#: A lead cut to fit the time left is worth saying only with this many words.
MIN_CUT_WORDS = 8
#: The rundown of headlines is left out when the frame would take more of the request.
RUNDOWN_SHARE = 0.4
SWAPS = 4
SWAP_TRIES = 8


def story_weights(count: int) -> list[float]:
    """Shares of a briefing's time: the lead story gets half as much again as the others."""
    return [1.5 if i == 0 and count > 1 else 1.0 for i in range(count)]


def story_summaries(
    articles: Sequence[Article], budget: Budget, profile: VoiceProfile
) -> list[Summary]:
    """Each story within the same per-story budget (about a minute when none is given)."""
    seconds = budget.seconds if budget.given else DEFAULT_SECONDS
    return [
        summarize_article(
            article,
            sentences=budget.sentences,
            words=budget.words,
            seconds=seconds,
            ratio=budget.ratio,
            seconds_of=lambda unit: sentence_seconds(unit, profile),
        )
        for article in articles
    ]


def summary_within(article: Article, budget: Budget, profile: VoiceProfile) -> Summary:
    """One story's summary; a budget that no sentence fits is an error, not an empty one."""
    (summary,) = story_summaries([article], budget, profile)
    if not summary.sentences:
        units = article_sentences(article)
        if units:
            shortest = min(u.words for u in units)
            raise SummarizeError(f"no sentence fits the budget (the shortest has {shortest} words)")
    return summary


@dataclass
class _Story:
    ranked: Ranked
    costs: list[float]
    share: float
    chosen: list[int] = field(default_factory=list)
    cut: Sentence | None = None  # the lead, shortened, when no whole sentence fits
    full: bool = False

    @property
    def spent(self) -> float:
        return sum(self.costs[i] for i in self.chosen)

    def summary(self) -> Summary:
        if self.cut is not None:
            return Summary(self.ranked.article, (self.cut,))
        return self.ranked.summary(self.chosen)


def fitted_script(
    articles: Sequence[Article],
    profile: VoiceProfile,
    minutes: float,
    *,
    title: str | None = None,
    date: dt.date | None = None,
) -> Script:
    """The script of `articles` whose estimated length is as close under `minutes` as the
    stories allow."""
    target = minutes * 60

    def build(stories: Sequence[Summary], rundown: bool) -> Script:
        return build_script(stories, profile, title=title, date=date, rundown=rundown)

    empty = [Summary(a, ()) for a in articles]
    rundown = build(empty, True).estimated_seconds <= RUNDOWN_SHARE * target
    frame = build(empty, rundown).estimated_seconds
    while frame > target and len(empty) > 1:
        # Not even the headlines fit: the last stories are left out.
        log.info("leaving out %r: the request is too short for it", empty[-1].article.title)
        empty.pop()
        frame = build(empty, rundown).estimated_seconds
    articles = [s.article for s in empty]
    weights = story_weights(len(articles))
    stories = []
    for article, weight in zip(articles, weights):
        ranked = rank(article)
        costs = [sentence_seconds(u, profile) for u in ranked.units]
        share = max(0.0, target - frame) * weight / sum(weights)
        chosen = select(
            ranked.units, ranked.scores, ranked.vectors, count=None, limit=share, costs=costs
        )
        stories.append(_Story(ranked, costs, share, chosen))
    script = build([s.summary() for s in stories], rundown)
    rebuild = lambda: build([s.summary() for s in stories], rundown)  # noqa: E731
    script = _trim(stories, script, target, rebuild)
    return _fill(stories, script, target, rebuild, lambda unit: sentence_seconds(unit, profile))


def _trim(
    stories: list[_Story], script: Script, target: float, build: Callable[[], Script]
) -> Script:
    """Take sentences away, where a story is furthest over its share, until the script fits."""
    while script.estimated_seconds > target:
        over = [s for s in stories if s.chosen]
        if not over:
            break
        story = max(over, key=lambda s: s.spent - s.share)
        # The least valued sentence that no chosen sentence leans on.
        removable = [i for i in story.chosen if i + 1 not in story.chosen] or story.chosen
        story.chosen.remove(min(removable, key=lambda i: story.ranked.scores[i]))
        script = build()
    return script


def _fill(
    stories: list[_Story],
    script: Script,
    target: float,
    build: Callable[[], Script],
    cost: Cost,
) -> Script:
    """Add sentences, where a story is furthest under its share, while the script fits."""
    tried: set[tuple[int, int]] = set()
    while True:
        room = target - script.estimated_seconds
        open_stories = [s for s in stories if not s.full and s.cut is None]
        if not open_stories:
            return _swap(stories, script, target, build)
        story = min(open_stories, key=lambda s: (s.spent - s.share, -s.share))
        number = stories.index(story)
        fits = {i for i, c in enumerate(story.costs) if c <= room and (number, i) not in tried}
        best = story.ranked.next_best(story.chosen, fits.__contains__)
        if best is not None:
            story.chosen.append(best)
            tried.add((number, best))
        elif not story.chosen and story.ranked.units:
            story.cut = cut_to_fit(story.ranked.units[0], room, cost, MIN_CUT_WORDS)
            story.full = story.cut is None
            if story.full:
                continue
        else:
            story.full = True
            continue
        candidate = build()
        if candidate.estimated_seconds <= target:
            script = candidate
        elif story.cut is not None:  # it adds more than its estimate (a section title)
            story.cut, story.full = None, True
        else:
            story.chosen.pop()


def _swap(
    stories: list[_Story], script: Script, target: float, build: Callable[[], Script]
) -> Script:
    """When no sentence fits the time left, trade chosen sentences for longer ones of the
    same story that do, while that brings the briefing closer to its length."""
    for _ in range(SWAPS):
        swapped = _swap_once(stories, script, target, build)
        if swapped is script:
            break
        script = swapped
    return script


def _swap_once(
    stories: list[_Story], script: Script, target: float, build: Callable[[], Script]
) -> Script:
    room = target - script.estimated_seconds
    swaps: list[tuple[float, _Story, int, int]] = []
    for story in stories:
        for out in story.chosen:
            if out == 0 or out + 1 in story.chosen:
                continue  # the lead stays, and so does a sentence another leans on
            rest = [i for i in story.chosen if i != out]
            for new in range(len(story.costs)):
                gain = story.costs[new] - story.costs[out]
                if new in story.chosen or not 0.5 < gain <= room:
                    continue
                if story.ranked.next_best(rest, {new}.__contains__) is None:
                    continue  # it leans on a sentence that is not heard
                swaps.append((gain, story, out, new))
    # The longest gains first; a swap that opens a section may add more than its estimate.
    for _, story, out, new in sorted(swaps, key=lambda s: -s[0])[:SWAP_TRIES]:
        story.chosen[story.chosen.index(out)] = new
        candidate = build()
        if candidate.estimated_seconds <= target:
            return candidate
        story.chosen[story.chosen.index(new)] = out
    return script
