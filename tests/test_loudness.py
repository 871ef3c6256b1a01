"""The loudness meter and limiter, checked against pyloudnorm (a reference BS.1770 meter)."""

from __future__ import annotations

import numpy as np
import pytest

from briefing import loudness as meter

RATE = 22050


def speechlike(seconds: float = 20.0, seed: int = 1) -> np.ndarray:
    """Bursts of filtered noise with pauses and a few sharp peaks, roughly like speech."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    noise = rng.standard_normal(n).astype(np.float32)
    noise = np.convolve(noise, np.ones(8) / 8, mode="same")
    envelope = (np.sin(np.arange(n) / RATE * 2 * np.pi * 3) > -0.2).astype(np.float32)
    signal = 0.1 * noise * envelope
    signal[rng.integers(0, n, 30)] = 0.9
    return signal.astype(np.float32)


@pytest.mark.parametrize("scale", [0.1, 0.5, 1.0])
def test_meter_matches_pyloudnorm(scale: float) -> None:
    pyloudnorm = pytest.importorskip("pyloudnorm")
    samples = speechlike() * scale
    ours = meter.loudness_of(meter.analyse(samples, RATE).power)
    reference = pyloudnorm.Meter(RATE).integrated_loudness(samples.astype(np.float64))
    assert abs(ours - reference) < 0.1


def test_solve_reaches_target_under_the_ceiling() -> None:
    samples = speechlike()
    analysis = meter.analyse(samples, RATE, factor=2)
    plan = meter.solve(analysis, -16.0, -3.0)
    rendered = b"".join(meter.render(samples.copy(), RATE, plan, -3.0))
    out = np.frombuffer(rendered, dtype="<i2").astype(np.float32) / 32768
    assert len(out) == len(samples)
    wide = np.concatenate(list(meter.upsampled(out, 2)))  # peaks between the samples too
    assert 20 * np.log10(np.abs(wide).max()) <= -3.0 + 0.3
    measured = meter.loudness_of(meter.analyse(out, RATE, factor=2).power)
    assert abs(measured + 16.0) < 0.3


def test_upsampling_keeps_a_tone() -> None:
    t = np.arange(RATE) / RATE
    tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    wide = np.concatenate(list(meter.upsampled(tone, 2)))
    t2 = np.arange(2 * RATE) / (2 * RATE)
    expected = 0.5 * np.sin(2 * np.pi * 440 * t2)
    assert np.abs(wide[1000:-1000] - expected[1000:-1000]).max() < 0.01


def test_silence_is_left_alone() -> None:
    silence = np.zeros(RATE * 2, dtype=np.float32)
    plan = meter.solve(meter.analyse(silence, RATE), -16.0, -3.0)
    assert plan.gain == 1.0
