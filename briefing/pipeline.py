"""The stages joined: sources -> articles -> summaries -> script -> audio -> episode."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .config import Budget, Config
from .episodes import read_episode, sidecar_paths
from .errors import ConfigError
from .models import Article, Audio, Episode, Script, Summary
from .speech.cache import SegmentCache, default_cache_dir

# Reading and segmenting, summarizing (nltk), scripting and assembly (numpy, pydub) are
# imported where used: a re-run of an up-to-date briefing needs none of them.

log = logging.getLogger(__name__)


@contextmanager
def stage(name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    log.info("%s: %.2f s", name, time.perf_counter() - start)


def load_articles(
    inputs: Sequence[str], config: Config, stdin: bytes | None = None
) -> list[Article]:
    from .ingest import read_source
    from .segment import segment_document

    articles = []
    for source in inputs:
        with stage(f"ingest {source}"):
            doc = read_source(source, config.fetch, stdin=stdin)
            articles.append(segment_document(doc))
    return articles


def feed_stories(
    config: Config, feed: str, limit: int, include_seen: bool = False
) -> tuple[list[Article], list[str]]:
    """New stories of a feed (not yet briefed into the output folder) and their item ids."""
    from .newsfeed import feed_articles, load_seen

    with stage(f"feed {feed}"):
        return feed_articles(
            feed,
            config.fetch,
            limit=limit,
            seen=set() if include_seen else load_seen(config.output_dir),
        )


def story_weights(count: int) -> list[float]:
    """Shares of a briefing's time: the lead story gets half as much again as the others."""
    return [1.5 if i == 0 and count > 1 else 1.0 for i in range(count)]


def summarize_all(
    articles: Sequence[Article], budgets: Sequence[Budget], wpm: float
) -> list[Summary]:
    from .summarize import summarize_article

    return [
        summarize_article(
            article,
            sentences=budget.sentences,
            words=budget.words,
            seconds=budget.seconds,
            ratio=budget.ratio,
            words_per_minute=wpm,
        )
        for article, budget in zip(articles, budgets)
    ]


def timed_script(articles: Sequence[Article], config: Config, date: dt.date | None) -> Script:
    """A script whose estimated length is the briefing's --minutes, shared by importance.

    Intro, headlines, transitions and pauses take their time first; the stories share the
    rest, and the shares are corrected by the script's own estimate a few times.
    """
    from .script import build_script

    assert config.budget.minutes is not None
    profile = config.profile
    target = config.budget.minutes * 60
    frame = build_script(
        [Summary(a, ()) for a in articles], profile, title=config.title, date=date
    ).estimated_seconds
    weights = story_weights(len(articles))
    room = max(target - frame, 5.0 * len(articles))
    scale = 1.0
    best: Script | None = None
    for _ in range(4):
        share = room * scale / sum(weights)
        budgets = [Budget(seconds=max(share * w, 3.0)) for w in weights]
        summaries = summarize_all(articles, budgets, profile.words_per_minute)
        script = build_script(summaries, profile, title=config.title, date=date)
        if best is None or abs(script.estimated_seconds - target) < abs(
            best.estimated_seconds - target
        ):
            best = script
        content = script.estimated_seconds - frame
        if content <= 0 or abs(script.estimated_seconds - target) < 0.03 * target:
            break
        scale *= room / content
    assert best is not None  # the loop runs at least once
    return best


def plan(
    inputs: Sequence[str],
    config: Config,
    *,
    stdin: bytes | None = None,
    date: dt.date | None = None,
    articles: Sequence[Article] = (),
) -> Script:
    """The script of a briefing, without synthesis (of `inputs`, then `articles`)."""
    from .script import build_script
    from .summarize import DEFAULT_SECONDS

    articles = [*load_articles(inputs, config, stdin), *articles]
    with stage("summarize and script"):
        if config.budget.minutes is not None:
            script = timed_script(articles, config, date)
        else:
            budget = config.budget
            if not any(vars(budget).values()):
                budget = Budget(seconds=DEFAULT_SECONDS)
            summaries = summarize_all(
                articles, [budget] * len(articles), config.profile.words_per_minute
            )
            script = build_script(summaries, config.profile, title=config.title, date=date)
    log.info(
        "script: %d cues, %d chapters, about %.0f s",
        len(script.cues),
        len(script.chapters),
        script.estimated_seconds,
    )
    return script


def default_output(config: Config, title: str, date: dt.date) -> Path:
    from .segment import slugify

    slug = slugify(title)[:60].strip("-") or "briefing"
    return config.output_dir / f"{date.isoformat()}-{slug}.{config.audio_format}"


def segment_cache(config: Config) -> SegmentCache | None:
    if not config.use_cache:
        return None
    return SegmentCache(config.cache_dir or default_cache_dir())


