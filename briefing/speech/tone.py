"""A stand-in engine that renders tones as long as speech would be; for tests and benchmarks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from ..config import Role
from ..models import Audio
from . import VoiceInfo

SAMPLE_RATE = 22050
# As long as the timing model says (timing.RATES["tone"]): 160 words a minute.
WORDS_PER_SECOND = 160 / 60


class ToneEngine:
    """Each sentence becomes a tone whose length follows its word count and speed."""

    name = "tone"

    def voice_id(self, role: Role) -> str:
        return f"tone:{role.voice}"

    def synthesize(self, text: str, role: Role) -> Audio:
        words = max(1, len(text.split()))
        seconds = words / WORDS_PER_SECOND / role.speed
        samples = int(seconds * SAMPLE_RATE)
        # A pitch per text keeps neighbouring sentences audibly apart.
        pitch = 180 + int(hashlib.sha1(text.encode()).hexdigest()[:4], 16) % 240
        t = np.arange(samples, dtype=np.float32) / SAMPLE_RATE
        envelope = np.minimum(1.0, np.minimum(t, t[::-1] if samples else t) / 0.02)
        wave = 0.5 * np.sin(2 * np.pi * pitch * t) * envelope
        return Audio((wave * 32767).astype("<i2").tobytes(), SAMPLE_RATE)


def voices() -> list[VoiceInfo]:
    return [VoiceInfo("tone", "tone", "-", "-", True, "for tests")]


def create(model_dir: Path | None = None) -> ToneEngine:
    return ToneEngine()
