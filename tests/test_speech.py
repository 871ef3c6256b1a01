"""Engines, voice profiles and the segment cache (gTTS over a mocked HTTP layer)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import requests

from briefing.config import Role, load_profile
from briefing.errors import ConfigError, EngineUnavailable, SpeechError
from briefing.fetch import RetryPolicy
from briefing.ffmpeg import ffmpeg_exe
from briefing.pipeline import make, plan
from briefing.speech import get_engine
from briefing.speech.cache import SegmentCache, cache_key
from briefing.speech.gtts import GTTSEngine
from briefing.speech.render import RenderStats, render_script


def tone_mp3(seconds: float = 0.6) -> bytes:
    result = subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=300:duration={seconds}",
            "-ar",
            "24000",
            "-ac",
            "1",
            "-f",
            "mp3",
            "pipe:1",
        ],
        capture_output=True,
        check=True,
    )
    return result.stdout


class FakeGoogle:
    """Stands in for Google's endpoint at requests' transport layer."""

    def __init__(self, statuses: list[int] | None = None, offline: bool = False) -> None:
        self.statuses = list(statuses or [])
        self.offline = offline
        self.calls = 0
        self.audio = tone_mp3()

    def send(self, session, request, **kwargs):
        self.calls += 1
        if self.offline:
            raise requests.ConnectionError("no network")
        response = requests.Response()
        response.status_code = self.statuses.pop(0) if self.statuses else 200
        response.request = request
        payload = base64.b64encode(self.audio).decode("ascii")
        response._content_consumed = True
        response._content = f')]}}\'\n\n[["wrb.fr","jQ1olc","[\\"{payload}\\"]"]]'.encode()
        return response


@pytest.fixture
def google(monkeypatch: pytest.MonkeyPatch):
    def install(**kwargs) -> FakeGoogle:
        fake = FakeGoogle(**kwargs)
        monkeypatch.setattr(
            requests.Session, "send", lambda s, request, **kw: fake.send(s, request, **kw)
        )
        return fake

    return install


def test_gtts_renders_through_http(google) -> None:
    fake = google()
    audio = GTTSEngine().synthesize("Hello there.", Role(engine="gtts", tld="co.uk"))
    assert fake.calls == 1
    assert audio.sample_rate == 22050 and 0.4 < audio.seconds < 0.9


def test_gtts_retries_rate_limits_with_backoff(google) -> None:
    fake = google(statuses=[429, 503])
    audio = GTTSEngine(RetryPolicy(first_delay=0.01)).synthesize(
        "Hello there.", Role(engine="gtts")
    )
    assert fake.calls == 3 and audio.seconds > 0.4


def test_gtts_gives_up_after_bounded_retries(google) -> None:
    fake = google(statuses=[429] * 10)
    with pytest.raises(SpeechError, match="HTTP 429"):
        GTTSEngine(RetryPolicy(retries=2, first_delay=0.01)).synthesize(
            "Hello.", Role(engine="gtts")
        )
    assert fake.calls == 3


def test_gtts_offline_is_a_clear_error(google) -> None:
    google(offline=True)
    with pytest.raises(EngineUnavailable, match="cannot reach Google"):
        GTTSEngine(RetryPolicy(first_delay=0.01)).synthesize("Hello.", Role(engine="gtts"))


def test_fallback_renders_offline(google, tone_config, example: Path) -> None:
    google(offline=True)
    config = replace(tone_config, profile=tone_config.profile.with_engine("gtts"), fallback="tone")
    episode = make([str(example)], config, date=dt.date(2026, 11, 24))
    assert episode.duration > 20


def test_cli_offline_gtts_without_fallback(google, tmp_path: Path, example: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import main

    google(offline=True)
    result = CliRunner().invoke(
        main, ["make", str(example), "-o", str(tmp_path / "x.mp3"), "--engine", "gtts"]
    )
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: gtts cannot reach Google")
    assert not list(tmp_path.iterdir())


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


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[roles.anchor]\nengine = 'espeak'\n", "roles.anchor.engine: unknown engine"),
        ("[roles.anchor]\nspeed = 'fast'\n", "roles.anchor.speed: expected a number"),
        ("[roles.anchor]\nspeed = 9.0\n", "roles.anchor.speed: 9.0 is outside"),
        ("[roles.singer]\nvoice = 'x'\n", "unknown role 'roles.singer'"),
        ("[roles.quote]\ncolour = 'red'\n", "unknown key 'roles.quote.colour'"),
        ("[show]\nwords_per_minute = 5\n", "show.words_per_minute"),
        ("[lexicon]\nkyiv = 3\n", "'lexicon' must map words"),
        ("[roles.anchor\n", "not valid TOML"),
    ],
)
def test_bad_profile_names_file_and_key(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError, match=r"bad\.toml") as error:
        load_profile(str(path))
    assert message in str(error.value)


def test_profile_voice_paths_are_relative_to_the_profile(tmp_path: Path) -> None:
    (tmp_path / "v.toml").write_text("[roles.narrator]\nvoice = 'models/my.onnx'\n")
    profile = load_profile(str(tmp_path / "v.toml"))
    assert profile.role("narrator").voice == str(tmp_path / "models" / "my.onnx")
    with pytest.raises(ConfigError, match="Piper voice not found"):
        get_engine("piper").synthesize("Hi.", profile.role("narrator"))


def test_default_profile_roles() -> None:
    profile = load_profile("default")
    assert set(profile.roles) == {"anchor", "narrator", "quote"}
    assert profile.lexicon["kyiv"] == "Keev"
    assert all(r.engine == "hibari" for r in profile.roles.values())
    # The quote voice is another voice, not only another speed.
    quote, narrator = profile.role("quote"), profile.role("narrator")
    assert (quote.pitch, quote.formant) != (narrator.pitch, narrator.formant)


def test_script_uses_lexicon_in_spoken_text(tone_config, example: Path) -> None:
    script = plan([str(example)], tone_config, date=dt.date(2026, 11, 24))
    data = json.dumps(script.to_json())
    assert "Keev" in data


@pytest.mark.piper
def test_piper_render_through_cache(tmp_path: Path) -> None:
    from briefing.models import Cue, Line, Script

    profile = load_profile("default")
    cues = (Cue("text", "narrator", 0, (Line("It rained.", "It rained."),)),)
    cache = SegmentCache(tmp_path)
    first = render_script(Script("t", cues, (), 1.0), profile, cache=cache)
    second = render_script(Script("t", cues, (), 1.0), profile, cache=cache)
    assert first[0][0].pcm == second[0][0].pcm and len(first[0][0].pcm) > 10000


def test_long_sentences_are_synthesized_in_clause_parts() -> None:
    from briefing.speech.render import MAX_PART_WORDS, synthesis_parts

    long = (
        "In a statement issued after a meeting of the council, convened in the wake of "
        "recent attacks on the city, the allies recalled that they are providing military, "
        "financial and humanitarian aid."
    )
    parts = synthesis_parts(long)
    assert len(parts) == 2 and " ".join(parts) == long
    assert all(len(p.split()) <= MAX_PART_WORDS for p in parts)
    assert synthesis_parts("Short one.") == ["Short one."]
    assert synthesis_parts(" ... ") == []


def test_part_queue_takes_longest_that_fits_under_the_cap() -> None:
    from briefing.config import Role
    from briefing.speech.render import Job, PartQueue

    role = Role("tone", "x")
    parts = PartQueue([Job(str(n), "w " * n, role) for n in (5, 30, 9, 3, 7)], limit=12)
    first = parts.take()
    assert first is not None and len(first.text.split()) == 30  # over the cap: alone
    assert parts.busy == 30
    parts.done(first)
    taken = [parts.take(), parts.take()]
    assert [len(j.text.split()) for j in taken if j] == [9, 3]  # 7 and 5 do not fit beside 9
    for job in taken:
        parts.done(job)  # type: ignore[arg-type]
    rest = [parts.take(), parts.take()]
    assert [len(j.text.split()) for j in rest if j] == [7, 5]
    parts.close()
    assert parts.take() is None


def test_part_queue_never_exceeds_the_cap_with_threads() -> None:
    import time

    from briefing.config import Role
    from briefing.speech.render import Job, PartQueue
    from conftest import run_threads

    role = Role("tone", "x")
    sizes = [6, 6, 3, 25, 4, 4, 4, 9, 1, 12, 2]
    parts = PartQueue([Job(str(i), "w " * n, role) for i, n in enumerate(sizes)], limit=12)
    seen: list[int] = []

    def work() -> None:
        while (job := parts.take()) is not None:
            seen.append(parts.busy)
            time.sleep(0.005)
            parts.done(job)

    run_threads(work, 3)
    assert len(seen) == len(sizes) and max(seen) == 25
    assert all(busy <= 12 for busy in seen if busy != 25)


def test_sentences_without_commas_are_bounded_too() -> None:
    from briefing.speech.render import MAX_PART_WORDS, synthesis_parts

    plain = (
        "In a statement issued after a meeting of the council convened in the wake of recent "
        "attacks on the city the allies recalled that they are providing military aid."
    )
    assert synthesis_parts(plain) == [plain]  # long, but spoken whole
    endless = " ".join(["the council and the port authority agreed on a plan"] * 30) + "."
    parts = synthesis_parts(endless)
    assert " ".join(parts) == endless
    assert max(len(p.split()) for p in parts) <= 2 * MAX_PART_WORDS
    assert all(p.split()[0] == "and" for p in parts[1:])  # cut before a joining word
