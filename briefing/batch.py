"""Many briefings at once on Dask: an embedded local cluster, or a real one by address.

The client plans every briefing (reading, summarizing and scripting are cheap), sends chunks
of cues to the workers for synthesis and each briefing's audio to a worker for assembly, and
writes what comes back. Workers need no shared folder: inputs go to them as scripts and the
results come back as bytes. Each worker process keeps its voices loaded and its own segment
cache, so repeated text is never synthesized twice on a worker.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .config import Budget, Config, load_profile, profile_folders
from .episode import Output, Tags, episode_key, is_current, new_tags
from .errors import BriefingError, ConfigError
from .fetch import is_url
from .files import atomic_outputs
from .models import Article, Audio, Cue, Script

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

log = logging.getLogger(__name__)

JOB_KEYS = {"name", "inputs", "feed", "limit", "minutes", "sentences", "words", "voices", "title"}
#: Synthesis parts per task: enough to outweigh the scheduler's few milliseconds per task.
CHUNK_LINES = 6
RETRIES = 2


@dataclass(frozen=True)
class Job:
    name: str
    inputs: tuple[str, ...] = ()
    feed: str | None = None
    limit: int = 5
    budget: Budget = field(default_factory=Budget)
    voices: str = "default"
    title: str | None = None


@dataclass
class Outcome:
    job: Job
    path: Path | None = None
    error: str | None = None
    skipped: bool = False


def parse_jobs(path: Path) -> list[Job]:
    """Jobs of a JOBS.toml; every mistake is a ConfigError naming the job and the key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"no such job file: {path}") from None
    except IsADirectoryError:
        raise ConfigError(f"{path} is a folder; give a JOBS.toml file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    unknown = set(data) - {"briefing"}
    if unknown:
        raise ConfigError(f"{path}: unknown key '{sorted(unknown)[0]}' (use [[briefing]] tables)")
    tables = data.get("briefing")
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{path}: no [[briefing]] jobs")
    jobs: list[Job] = []
    for index, table in enumerate(tables, 1):
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: job #{index}: a [[briefing]] job must be a table")
        name = table.get("name")
        label = f"job {name!r}" if isinstance(name, str) else f"job #{index}"
        try:
            job = _job(table, path.parent)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {label}: {exc}") from None
        if any(j.name == job.name for j in jobs):
            raise ConfigError(f"{path}: {label}: duplicate 'name'")
        jobs.append(job)
    return jobs


def _job(table: dict[str, Any], base: Path) -> Job:
    """One job's table, paths made relative to the job file's folder."""
    for key in table:
        if key not in JOB_KEYS:
            raise ConfigError(f"unknown key '{key}'")
    name = table.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[\w][\w.-]{0,99}", name):
        raise ConfigError("'name' must be a file name (letters, digits, '-', '_', '.')")
    inputs = table.get("inputs", [])
    if not isinstance(inputs, list) or not all(isinstance(i, str) and i for i in inputs):
        raise ConfigError("'inputs' must be a list of paths or URLs")
    feed = table.get("feed")
    if feed is not None and not (isinstance(feed, str) and feed):
        raise ConfigError("'feed' must be a path or URL")
    if not inputs and not feed:
        raise ConfigError("missing 'inputs' (or 'feed')")
    budget = Budget(**{k: table[k] for k in ("minutes", "sentences", "words") if k in table})
    limit = table.get("limit", 5)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 100:
        raise ConfigError("'limit' must be a whole number from 1 to 100")
    voices = table.get("voices", "default")
    if not isinstance(voices, str) or not voices:
        raise ConfigError("'voices' must be a profile name or path")
    if voices.endswith(".toml") and not Path(voices).is_absolute():
        voices = str(base / voices)
    title = table.get("title")
    if title is not None and not isinstance(title, str):
        raise ConfigError("'title' must be text")
    return Job(
        name,
        tuple(i if is_url(i) else str(base / i) for i in inputs),
        feed if feed is None or is_url(feed) else str(base / feed),
        limit,
        budget,
        voices,
        title,
    )


# --- worker side ---------------------------------------------------------------------------


def render_chunk(cues: tuple[Cue, ...], config: Config) -> list[tuple[Audio, ...]]:
    """Synthesize a few cues on a worker, with its own loaded voices and segment cache."""
    from .pipeline import segment_cache
    from .speech.render import render_script

    script = Script("chunk", cues, (), 0.0)
    return render_script(
        script, config.profile, cache=segment_cache(config), workers=1, fallback=config.fallback
    )


def assemble_remote(
    script: Script, tags: Tags, config: Config, *chunks: list[tuple[Audio, ...]]
) -> dict[str, bytes]:
    """Assemble on a worker into a private temp folder; the files come back as bytes."""
    from .pipeline import assemble_episode

    rendered = [cue for chunk in chunks for cue in chunk]
    with tempfile.TemporaryDirectory(prefix="briefing-") as tmp:
        output = Output(Path(tmp) / "episode.mp3", "mp3")
        assemble_episode(script, rendered, config, output, tags)
        return {
            "audio": output.path.read_bytes(),
            "chapters": output.sidecars[0].read_bytes(),
            "transcript": output.sidecars[1].read_bytes(),
        }


# --- client side ---------------------------------------------------------------------------


def chunk_cues(cues: Sequence[Cue], size: int = CHUNK_LINES) -> list[tuple[Cue, ...]]:
    chunks: list[tuple[Cue, ...]] = []
    current: list[Cue] = []
    lines = 0
    for cue in cues:
        current.append(cue)
        lines += len(cue.lines)
        if lines >= size:
            chunks.append(tuple(current))
            current, lines = [], 0
    if current:
        chunks.append(tuple(current))
    return chunks


def job_config(job: Job, base: Config) -> Config:
    profile = load_profile(job.voices, profile_folders())
    return replace(base, profile=profile, budget=job.budget, title=job.title)


@dataclass
class Planned:
    job: Job
    config: Config
    script: Script
    output: Output
    tags: Tags
    item_ids: list[str] = field(default_factory=list)


def plan_job(job: Job, base: Config, out_dir: Path, date: dt.date) -> Planned | Path:
    """The job's script and tags, or its MP3 path when it is already up to date."""
    from .pipeline import plan
    from .podcast import cover_for

    config = job_config(job, base)
    articles: list[Article] = []
    item_ids: list[str] = []
    if job.feed:
        from .newsfeed import feed_articles

        articles, item_ids = feed_articles(job.feed, config.fetch, limit=job.limit, seen=None)
    script = plan(job.inputs, config, date=date, articles=articles)
    output = Output(out_dir / f"{job.name}.mp3", "mp3")
    key = episode_key(script, config, date, output.format)
    if config.use_cache and is_current(output, key):
        return output.path
    tags = new_tags(script, config.profile, output, date, key, cover_for(out_dir))
    return Planned(job, config, script, output, tags, item_ids)


def write_outputs(output: Output, files: dict[str, bytes]) -> None:
    with atomic_outputs([output.path, *output.sidecars]) as (audio, chapters, transcript):
        audio.write_bytes(files["audio"])
        chapters.write_bytes(files["chapters"])
        transcript.write_bytes(files["transcript"])


def start_client(workers: int | None, scheduler: str | None) -> tuple[Any, Any]:
    """(client, cluster): a LocalCluster of one single-threaded process per core by default."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("batch needs Dask: pip install 'dask[distributed]'") from None
    # Dask sets up its own INFO logging on import; keep it as quiet as the rest of the run.
    quiet = max(logging.WARNING, logging.getLogger().getEffectiveLevel())
    if log.getEffectiveLevel() > logging.DEBUG:
        logging.getLogger("distributed").setLevel(quiet)
    import os

    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError) as exc:
            raise BriefingError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    cluster = LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


class _Cluster:
    """A Dask client started on another thread as soon as one job needs work (a few seconds,
    while the client goes on planning), and closed at the end whatever happened."""

    def __init__(self, workers: int | None, scheduler: str | None) -> None:
        self._starter = ThreadPoolExecutor(max_workers=1)
        self._args = (workers, scheduler)
        self._started: Future[tuple[Any, Any]] | None = None
        self.client: Any = None
        self._cluster: Any = None

    def start(self) -> None:
        if self._started is None:
            self._started = self._starter.submit(start_client, *self._args)

    @property
    def wanted(self) -> bool:
        return self._started is not None

    @property
    def ready(self) -> bool:
        return self._started is not None and self._started.done()

    def wait(self) -> Any:
        if self.client is None:
            assert self._started is not None
            self.client, self._cluster = self._started.result()
            log.info("Dask dashboard: %s", self.client.dashboard_link)
        return self.client

    def close(self) -> None:
        if self._started is not None and self.client is None:
            # Interrupted while the cluster was starting: wait for it, so it can be closed.
            try:
                self.client, self._cluster = self._started.result(timeout=60)
            except Exception as exc:  # it failed to start: nothing to close
                log.debug("cluster did not start: %s", exc)
        if self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._starter.shutdown(wait=False)


def _submit(client: Any, item: Planned) -> Any:
    """Synthesis of the item's cues in chunks, then its assembly, as Dask tasks."""
    tag = f"{item.job.name}-{item.tags.key[:8]}"
    parts = [
        client.submit(
            render_chunk, chunk, item.config, retries=RETRIES, pure=False, key=f"render-{tag}-{n}"
        )
        for n, chunk in enumerate(chunk_cues(item.script.cues))
    ]
    return client.submit(
        assemble_remote,
        item.script,
        item.tags,
        item.config,
        *parts,
        retries=RETRIES,
        pure=False,
        key=f"assemble-{tag}",
    )


def _written(item: Planned, future: Any, out_dir: Path) -> Outcome:
    """The outcome of a finished task: its files written (and its feed items seen), or why not."""
    from .newsfeed import mark_seen

    try:
        write_outputs(item.output, future.result())
    except BriefingError as exc:
        return Outcome(item.job, error=str(exc))
    except Exception as exc:  # a worker's error arrives as the original exception
        return Outcome(item.job, error=_reason(exc))
    if item.item_ids:
        mark_seen(out_dir, item.item_ids)
    return Outcome(item.job, path=item.output.path)


def run_batch(
    jobs: Sequence[Job],
    base: Config,
    out_dir: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    date: dt.date | None = None,
    on_done: Callable[[Outcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    base_url: str | None = None,
) -> list[Outcome]:
    """Render every job; a failing job is reported and the others still finish."""
    from dask.distributed import as_completed

    from .pipeline import with_usable_cache
    from .podcast import update_feed

    date = date or dt.date.today()
    out_dir.mkdir(parents=True, exist_ok=True)
    base = with_usable_cache(base)
    outcomes: list[Outcome] = []

    def finish(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)

    if on_start:
        on_start(len(jobs))
    cluster = _Cluster(workers, scheduler)
    futures: dict[Any, Planned] = {}
    pending: list[Planned] = []
    try:
        for job in jobs:
            try:
                result = plan_job(job, base, out_dir, date)
            except BriefingError as exc:
                finish(Outcome(job, error=str(exc)))
                continue
            if isinstance(result, Path):
                finish(Outcome(job, path=result, skipped=True))
                continue
            cluster.start()
            pending.append(result)
            while cluster.ready and pending:
                item = pending.pop(0)
                futures[_submit(cluster.wait(), item)] = item
        if cluster.wanted:
            for item in pending:
                futures[_submit(cluster.wait(), item)] = item
            for future in as_completed(list(futures)):
                finish(_written(futures[future], future, out_dir))
    except BaseException:
        if cluster.client is not None:
            cluster.client.cancel(list(futures))
        raise
    finally:
        cluster.close()
    if any(o.path and not o.skipped for o in outcomes):
        update_feed(out_dir, base_url=base_url)
    return outcomes


def _reason(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "KilledWorker":
        return "a worker died on every try of this briefing"
    return str(exc) or name
