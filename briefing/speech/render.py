"""Render every line of a script: each distinct sentence once, from the cache when it can."""

from __future__ import annotations

import logging
import queue
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Role, VoiceProfile
from ..errors import EngineUnavailable
from ..models import Audio, Script
from . import Engine, get_engine
from .cache import SegmentCache, cache_key

log = logging.getLogger(__name__)
SILENT = Audio(b"", 22050)


@dataclass(frozen=True)
class Job:
    key: str
    text: str
    role: Role


@dataclass
class RenderStats:
    lines: int = 0
    synthesized: int = 0
    cached: int = 0


def _job(engines: dict[str, Engine], role: Role, spoken: str, model_dir: Path | None = None) -> Job:
    if role.engine not in engines:
        engines[role.engine] = get_engine(role.engine, model_dir)
    engine = engines[role.engine]
    return Job(cache_key(engine.voice_id(role), role.settings(), spoken), spoken, role)


Plan = list[list[tuple[str, str]]]  # per cue, its lines as (role, spoken text)
Jobs = dict[tuple[str, str], Job]  # per (role, part), what synthesizes it


def _jobs(
    plan: Plan, roles: dict[str, Role], engines: dict[str, Engine], models: Path | None
) -> Jobs:
    return {
        (voice, part): _job(engines, roles[voice], part, models)
        for cue in plan
        for voice, spoken in cue
        for part in synthesis_parts(spoken)
    }


def _lines(plan: Plan, jobs: Jobs, done: dict[str, Audio]) -> list[tuple[Audio, ...]]:
    """The audio of every line, its parts joined, in script order."""
    return [
        tuple(
            _join([done[jobs[(voice, part)].key] for part in synthesis_parts(spoken)])
            for voice, spoken in cue
        )
        for cue in plan
    ]


def render_script(
    script: Script,
    profile: VoiceProfile,
    *,
    cache: SegmentCache | None = None,
    workers: int = 2,
    fallback: str | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    stats: RenderStats | None = None,
) -> list[tuple[Audio, ...]]:
    """Audio for every line of every cue, in script order.

    `on_start` hears how many distinct parts there are, `on_progress` each one done.
    """
    stats = stats if stats is not None else RenderStats()
    model_dir = cache.models if cache else None
    engines: dict[str, Engine] = {}
    roles = dict(profile.roles)
    plan = _plan(script)
    done: dict[str, Audio] = {}
    while True:
        jobs = _jobs(plan, roles, engines, model_dir)
        stats.lines = len(jobs)
        if on_start:
            on_start(len(jobs))
            on_start = None
        try:
            _render_jobs(list(jobs.values()), engines, cache, workers, done, on_progress, stats)
            break
        except EngineUnavailable:
            failed = {job.role.engine for job in jobs.values() if job.key not in done}
            if not fallback or fallback in failed:
                raise
            log.warning(
                "%s cannot be reached; rendering with %s instead", ", ".join(failed), fallback
            )
            roles = {
                k: replace(r, engine=fallback, voice="") if r.engine in failed else r
                for k, r in roles.items()
            }
    for engine in engines.values() if stats.synthesized else ():
        release = getattr(engine, "release", None)
        if release is not None:
            release()
    return _lines(plan, jobs, done)


def cached_render(
    script: Script, profile: VoiceProfile, cache: SegmentCache
) -> list[tuple[Audio, ...]] | None:
    """Every line of the script from the cache alone, or None when any part is missing:
    what a render would give, without synthesis."""
    plan = _plan(script)
    jobs = _jobs(plan, dict(profile.roles), {}, cache.models)
    done: dict[str, Audio] = {}
    for job in jobs.values():
        audio = cache.get(job.key)
        if audio is None:
            return None
        done[job.key] = audio
    return _lines(plan, jobs, done)


def _plan(script: Script) -> Plan:
    return [[(cue.voice, line.spoken) for line in cue.lines] for cue in script.cues]


#: Sentences longer than this are synthesized in parts split at a clause: the engine's memory
#: grows with the length of what it speaks at once (hundreds of MB for a 40-word sentence).
MAX_PART_WORDS = 22
#: The same bound in characters, for text that is few words but long ones (what normalization
#: leaves of hostile input): the engine's memory follows phonemes, not words.
MAX_PART_CHARS = 160
PART_GAP = 0.12  # seconds between the parts of one sentence, like a comma's pause
_JOINS = frozenset(
    "and but or nor so yet because while whereas although though which who whom whose where "
    "when after before since until unless as than that if".split()
)


