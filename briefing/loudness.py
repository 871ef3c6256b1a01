"""Loudness to a podcast target (EBU R128 integrated loudness, true-peak ceiling), numpy only.

Work is done on 1 ms blocks: the K-weighted power and the oversampled peak of each block are
measured once, then gain and limiter are solved on those small arrays; the audio itself is
touched once more, chunk by chunk, when it is streamed to the encoder. (scipy's filters took
a second to import and several full-length copies of the audio.)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

CHUNK = 22 << 13  # input samples per FFT chunk: 8 s at 22.05 kHz, whole 1 ms blocks
PAD = 4096  # overlap on each side, dropped after filtering
BLOCK_MS = 1


def _biquad_response(
    b: tuple[float, float, float], a: tuple[float, float, float], w: np.ndarray
) -> np.ndarray:
    z = np.exp(-1j * w)
    return (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)


#: Bins of the exact response that shorter spectra are interpolated from (0.4 Hz apart at
#: 24 kHz): every line of speech has its own FFT length, and the exact response per length
#: cost a tenth of a second per briefing.
_TABLE_BINS = 1 << 15


@lru_cache(maxsize=8)
def k_weighting(rate: int, bins: int) -> np.ndarray:
    """|H|^2 of the BS.1770 K-weighting filter (RBJ shelf and high-pass) at rfft bins."""
    if bins < _TABLE_BINS:
        table = k_weighting(rate, _TABLE_BINS + 1)
        grid = np.linspace(0, np.pi, _TABLE_BINS + 1)
        return np.interp(np.linspace(0, np.pi, bins), grid, table)
    w = np.linspace(0, np.pi, bins)
    w0 = 2 * np.pi * 1500.0 / rate
    gain = 10 ** (4.0 / 40)
    alpha = np.sin(w0) / (2 / np.sqrt(2))
    cos, root = np.cos(w0), 2 * np.sqrt(gain) * alpha
    shelf = _biquad_response(
        (
            gain * ((gain + 1) + (gain - 1) * cos + root),
            -2 * gain * ((gain - 1) + (gain + 1) * cos),
            gain * ((gain + 1) + (gain - 1) * cos - root),
        ),
        (
            (gain + 1) - (gain - 1) * cos + root,
            2 * ((gain - 1) - (gain + 1) * cos),
            (gain + 1) - (gain - 1) * cos - root,
        ),
        w,
    )
    w0 = 2 * np.pi * 38.0 / rate
    alpha, cos = np.sin(w0) / (2 * 0.5), np.cos(w0)
    highpass = _biquad_response(
        ((1 + cos) / 2, -(1 + cos), (1 + cos) / 2), (1 + alpha, -2 * cos, 1 - alpha), w
    )
    return np.abs(shelf * highpass) ** 2


def _chunks(samples: np.ndarray, size: int) -> Iterator[tuple[int, np.ndarray, int]]:
    """(start, padded chunk as float32, offset of `start` in it) over the whole signal.

    16-bit input is converted a chunk at a time, so no float copy of it all is ever made.
    """
    for start in range(0, len(samples), size):
        lo = max(0, start - PAD)
        chunk = samples[lo : start + size + PAD]
        if chunk.dtype == np.int16:
            chunk = chunk.astype(np.float32) / np.float32(32768.0)
        yield start, chunk, start - lo


def fast_size(n: int) -> int:
    """The smallest length >= n made of factors 2, 3 and 5: FFTs of other sizes crawl."""
    best = 1 << max(0, (n - 1).bit_length())
    five = 1
    while five < best:
        three = five
        while three < best:
            size = three
            while size < n:
                size *= 2
            best = min(best, size)
            three *= 3
        five *= 5
    return best


def upsampled(samples: np.ndarray, factor: int, size: int = CHUNK) -> Iterator[np.ndarray]:
    """The signal at `factor` times its rate, band-limited (FFT zero-padding), in chunks."""
    for start, chunk, offset in _chunks(samples, size):
        length = min(size, len(samples) - start)
        n = fast_size(len(chunk))
        spectrum = np.fft.rfft(chunk, n)
        wide = np.fft.irfft(spectrum, factor * n) * factor
        yield wide[offset * factor : (offset + length) * factor].astype(np.float32)


def block_view(values: np.ndarray, block: int) -> np.ndarray:
    count = -(-len(values) // block)
    padded = np.zeros(count * block, dtype=values.dtype)
    padded[: len(values)] = values
    return padded.reshape(count, block)


@dataclass(frozen=True)
class Analysis:
    """Per-1 ms-block K-weighted power (at the input rate) and peak (oversampled)."""

    power: np.ndarray
    peak: np.ndarray
    rate: int

    @property
    def blocks_per_100ms(self) -> int:
        return 100 // BLOCK_MS


def analyse(samples: np.ndarray, rate: int, factor: int = 4) -> Analysis:
    """Block powers and peaks, a chunk at a time, so no full-length copy is ever made.

    Chunks are measured on every core (numpy's FFT lets go of the GIL).
    """
    block = rate * BLOCK_MS // 1000
    size = block * (CHUNK // block)  # chunks hold whole blocks

    def measure(item: tuple[int, np.ndarray, int]) -> tuple[np.ndarray, np.ndarray]:
        start, chunk, offset = item
        length = min(size, len(samples) - start)
        n = fast_size(len(chunk))
        spectrum = np.fft.rfft(chunk, n)
        weighted = np.fft.irfft(spectrum * np.sqrt(k_weighting(rate, len(spectrum))), n)
        power = block_view(weighted[offset : offset + length] ** 2, block).mean(axis=1)
        # Peaks between samples show after oversampling (true-peak meters use 4x).
        wide = np.fft.irfft(spectrum, factor * n)[offset * factor : (offset + length) * factor]
        return power, block_view(np.abs(wide * factor), block * factor).max(axis=1)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        measured = list(pool.map(measure, _chunks(samples, size)))
    power = np.concatenate([m[0] for m in measured]) if measured else np.zeros(0)
    peak = np.concatenate([m[1] for m in measured]) if measured else np.zeros(0)
    count = min(len(power), len(peak))
    return Analysis(power[:count], peak[:count], rate)


def block_power(samples: np.ndarray, rate: int) -> np.ndarray:
    """K-weighted power per 1 ms block of a short signal (a line of speech, a chime)."""
    block = rate * BLOCK_MS // 1000
    if not len(samples):
        return np.zeros(0)
    n = fast_size(len(samples))
    spectrum = np.fft.rfft(samples.astype(np.float32), n)
    weighted = np.fft.irfft(spectrum * np.sqrt(k_weighting(rate, len(spectrum))), n)
    return block_view(weighted[: len(samples)] ** 2, block).mean(axis=1)


def loudness_of(power: np.ndarray) -> float:
    """Integrated loudness (BS.1770-4 gating) from per-1 ms-block K-weighted power."""
    per_100ms = 100 // BLOCK_MS
    count = len(power) // per_100ms
    if count < 4:
        return float("-inf")
    steps = power[: count * per_100ms].reshape(count, per_100ms).mean(axis=1)
    blocks = np.convolve(steps, np.ones(4) / 4, mode="valid")  # 400 ms, 75% overlap
    loud = -0.691 + 10 * np.log10(np.maximum(blocks, 1e-20))
    gated = blocks[loud > -70]
    if not len(gated):
        return float("-inf")
    relative = -0.691 + 10 * np.log10(gated.mean()) - 10
    gated = blocks[(loud > -70) & (loud > relative)]
    return float(-0.691 + 10 * np.log10(gated.mean()))


def limiter_gain(peak: np.ndarray, ceiling_db: float, release_ms: float = 60.0) -> np.ndarray:
    """Gain per block keeping peaks under the ceiling: down 3 ms ahead, back up smoothly."""
    ceiling = 10 ** (ceiling_db / 20)
    need = np.minimum(1.0, ceiling / np.maximum(peak, 1e-9))
    ahead = 3 // BLOCK_MS
    padded = np.pad(need, ahead, mode="edge")
    need = np.lib.stride_tricks.sliding_window_view(padded, 2 * ahead + 1).min(axis=1)
    # Release: the reduction decays exponentially; env[n] = max_k cut[k] * c^(n-k), in logs.
    cut = 1.0 - need
    log_c = -BLOCK_MS / release_ms
    n = np.arange(len(cut))
    with np.errstate(divide="ignore"):
        decayed = np.maximum.accumulate(np.log(cut) - n * log_c) + n * log_c
    return np.minimum(need, 1.0 - np.exp(decayed))


@dataclass(frozen=True)
class Plan:
    gain: float  # linear
    curve: np.ndarray  # per-block limiter gain


def solve(analysis: Analysis, target: float, peak_limit: float) -> Plan:
    """Gain and limiter curve that bring the audio to `target` LUFS under `peak_limit`."""
    base = loudness_of(analysis.power)
    if not np.isfinite(base):
        return Plan(1.0, np.ones(len(analysis.power)))
    gain_db = target - base
    curve = np.ones(len(analysis.power))
    for _ in range(6):
        gain = 10 ** (gain_db / 20)
        curve = limiter_gain(analysis.peak * gain, peak_limit)
        error = target - loudness_of(analysis.power * (gain * curve) ** 2)
        if abs(error) < 0.05:
            break
        gain_db += error
    return Plan(10 ** (gain_db / 20), curve)


def render(samples: np.ndarray, rate: int, plan: Plan, peak_limit: float) -> Iterator[bytes]:
    """16-bit PCM at the input rate with the plan applied, chunk by chunk.

    The limiter curve already accounts for the peaks between samples, so the encoder can
    resample on its own core.
    """
    out_block = rate * BLOCK_MS // 1000
    ceiling = np.float32(10 ** (peak_limit / 20))
    centres = (np.arange(len(plan.curve)) + 0.5) * out_block
    position = 0
    scale = np.float32(1 / 32768.0 if samples.dtype == np.int16 else 1.0)
    for start in range(0, len(samples), CHUNK):
        part = samples[start : start + CHUNK].astype(np.float32) * scale
        index = np.arange(position, position + len(part))
        curve = np.interp(index, centres, plan.curve).astype(np.float32)
        part *= np.float32(plan.gain) * curve
        np.clip(part, -ceiling, ceiling, out=part)
        position += len(part)
        yield np.round(part * 32767.0).astype("<i2").tobytes()


def pcm_samples(pcm: bytes | bytearray) -> np.ndarray:
    """16-bit PCM as an int16 array over the same bytes (no copy)."""
    return np.frombuffer(pcm, dtype="<i2")
