"""The online engine gTTS, over a mocked HTTP layer: retries, offline errors, the fallback."""

from __future__ import annotations

import base64
import datetime as dt
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import requests

from briefing.config import Role
from briefing.errors import EngineUnavailable, SpeechError
from briefing.fetch import RetryPolicy
from briefing.ffmpeg import ffmpeg_exe
from briefing.pipeline import make
from briefing.speech.gtts import GTTSEngine


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
    out = tmp_path / "new" / "folder" / "x.mp3"
    result = CliRunner().invoke(main, ["make", str(example), "-o", str(out), "--engine", "gtts"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: gtts cannot reach Google")
    assert not (tmp_path / "new").exists()  # no file, and no empty folder left behind


@pytest.mark.parametrize("fallback", ["hibari", "piper"])
def test_cli_offline_gtts_falls_back_to_an_offline_voice(
    google, tmp_path: Path, fallback: str
) -> None:
    from click.testing import CliRunner

    from briefing.cli import main

    google(offline=True)
    story = tmp_path / "story.txt"
    story.write_text("Harbor reopens\n\nThe harbor reopened on Monday after repairs.\n")
    out = tmp_path / "x.mp3"
    args = ["make", str(story), "-o", str(out), "--engine", "gtts", "--fallback", fallback]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert out.is_file() and out.stat().st_size > 10_000
