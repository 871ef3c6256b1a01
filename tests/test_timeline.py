"""timeline: lines joined with timing's pauses, voices at one level, a clean open and close."""

from __future__ import annotations

import numpy as np
import pytest

from briefing import loudness as meter
from briefing import timing
from briefing.config import load_profile
from briefing.models import Audio, Cue, Line, Script
from briefing.speech.tone import ToneEngine
from briefing.timeline import SAMPLE_RATE, build_timeline, chime, to_samples, trim


def _script() -> tuple[Script, list[tuple[Audio, ...]]]:
    profile = load_profile("default").with_engine("tone")
    texts = [
        ("intro", "anchor", "This is the briefing for Monday, November twenty-third."),
        ("headline", "anchor", "Port reopens after the storm"),
        ("text", "narrator", "The port reopened on Monday after a week of repairs."),
        ("quote", "quote", "We are glad to be back at work."),
        ("outro", "anchor", "That was the briefing. Thanks for listening."),
    ]
    cues = tuple(Cue(kind, voice, 0, (Line(t, t),)) for kind, voice, t in texts)
    script = Script("Port", cues, (), 0.0)
    engine = ToneEngine()
    rendered = [(engine.synthesize(c.lines[0].spoken, profile.role(c.voice)),) for c in cues]
    return script, rendered


def _samples(pcm: bytes | bytearray) -> np.ndarray:
    return np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0


def test_timeline_length_is_what_timing_estimates() -> None:
    profile = load_profile("default").with_engine("tone")
    script, rendered = _script()
    timeline = build_timeline(script, rendered, profile)
    estimate = timing.script_seconds(script.cues, profile)
    assert abs(timeline.duration - estimate) < 0.05 * len(script.cues)


def test_the_chime_and_bed_end_before_the_first_word_and_sit_below_speech() -> None:
    profile = load_profile("default").with_engine("tone")
    assert profile.jingle and profile.music_bed
    script, rendered = _script()
    timeline = build_timeline(script, rendered, profile)
    samples = _samples(timeline.pcm)
    first_word = int(timeline.cue_starts[0] * SAMPLE_RATE)
    opening = samples[:first_word]
    # Nothing of the opening sound is left in the last 50 ms before the first word.
    assert np.abs(opening[-int(0.05 * SAMPLE_RATE) :]).max() < 10 ** (-50 / 20)
    speech = samples[first_word:]
    speech_level = meter.loudness_of(meter.block_power(speech, SAMPLE_RATE))
    chime_level = meter.loudness_of(meter.block_power(chime(), SAMPLE_RATE))
    assert speech_level - chime_level >= 6


@pytest.mark.parametrize("closing", [False, True])
def test_a_recognizer_hears_no_word_in_the_chime(closing: bool) -> None:
    # A chime of harmonic notes was transcribed "oh" in every file, at any level.
    pocketsphinx = pytest.importorskip("pocketsphinx")
    rate = 16000
    silence = np.zeros(rate // 4, np.float32)
    for gain in (1.0, 2.5, 4.0):  # as made, and as loud as the episode's gain makes it
        wave = np.concatenate([silence, chime(closing, rate) * gain, silence])
        decoder = pocketsphinx.Decoder(samprate=rate)
        decoder.start_utt()
        decoder.process_raw((np.clip(wave, -1, 1) * 32767).astype("<i2").tobytes(), full_utt=True)
        decoder.end_utt()
        heard = decoder.hyp().hypstr.split() if decoder.hyp() else []
        assert [w for w in heard if not w.startswith("<")] == []


def test_every_file_ends_in_silence() -> None:
    profile = load_profile("default").with_engine("tone")
    script, rendered = _script()
    samples = _samples(build_timeline(script, rendered, profile).pcm)
    assert np.abs(samples[-int(0.01 * SAMPLE_RATE) :]).max() < 10 ** (-40 / 20)


def test_voices_from_different_engines_meet_at_one_level() -> None:
    profile = load_profile("default").with_engine("tone")
    script, rendered = _script()
    quiet = [tuple(Audio(_scaled(a.pcm, 0.1), a.sample_rate) for a in r) for r in rendered]
    quiet[2] = rendered[2]  # the narrator stays loud, the others are 20 dB down
    timeline = build_timeline(script, quiet, profile)
    samples = _samples(timeline.pcm)
    levels = []
    for line in timeline.lines[1:4]:
        part = samples[int(line.start * SAMPLE_RATE) : int(line.end * SAMPLE_RATE)]
        levels.append(meter.loudness_of(meter.block_power(part, SAMPLE_RATE)))
    assert max(levels) - min(levels) < 1.0


def _scaled(pcm: bytes, gain: float) -> bytes:
    return (np.frombuffer(pcm, dtype="<i2") * gain).astype("<i2").tobytes()


@pytest.mark.parametrize("rate", [24000, 16000, 22050])
def test_any_engine_rate_becomes_the_timeline_rate(rate: int) -> None:
    t = np.arange(rate) / rate
    tone = (0.5 * np.sin(2 * np.pi * 440 * t) * 32767).astype("<i2")
    samples = to_samples(Audio(tone.tobytes(), rate))
    assert abs(len(samples) - SAMPLE_RATE) <= 1
    spectrum = np.abs(np.fft.rfft(samples))
    assert abs(np.argmax(spectrum) * SAMPLE_RATE / len(samples) - 440) < 2


def test_trim_keeps_a_little_silence_at_each_end() -> None:
    silence = np.zeros(SAMPLE_RATE // 2, np.float32)
    voice = np.full(SAMPLE_RATE, 0.3, np.float32)
    kept = trim(np.concatenate([silence, voice, silence]))
    assert abs(len(kept) / SAMPLE_RATE - 1.08) < 0.01
