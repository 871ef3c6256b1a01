"""The stages joined: sources -> articles -> summaries -> script -> audio -> episode."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from .config import Config
from .episode import (
    Output,
    Tags,
    episode_key,
    explicit_output,
    finished,
    identity_of,
    is_current,
    named_output,
    new_tags,
    output_format,
    remember,
    request_key,
)
from .errors import ConfigError, NoNewStories
from .files import clean_stale_temps
from .models import Article, Audio, Episode, Script
from .speech.cache import SegmentCache, default_cache_dir, open_cache

# Reading and segmenting, summarizing (nltk), scripting and assembly (numpy) are imported
# where used: a re-run of an up-to-date briefing needs none of them.

log = logging.getLogger(__name__)
Progress = Callable[[int], None]


@contextmanager
def stage(name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    log.info("%s: %.2f s", name, time.perf_counter() - start)


def read_article(source: str, config: Config | None = None, stdin: bytes | None = None) -> Article:
    """A source (path, URL or `-` with `stdin`) read and segmented into an Article."""
    from .fetch import FetchOptions
    from .ingest import read_source
    from .segment import segment_document

    options = config.fetch if config else FetchOptions()
    with stage(f"ingest {source}"):
        return segment_document(read_source(source, options, stdin=stdin))


def load_articles(
    inputs: Sequence[str], config: Config, stdin: bytes | None = None
) -> list[Article]:
    """The inputs read (all of them first: bad input is reported before any work), then
    segmented."""
    from .ingest import read_source

    documents = []
    for source in inputs:
        with stage(f"read {source}"):
            documents.append(read_source(source, config.fetch, stdin=stdin))
    from .segment import segment_document

    with stage("segment"):
        return [segment_document(document) for document in documents]


def feed_stories(
    config: Config,
    feed: str,
    limit: int,
    include_seen: bool = False,
    folder: Path | None = None,
    *,
    others: int = 0,
) -> tuple[list[Article], list[str]]:
    """New stories of a feed (not yet briefed into `folder`) and their item ids. With `others`
    stories from elsewhere, a feed with nothing new is only noted."""
    from .newsfeed import Seen, feed_articles, load_seen

    with stage(f"feed {feed}"):
        seen = Seen() if include_seen else load_seen(folder or config.output_dir)
        try:
            return feed_articles(feed, config.fetch, limit=limit, seen=seen)
        except NoNewStories as exc:
            if not others:
                raise
            log.warning("%s", exc)
            return [], []


def plan(
    inputs: Sequence[str],
    config: Config,
    *,
    stdin: bytes | None = None,
    date: dt.date | None = None,
    articles: Sequence[Article] = (),
    calibrate: bool = True,
) -> Script:
    """The script of a briefing, without synthesis (of `inputs`, then `articles`).

    With a --minutes budget and the voices' renders of the first plan in the cache (`make`
    ran before), the plan is fitted to the voices' real pace as `make` fits it, so `script`
    shows what `make` renders."""
    from .budget import fitted_script, story_summaries
    from .script import build_script

    articles = [*load_articles(inputs, config, stdin), *articles]
    profile = config.profile
    with stage("summarize and script"):
        if config.budget.minutes is not None:
            script = fitted_script(
                articles, profile, config.budget.minutes, title=config.title, date=date
            )
            if calibrate and config.use_cache:
                script = _fitted_from_cache(script, articles, config, date)
        else:
            summaries = story_summaries(articles, config.budget, profile)
            script = build_script(summaries, profile, title=config.title, date=date)
    log.info(
        "script: %d cues, %d chapters, about %.0f s",
        len(script.cues),
        len(script.chapters),
        script.estimated_seconds,
    )
    return script


def cache_dir(config: Config) -> Path:
    return config.cache_dir or default_cache_dir()


def segment_cache(config: Config) -> SegmentCache | None:
    return SegmentCache(cache_dir(config)) if config.use_cache else None


def with_usable_cache(config: Config) -> Config:
    """The config, without the cache when the cache cannot be used (one warning says so)."""
    if not config.use_cache:
        return config
    try:
        root = cache_dir(config)
    except Exception as exc:  # platformdirs without a home: the cache only saves time
        log.warning("no folder for the segment cache (%s); rendering without it", exc)
        return replace(config, use_cache=False)
    return config if open_cache(root) is not None else replace(config, use_cache=False)


def render(
    script: Script,
    config: Config,
    *,
    on_progress: Progress | None = None,
    on_start: Progress | None = None,
) -> list[tuple[Audio, ...]]:
    """Every line of a script synthesized (each distinct one once, from the cache if kept)."""
    from .speech.render import RenderStats, render_script

    stats = RenderStats()
    with stage("speech"):
        rendered = render_script(
            script,
            config.profile,
            cache=segment_cache(config),
            workers=config.workers,
            fallback=config.fallback,
            on_progress=on_progress,
            on_start=on_start,
            stats=stats,
        )
    log.info(
        "speech: %d distinct sentence parts, %d synthesized, %d from cache",
        stats.lines,
        stats.synthesized,
        stats.cached,
    )
    return rendered


def assemble_episode(
    script: Script,
    rendered: Sequence[Sequence[Audio]],
    config: Config,
    output: Output,
    tags: Tags,
) -> Episode:
    """The assembly step with the run's audio settings (also run by batch workers)."""
    from .assemble import assemble

    with stage("assemble"):
        episode = assemble(
            script,
            rendered,
            config.profile,
            output,
            tags,
            bitrate=config.bitrate,
            loudness=config.loudness,
        )
    log.info("wrote %s (%.1f s, %d chapters)", output.path, episode.duration, len(episode.chapters))
    return episode


