"""Rendered lines laid end to end: trimmed, brought to one level per voice, set apart by the
pauses `timing` rules, with the opening and closing sounds, each line's time recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import loudness as meter
from . import timing
from .config import JINGLE_SECONDS, VoiceProfile
from .models import Audio, Script

#: The timeline's rate when nothing was rendered; otherwise the rate most of the speech came
#: at (hibari's 24 kHz by default), so most lines need no resampling.
SAMPLE_RATE = 22050
#: Keep this much of a sentence's own silence so consonants are not clipped.
EDGE = 0.04
FADE = 0.006
#: Every voice is brought to this loudness before the lines are joined, so voices from
#: different engines sit at one level; the chime and bed are set against it.
SPEECH_LUFS = -24.0
CHIME_BELOW = 8.0  # LU under the speech
BED_BELOW = 14.0


@dataclass(frozen=True)
class TimedLine:
    text: str
    start: float
    end: float
    speaker: str | None


@dataclass(frozen=True)
class Timeline:
    """The joined audio (16-bit PCM at `rate`) and where each cue and line falls in it."""

    pcm: bytes | bytearray
    cue_starts: tuple[float, ...]
    lines: tuple[TimedLine, ...]
    rate: int = SAMPLE_RATE

    @property
    def duration(self) -> float:
        return len(self.pcm) / 2 / self.rate


def common_rate(rendered: Sequence[Sequence[Audio]]) -> int:
    """The rate most of the rendered speech (by length) came at."""
    lengths: dict[int, int] = {}
    for audios in rendered:
        for audio in audios:
            lengths[audio.sample_rate] = lengths.get(audio.sample_rate, 0) + len(audio.pcm)
    return max(lengths, key=lambda r: lengths[r]) if lengths else SAMPLE_RATE


def to_samples(audio: Audio, rate: int = SAMPLE_RATE) -> np.ndarray:
    """An engine's PCM as float32 at `rate` (band-limited resampling, by FFT)."""
    samples = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / 32768.0
    if audio.sample_rate == rate or not len(samples):
        return samples
    count = max(1, round(len(samples) * rate / audio.sample_rate))
    size = meter.fast_size(len(samples))
    spectrum = np.fft.rfft(samples, size)
    out_size = round(size * rate / audio.sample_rate)
    resampled = np.fft.irfft(spectrum[: out_size // 2 + 1], out_size) * (out_size / size)
    return resampled[:count].astype(np.float32)


def trim(samples: np.ndarray, rate: int = SAMPLE_RATE) -> np.ndarray:
    """A line without its leading and trailing silence (but EDGE of it), with short fades."""
    if not len(samples):
        return samples
    level = np.abs(samples)
    threshold = max(10 ** (-50 / 20), float(level.max()) * 10 ** (-45 / 20))
    loud = np.flatnonzero(level > threshold)
    if not len(loud):
        return samples[:0]
    edge = int(EDGE * rate)
    kept = samples[max(0, loud[0] - edge) : loud[-1] + 1 + edge].copy()
    fade = min(int(FADE * rate), len(kept) // 4)
    if fade:
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        kept[:fade] *= ramp
        kept[-fade:] *= ramp[::-1]
    return kept


def voice_gains(
    script: Script, lines: Sequence[Sequence[np.ndarray]], rate: int = SAMPLE_RATE
) -> dict[str, float]:
    """A gain per role bringing its lines, taken together, to SPEECH_LUFS."""
    gains: dict[str, float] = {}
    for role in {cue.voice for cue in script.cues}:
        power = [
            meter.block_power(line, rate)
            for cue, cue_lines in zip(script.cues, lines)
            if cue.voice == role
            for line in cue_lines
            if len(line)
        ]
        level = meter.loudness_of(np.concatenate(power)) if power else float("-inf")
        gains[role] = 10 ** ((SPEECH_LUFS - level) / 20) if np.isfinite(level) else 1.0
    return gains


#: A struck metal bar's modes (glockenspiel): frequency ratio, level, how much faster it
#: decays. Harmonic partials sound like a sung vowel, and a recognizer hears "oh" in them.
BAR_MODES = ((1.0, 1.0, 1.0), (2.756, 0.4, 2.0), (5.404, 0.2, 3.0))


def chime(closing: bool = False, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Three rising notes (falling to close) of a glockenspiel, generated, ending in silence,
    CHIME_BELOW the speech."""
    notes = [523.25, 659.25, 783.99]  # C5, E5, G5
    if closing:
        notes = notes[::-1]
    length = JINGLE_SECONDS / 3
    t = np.arange(int(rate * length), dtype=np.float32) / rate
    tones = []
    for n, freq in enumerate(notes):
        rate_of_decay = 6 if n < 2 else 5
        tone = sum(
            level * np.sin(2 * np.pi * freq * ratio * t) * np.exp(-t * rate_of_decay * faster)
            for ratio, level, faster in BAR_MODES
        )
        tones.append(tone * np.minimum(1, t / 0.005))
    wave = np.concatenate(tones).astype(np.float32)
    tail = int(0.08 * rate)
    wave[-tail:] *= np.linspace(1.0, 0.0, tail, dtype=np.float32) ** 2
    return _at_level(wave, SPEECH_LUFS - CHIME_BELOW, rate)


def music_bed(seconds: float, rate: int = SAMPLE_RATE) -> np.ndarray:
    """A soft chord that swells and fades to silence within `seconds`, BED_BELOW the speech."""
    t = np.arange(int(seconds * rate), dtype=np.float32) / rate
    if not len(t):
        return t
    chord = sum(np.sin(2 * np.pi * f * t) for f in (130.81, 196.0, 261.63, 329.63)) / 4
    envelope = np.minimum(1.0, np.minimum(t / 0.4, (t[-1] - t) / 0.6))
    return _at_level((chord * envelope).astype(np.float32), SPEECH_LUFS - BED_BELOW, rate)


def _at_level(wave: np.ndarray, lufs: float, rate: int) -> np.ndarray:
    level = meter.loudness_of(meter.block_power(wave, rate))
    return wave * np.float32(10 ** ((lufs - level) / 20)) if np.isfinite(level) else wave


def build_timeline(
    script: Script, rendered: Sequence[Sequence[Audio]], profile: VoiceProfile
) -> Timeline:
    """Join every line with the pauses of `timing`, tracking exact times.

    The opening chime and bed end before the first word; the closing chime fades to silence.
    """
    rate = common_rate(rendered)
    lines = [[trim(to_samples(audio, rate), rate) for audio in audios] for audios in rendered]
    gains = voice_gains(script, lines, rate)
    parts: list[bytes] = []
    clock = 0

    def add(samples: np.ndarray) -> None:
        nonlocal clock
        parts.append((np.clip(samples, -1.0, 32767 / 32768) * 32768.0).astype("<i2").tobytes())
        clock += len(samples)

    def pause(seconds: float) -> None:
        add(np.zeros(int(round(seconds * rate)), np.float32))

    opening = timing.opening(script.cues, profile)
    if opening:
        mixed = np.zeros(int(round(opening * rate)), np.float32)
        if profile.music_bed:
            mixed += music_bed(opening, rate)[: len(mixed)]
        sound = chime(rate=rate)[: len(mixed)]
        mixed[: len(sound)] += sound
        add(mixed)
    cue_starts: list[float] = []
    timed: list[TimedLine] = []
    for index, (cue, cue_lines) in enumerate(zip(script.cues, lines)):
        pause(timing.pause_before(script.cues, index, profile))
        cue_starts.append(clock / rate)
        for n, (line, samples) in enumerate(zip(cue.lines, cue_lines)):
            if n:
                pause(profile.sentence_pause)
            start = clock
            add(samples * np.float32(gains[cue.voice]))
            timed.append(TimedLine(line.text, start / rate, clock / rate, cue.speaker))
    del lines
    if script.cues:
        pause(profile.role(script.cues[-1].voice).pause_after)
    if profile.jingle:
        add(chime(closing=True, rate=rate))
    return Timeline(bytearray().join(parts), tuple(cue_starts), tuple(timed), rate)
