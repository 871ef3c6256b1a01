"""A briefing's time: per-story budgets, and a script filled to the minutes asked for.

With `--minutes`, the frame (opening, headlines, transitions, closing) is laid out first; the
stories share the rest by importance (the lead story half as much again), each takes its best
sentences within its share, and then sentences are added where a story is furthest under its
share, or taken away where it is furthest over, until the script's estimate (`timing`, the
same model the timeline follows) is as close under the request as a sentence allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .config import Budget, VoiceProfile
from .models import Article, Script, Sentence, Summary
from .script import build_script
from .summarize import DEFAULT_SECONDS, Cost, Ranked, cut_to_fit, rank, select, summarize_article
from .timing import sentence_seconds

#: A lead cut to fit the time left is worth saying only with this many words.
MIN_CUT_WORDS = 8
#: The rundown of headlines is left out when the frame would take more of the request.
RUNDOWN_SHARE = 0.4


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
    while True:
        room = target - script.estimated_seconds
        open_stories = [s for s in stories if not s.full and s.cut is None]
        if not open_stories:
            return script
        story = min(open_stories, key=lambda s: (s.spent - s.share, -s.share))
        best = story.ranked.next_best(story.chosen)
        if best is not None and story.costs[best] <= room:
            story.chosen.append(best)
        elif not story.chosen and story.ranked.units:
            story.cut = cut_to_fit(story.ranked.units[0], room, cost, MIN_CUT_WORDS)
            if story.cut is None:
                story.full = True
                continue
        else:
            story.full = True
            continue
        candidate = build()
        if candidate.estimated_seconds <= target:
            script = candidate
            continue
        # The estimate of the sentence alone was short of what it adds (a section title).
        if story.cut is not None:
            story.cut = None
        else:
            story.chosen.pop()
        story.full = True