def render_episode(
    script: Script,
    config: Config,
    output: Output,
    *,
    date: dt.date,
    on_progress: Progress | None = None,
    on_start: Progress | None = None,
) -> Episode:
    """Synthesize and assemble a script into its output and sidecar files (unless current)."""
    from .podcast import cover_for

    key = episode_key(script, config, date, output.format)
    current = is_current(output, key) if config.use_cache else None
    if current is not None:
        log.info("%s is up to date", output.path)
        return current
    rendered = render(script, config, on_progress=on_progress, on_start=on_start)
    tags = new_tags(script, config.profile, output, date, key, cover_for(output.path.parent))
    return assemble_episode(script, rendered, config, output, tags)


def fitted_to_voices(
    script: Script,
    articles: Sequence[Article],
    config: Config,
    date: dt.date,
    on_progress: Progress | None = None,
    on_start: Progress | None = None,
) -> Script:
    """A --minutes script checked against the voices themselves: it is rendered (into the
    cache), its real length measured, and, when that misses the request by more than 3%,
    the script is planned once more for the pace the voices really had."""
    from .timeline import build_timeline

    rendered = render(script, config, on_progress=on_progress, on_start=on_start)
    actual = build_timeline(script, rendered, config.profile).duration
    del rendered
    return _refitted(script, actual, articles, config, date)


def _fitted_from_cache(
    script: Script, articles: Sequence[Article], config: Config, date: dt.date | None
) -> Script:
    """`fitted_to_voices` for a plan whose every line is already in the cache."""
    from .speech.render import cached_render
    from .timeline import build_timeline

    cache = segment_cache(config)
    if cache is None:
        return script
    try:
        rendered = cached_render(script, config.profile, cache)
    except Exception as exc:  # an engine that cannot even name its voice: no calibration
        log.debug("no cached calibration: %s", exc)
        return script
    if rendered is None:
        return script
    actual = build_timeline(script, rendered, config.profile).duration
    return _refitted(script, actual, articles, config, date)


