"""The segment cache: each sentence synthesized once, keyed by everything that changes its sound."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from briefing.config import Role
from briefing.pipeline import plan
from briefing.speech.cache import SegmentCache, cache_key
from briefing.speech.render import RenderStats, render_script


def test_cache_renders_only_what_changed(tone_config, example: Path, tmp_path: Path) -> None:
    script = plan([str(example)], tone_config, date=dt.date(2026, 11, 24))
    cache = SegmentCache(tmp_path / "segments")
    first = RenderStats()
    render_script(script, tone_config.profile, cache=cache, stats=first)
    assert first.synthesized == first.lines > 10 and first.cached == 0
    again = RenderStats()
    render_script(script, tone_config.profile, cache=cache, stats=again)
    assert again.synthesized == 0 and again.cached == first.lines
    cues = list(script.cues)
    n = next(
        i for i, c in enumerate(cues) if c.kind == "text" and len(c.lines[0].spoken.split()) < 20
    )
    line = cues[n].lines[0]
    cues[n] = replace(
        cues[n], lines=(replace(line, spoken=line.spoken + " Indeed."), *cues[n].lines[1:])
    )
    changed = RenderStats()
    render_script(
        replace(script, cues=tuple(cues)), tone_config.profile, cache=cache, stats=changed
    )
    assert changed.synthesized == 1
    assert not list((tmp_path / "segments").rglob(".tmp-*"))


def test_same_sentence_is_synthesized_once(tone_config) -> None:
    from briefing.models import Cue, Line, Script

    line = Line("Same words.", "Same words.")
    cues = tuple(Cue("text", "narrator", 0, (line,)) for _ in range(5))
    stats = RenderStats()
    render_script(Script("t", cues, (), 1.0), tone_config.profile, stats=stats)
    assert stats.synthesized == 1


def test_cache_key_depends_on_voice_settings() -> None:
    role = Role()
    assert cache_key("piper:x", role.settings(), "Hi.") != cache_key(
        "piper:x", replace(role, speed=1.1).settings(), "Hi."
    )
    assert cache_key("piper:x", role.settings(), "Hi.") != cache_key(
        "gtts:en", role.settings(), "Hi."
    )