def render_episode(
    script: Script,
    config: Config,
    out: Path | None = None,
    *,
    date: dt.date | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Episode:
    """Synthesize and assemble a script into OUT.mp3 and its sidecar files."""
    from .speech.render import RenderStats, render_script

    date = date or dt.date.today()
    out = out or default_output(config, script.title, date)
    key = episode_key(script, config, date)
    stored = read_episode(out) if out.is_file() and config.use_cache else None
    if stored and stored.key == key and all(p.is_file() for p in sidecar_paths(out)):
        log.info("%s is up to date", out)
        return stored.episode
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
    with stage("assemble"):
        episode = assemble_episode(script, rendered, config, out, date, key, _cover(out.parent))
    log.info(
        "wrote %s (%.1f s, %d chapters)", episode.path, episode.duration, len(episode.chapters)
    )
    return episode


def assemble_episode(
    script: Script,
    rendered: Sequence[Sequence[Audio]],
    config: Config,
    out: Path,
    date: dt.date,
    key: str,
    cover: bytes | None = None,
) -> Episode:
    """The assembly step with the run's audio settings (also run by batch workers)."""
    from .assemble import assemble

    return assemble(
        script,
        rendered,
        config.profile,
        out,
        bitrate=config.bitrate,
        loudness=config.loudness,
        date=date,
        key=key,
        cover=cover,
    )


def _cover(folder: Path) -> bytes | None:
    """The feed's cover image, when the output folder has one, for the MP3's APIC frame."""
    from .publish import COVER_FILE

    path = folder / COVER_FILE
    return path.read_bytes() if path.is_file() and path.stat().st_size < 2_000_000 else None


def episode_key(script: Script, config: Config, date: dt.date) -> str:
    """What decides an episode's bytes: its script, voices and encoding settings."""
    payload = {
        "version": __version__,
        "script": script.to_json(),
        "roles": {
            name: [*role.settings(), role.pause_before, role.pause_after]
            for name, role in sorted(config.profile.roles.items())
        },
        "pauses": [config.profile.sentence_pause, config.profile.chapter_pause],
        "jingle": [config.profile.jingle, config.profile.music_bed],
        "show": [config.profile.show, config.profile.author],
        "audio": [config.bitrate, config.loudness],
        "date": date.isoformat(),
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def request_key(
    inputs: Sequence[str],
    config: Config,
    out: Path | None,
    date: dt.date,
    stdin: bytes | None,
) -> str | None:
    """What decides a briefing before any stage runs: the inputs' bytes and every setting.

    None for URLs, whose content may change between runs.
    """
    from .fetch import is_url

    if not inputs or any(is_url(source) for source in inputs):
        return None
    settings = {
        "version": __version__,
        "date": date.isoformat(),
        "out": str(out.resolve()) if out else "",
        "output_dir": str(config.output_dir.resolve()),
        "budget": vars(config.budget),
        "title": config.title,
        "audio": [config.bitrate, config.loudness, config.fallback],
        "profile": repr(config.profile),
    }
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode("utf-8"))
    for source in inputs:
        try:
            data = (stdin or b"") if source == "-" else Path(source).read_bytes()
        except OSError:
            return None  # the stages report it properly
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _index_path(config: Config, key: str) -> Path:
    return (config.cache_dir or default_cache_dir()) / "briefings" / f"{key}.json"


def finished_briefing(config: Config, key: str | None) -> Episode | None:
    """The episode an identical earlier request wrote, if it is still there unchanged."""
    if key is None or not config.use_cache:
        return None
    try:
        record = json.loads(_index_path(config, key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    path = Path(record.get("path", ""))
    stored = read_episode(path) if path.is_file() else None
    if stored is None or stored.key != record.get("key"):
        return None
    if not all(p.is_file() for p in sidecar_paths(path)):
        return None
    return stored.episode


def remember_briefing(config: Config, key: str | None, episode: Episode) -> None:
    if key is None or not config.use_cache:
        return
    from .files import atomic_write

    stored = read_episode(episode.path)
    path = _index_path(config, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"path": str(episode.path.resolve()), "key": stored.key if stored else ""}
        atomic_write(path, json.dumps(record).encode("utf-8"))
    except OSError as exc:
        log.debug("cannot record %s: %s", path, exc)


def check_output(config: Config, out: Path | None) -> None:
    """Fail before any work when the MP3 could not be written."""
    if out is not None and out.is_dir():
        raise ConfigError(f"{out} is a folder; give a file name ending in .mp3")
    folder = out.parent if out is not None else config.output_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the output folder {folder}: {exc.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"cannot write to the output folder {folder}")


def make(
    inputs: Sequence[str],
    config: Config,
    out: Path | None = None,
    *,
    stdin: bytes | None = None,
    date: dt.date | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    from_feed: str | None = None,
    limit: int = 5,
    include_seen: bool = False,
) -> Episode:
    """Render a briefing MP3 of one or more sources, and of new stories of a feed."""
    check_output(config, out)
    date = date or dt.date.today()
    key = None if from_feed else request_key(inputs, config, out, date, stdin)
    done = finished_briefing(config, key)
    if done is not None:
        log.info("%s is up to date", done.path)
        return done
    # Inputs are read first: bad input is reported at once, before any voice loads.
    articles = load_articles(inputs, config, stdin)
    # Voices load (about a second) on another core while the stories are summarized. Not a
    # daemon: a process that exits (nothing to do, a failure) while onnxruntime is still
    # building its session aborts in native code, so exit waits for the load to finish.
    from .speech import preload

    cache = segment_cache(config)
    roles = list(config.profile.roles.values())
    threading.Thread(target=preload, args=(roles, cache.models if cache else None)).start()
    item_ids: list[str] = []
    if from_feed:
        fed, item_ids = feed_stories(config, from_feed, limit, include_seen)
        articles += fed
    script = plan((), config, date=date, articles=articles)
    episode = render_episode(
        script, config, out, date=date, on_progress=on_progress, on_start=on_start
    )
    if item_ids:
        from .newsfeed import mark_seen

        mark_seen(config.output_dir, item_ids)
    remember_briefing(config, key, episode)
    return episode