def _refitted(
    script: Script,
    actual: float,
    articles: Sequence[Article],
    config: Config,
    date: dt.date | None,
) -> Script:
    """The script planned once more for the voices' real pace, when its real length `actual`
    misses the request by more than 3%. (A plan within that is kept: the same as `script`
    showed before anything was rendered.)"""
    from .budget import fitted_script

    assert config.budget.minutes is not None
    target = config.budget.minutes * 60
    if abs(actual - target) <= 0.03 * target or not script.estimated_seconds:
        return script
    pace = actual / script.estimated_seconds
    log.info(
        "the voices took %.1f s for an estimate of %.1f s; planning again",
        actual,
        script.estimated_seconds,
    )
    minutes = config.budget.minutes / pace
    return fitted_script(articles, config.profile, minutes, title=config.title, date=date)


@contextmanager
def output_folder(folder: Path) -> Iterator[None]:
    """The output folder, made if missing (or failing before any work), with a killed run's
    temp files cleared; a folder this run made is removed again if the run fails."""
    made = [p for p in (folder, *folder.parents) if not p.exists()]
    prepare_folder(folder)
    try:
        yield
    except BaseException:
        for path in made:  # deepest first; a folder that got content stays
            try:
                path.rmdir()
            except OSError:
                break
        raise


def prepare_folder(folder: Path) -> None:
    """Make the output folder (or fail before any work) and clear a killed run's temp files."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the output folder {folder}: {exc.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"cannot write to the output folder {folder}")
    clean_stale_temps(folder)


def make(
    inputs: Sequence[str],
    config: Config,
    out: Path | None = None,
    *,
    stdin: bytes | None = None,
    date: dt.date | None = None,
    on_progress: Progress | None = None,
    on_start: Progress | None = None,
    from_feed: str | None = None,
    limit: int = 5,
    include_seen: bool = False,
) -> Episode:
    """Render a briefing of one or more sources, and of new stories of a feed.

    Written to `out` (its suffix, or `config.audio_format`, decides MP3 or M4B), else into
    the output folder under a name from the date and title that no other briefing holds.
    """
    fmt = output_format(out, config.audio_format)
    explicit = explicit_output(out, fmt) if out is not None else None
    folder = explicit.path.parent if explicit else config.output_dir
    with output_folder(folder):
        config = with_usable_cache(config)
        date = date or dt.date.today()
        key = (
            None
            if from_feed or not config.use_cache
            else request_key(inputs, config, out, date, stdin)
        )
        done = finished(cache_dir(config), key)
        if done is not None:
            log.info("%s is up to date", done.path)
            return done
        # The voices load (half a second) while the inputs are read and summarized; bad input
        # is still reported at once, and the installed command does not wait for the load.
        _preload_voices(config)
        articles = load_articles(inputs, config, stdin)
        item_ids: list[str] = []
        fed: list[Article] = []
        if from_feed:
            fed, item_ids = feed_stories(
                config, from_feed, limit, include_seen, folder, others=len(articles)
            )
            articles += fed
        script = plan((), config, date=date, articles=articles, calibrate=False)
        if config.budget.minutes is not None and config.use_cache:
            script = fitted_to_voices(script, articles, config, date, on_progress, on_start)
            on_progress = on_start = None  # what is left to render is little, and new
        output = explicit or named_output(
            config.output_dir, script.title, date, fmt, identity_of(script.sources)
        )
        episode = render_episode(
            script, config, output, date=date, on_progress=on_progress, on_start=on_start
        )
        if item_ids:
            from .newsfeed import mark_seen

            mark_seen(folder, item_ids, fed)
        remember(cache_dir(config), key, episode)
        return episode


def _preload_voices(config: Config) -> None:
    """Load the voices (about a second) on another core while the stories are summarized.

    Not a daemon thread: an interpreter that shuts down (nothing to do, a failure) while
    onnxruntime is still building its session aborts in native code, so shutdown waits for
    the load. The installed command ends with `os._exit`, which neither waits nor aborts.
    """
    from .speech import preload

    cache = segment_cache(config)
    roles = list(config.profile.roles.values())
    threading.Thread(target=preload, args=(roles, cache.models if cache else None)).start()