def synthesis_parts(spoken: str) -> list[str]:
    """A sentence as the engine is given it: whole, or split at commas near its middle."""
    if not re.search(r"\w", spoken):
        return []
    words = spoken.split()
    if len(words) <= MAX_PART_WORDS and len(spoken) <= MAX_PART_CHARS:
        return [spoken]
    if len(words) == 1:
        return [spoken[i : i + MAX_PART_CHARS] for i in range(0, len(spoken), MAX_PART_CHARS)]
    cuts = [i + 1 for i, word in enumerate(words[:-3]) if word.endswith((",", ";", ":")) and i >= 3]
    if not cuts:
        # No clause mark: a sentence up to twice the size is spoken whole (it runs alone,
        # see PartQueue); longer ones are cut before a joining word, else anywhere, so that
        # no input can exhaust memory.
        if len(words) <= 2 * MAX_PART_WORDS and len(spoken) <= 2 * MAX_PART_CHARS:
            return [spoken]
        cuts = [i for i, word in enumerate(words) if 3 <= i <= len(words) - 3 and word in _JOINS]
        cuts = cuts or [len(words) // 2]
    middle = len(words) / 2
    cut = min(cuts, key=lambda i: abs(i - middle))
    return synthesis_parts(" ".join(words[:cut])) + synthesis_parts(" ".join(words[cut:]))


def _join(parts: list[Audio]) -> Audio:
    if not parts:
        return SILENT
    if len(parts) == 1:
        return parts[0]
    rate = parts[0].sample_rate
    gap = b"\x00\x00" * int(PART_GAP * rate)
    return Audio(gap.join(p.pcm for p in parts), rate)


def _render_jobs(
    jobs: list[Job],
    engines: dict[str, Engine],
    cache: SegmentCache | None,
    workers: int,
    done: dict[str, Audio],
    on_progress: Callable[[int], None] | None,
    stats: RenderStats,
) -> None:
    todo: dict[str, Job] = {}
    for job in jobs:
        if job.key in done:
            continue
        hit = cache.get(job.key) if cache else None
        if hit is not None:
            done[job.key] = hit
            stats.cached += 1
            if on_progress:
                on_progress(1)
        else:
            todo.setdefault(job.key, job)
    if not todo:
        return
    parts = PartQueue(list(todo.values()), max(1, workers) * MAX_PART_WORDS)
    finished: queue.Queue[tuple[str, Audio] | BaseException] = queue.Queue()

    def work() -> None:
        while (job := parts.take()) is not None:
            try:
                audio = engines[job.role.engine].synthesize(job.text, job.role)
                if cache:
                    cache.put(job.key, audio)
                finished.put((job.key, audio))
            except BaseException as exc:  # handed to the caller's thread, raised there
                finished.put(exc)
            finally:
                parts.done(job)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for _ in range(max(1, workers)):
            pool.submit(work)
        try:
            for _ in range(len(todo)):
                result = finished.get()
                if isinstance(result, BaseException):
                    raise result
                key, audio = result
                done[key] = audio
                stats.synthesized += 1
                if on_progress:
                    on_progress(1)
        finally:
            parts.close()  # workers finish the part in hand and stop


class PartQueue:
    """Parts to synthesize, longest first, with a cap on the words being spoken at once.

    Longest first keeps the end of a run short (no worker left alone with a long part). The
    cap bounds memory: the engine's working memory grows with the length of what it speaks
    (Piper: about 7 MB a word). A worker takes the longest part that fits under the cap; a part
    over the cap runs once nothing else is running.
    """

    def __init__(self, jobs: list[Job], limit: int) -> None:
        self.limit = limit
        self.busy = 0
        self._words = {id(job): len(job.text.split()) for job in jobs}
        self._pending = sorted(jobs, key=lambda j: (-self._words[id(j)], -len(j.text)))
        self._closed = False
        self._changed = threading.Condition()

    def take(self) -> Job | None:
        """The next part to synthesize, waiting for room; None when all are taken or closed."""
        with self._changed:
            while not self._closed and self._pending:
                for i, job in enumerate(self._pending):
                    words = self._words[id(job)]
                    if self.busy == 0 or self.busy + words <= self.limit:
                        del self._pending[i]
                        self.busy += words
                        return job
                self._changed.wait()
            return None

    def done(self, job: Job) -> None:
        with self._changed:
            self.busy -= self._words[id(job)]
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()
