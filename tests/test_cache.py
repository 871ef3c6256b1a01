"""The segment cache: each sentence synthesized once, keyed by everything that changes its sound."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

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


def _entries(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.wav") if p.parent.name != "models")


def _damage_truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # the header still claims the full length


def _damage_header(path: Path) -> None:
    import wave

    with wave.open(str(path), "rb") as wav:
        pcm = wav.readframes(wav.getnframes())
    with wave.open(str(path), "wb") as wav:  # a valid file, written at a rate no engine makes
        wav.setnchannels(1), wav.setsampwidth(2), wav.setframerate(3)
        wav.writeframes(pcm)


def _damage_samples(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-100:] = bytes(100)  # same length, silenced ending
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_damage_truncate, _damage_header, _damage_samples])
def test_damaged_entries_are_synthesized_again(damage, tone_config, tmp_path: Path) -> None:
    from briefing.models import Cue, Line, Script

    line = Line("A sentence long enough to give a few seconds.", "A sentence long enough.")
    script = Script("t", (Cue("text", "narrator", 0, (line,)),), (), 1.0)
    cache = SegmentCache(tmp_path / "segments")
    first = render_script(script, tone_config.profile, cache=cache)
    (entry,) = _entries(tmp_path / "segments")
    damage(entry)
    stats = RenderStats()
    again = render_script(script, tone_config.profile, cache=cache, stats=stats)
    assert stats.synthesized == 1 and stats.cached == 0
    assert again == first
    assert len(_entries(tmp_path / "segments")) == 1  # the damaged entry is gone


def test_an_unwritable_cache_renders_without_it(
    tone_config, example: Path, tmp_path: Path, caplog
) -> None:
    from briefing.pipeline import make

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    config = replace(tone_config, cache_dir=blocker / "cache")
    episode = make([str(example)], config, tmp_path / "x.mp3", date=dt.date(2026, 11, 24))
    assert episode.path.exists() and episode.duration > 20
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "rendering without it" in warnings[0]


def test_a_cache_that_fills_up_stops_being_written(
    tone_config, tmp_path: Path, caplog, monkeypatch
) -> None:
    from briefing.models import Cue, Line, Script

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("briefing.speech.cache.atomic_write", full)
    lines = tuple(Line(f"Sentence number {n}.", f"Sentence number {n}.") for n in range(4))
    script = Script("t", tuple(Cue("text", "narrator", 0, (ln,)) for ln in lines), (), 1.0)
    rendered = render_script(script, tone_config.profile, cache=SegmentCache(tmp_path / "c"))
    assert len(rendered) == 4 and all(r for r in rendered)
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "No space left" in warnings[0].getMessage()
