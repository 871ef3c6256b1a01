"""The hibari engine: real synthesis of a short text, rendered once for the module."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from briefing.config import load_profile
from briefing.errors import ConfigError
from briefing.models import Audio
from briefing.speech import get_engine, list_voices
from briefing.speech.hibari import SAMPLE_RATE
from briefing.timeline import to_samples, trim
from briefing.timing import speech_seconds

TEXT = "The port reopened on Monday after a week of repairs, officials said."


@pytest.fixture(scope="module")
def spoken() -> dict[str, Audio]:
    profile = load_profile("default")
    engine = get_engine("hibari")
    return {role: engine.synthesize(TEXT, profile.role(role)) for role in ("narrator", "quote")}


def _pitch(audio: Audio) -> float:
    """The voice's median pitch (YIN's cumulative difference on voiced 50 ms frames)."""
    samples = np.frombuffer(audio.pcm, dtype="<i2").astype(float)
    size, found = 1200, []
    for start in range(0, len(samples) - size, size // 2):
        frame = samples[start : start + size] - samples[start : start + size].mean()
        if np.sqrt(np.mean(frame**2)) < 800:
            continue
        half = size // 2
        diff = np.array([np.sum((frame[:half] - frame[t : t + half]) ** 2) for t in range(1, half)])
        normal = diff * np.arange(1, half) / np.maximum(np.cumsum(diff), 1e-9)
        lo, hi = SAMPLE_RATE // 400, SAMPLE_RATE // 60
        dips = np.flatnonzero(normal[lo:hi] < 0.15)
        lag = lo + (dips[0] if len(dips) else int(np.argmin(normal[lo:hi]))) + 1
        found.append(SAMPLE_RATE / lag)
    return float(np.median(found))


def test_hibari_speaks_at_24_khz_as_long_as_timing_says(spoken: dict[str, Audio]) -> None:
    audio = spoken["narrator"]
    assert audio.sample_rate == SAMPLE_RATE
    seconds = len(trim(to_samples(audio))) / 22050
    estimate = speech_seconds(TEXT, load_profile("default").role("narrator"))
    assert abs(seconds / estimate - 1) < 0.25


def test_the_quote_voice_is_another_voice(spoken: dict[str, Audio]) -> None:
    narrator, quote = _pitch(spoken["narrator"]), _pitch(spoken["quote"])
    assert 150 < narrator < 300 and quote < 0.75 * narrator


def test_the_same_text_renders_to_the_same_samples(spoken: dict[str, Audio]) -> None:
    again = get_engine("hibari").synthesize(TEXT, load_profile("default").role("narrator"))
    assert again.pcm == spoken["narrator"].pcm


def test_voices_that_would_download_are_not_offered() -> None:
    voices = {v.name: v for v in list_voices("hibari")}
    assert voices["heart"].installed and not voices["emma"].installed
    role = replace(load_profile("default").role("narrator"), voice="emma")
    with pytest.raises(ConfigError, match="not installed"):
        get_engine("hibari").synthesize("Hello.", role)
