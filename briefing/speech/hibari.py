"""hibari, the second offline engine: a small Kokoro-derived voice (24 kHz) in its own wheel.

Only the voice shipped inside the package ("heart") works offline; hibari's other voices are
downloaded from a model hub on first use, which this tool never does.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Role
from ..errors import ConfigError, SpeechError
from ..models import Audio
from . import VoiceInfo

log = logging.getLogger(__name__)
SAMPLE_RATE = 24000
_LOCK = threading.Lock()
_VOICES: dict[str, Any] = {}
#: The noise of the vocoder is seeded, so a sentence always renders to the same samples.
SEED = 7


def _package() -> Any:
    try:
        import hibari
    except ImportError:
        raise ConfigError("the hibari engine needs hibari-tts: pip install hibari-tts") from None
    return hibari


def offline_voices() -> dict[str, dict[str, Any]]:
    """hibari's voices that are on this machine (shipped in the wheel)."""
    from hibari.voices import VOICES

    return {name: v for name, v in VOICES.items() if v.get("bundled")}


def load_voice(name: str) -> Any:
    """A hibari voice, loaded once per process; its ONNX session runs one sentence per thread
    like Piper's, so the renderer's thread pool keeps every core busy."""
    hibari = _package()
    with _LOCK:
        if name in _VOICES:
            return _VOICES[name]
        if name not in offline_voices():
            raise ConfigError(
                f"hibari voice '{name}' is not installed (offline voices: "
                f"{', '.join(offline_voices())}); its download is not attempted"
            )
        try:
            voice = hibari.Hibari(voice=name, threads=1)
            voice.g2p  # noqa: B018 - loads the lexicons now, not in the first sentence
        except Exception as exc:  # onnxruntime and file errors have their own types
            raise SpeechError(f"cannot load hibari voice {name}: {exc}") from exc
        _VOICES[name] = voice
        return voice


class HibariEngine:
    name = "hibari"

    def __init__(self) -> None:
        # The G2P keeps caches that are not made for threads; synthesis itself is.
        self._g2p_lock = threading.Lock()

    def prepare(self, role: Role) -> None:
        load_voice(role.voice)

    def voice_id(self, role: Role) -> str:
        return f"hibari-{_package().__version__}:{role.voice}"

    def synthesize(self, text: str, role: Role) -> Audio:
        voice = load_voice(role.voice)
        try:
            with self._g2p_lock:
                phonemes = voice.phonemize(text)
            rng = np.random.default_rng(SEED)
            parts = [voice.from_ids(voice.ids(p), role.speed, rng) for p in phonemes]
        except Exception as exc:
            raise SpeechError(f"hibari failed on {text[:40]!r}: {exc}") from exc
        wave = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        pcm = (np.clip(wave, -1.0, 1.0) * 32767.0).astype("<i2")
        return Audio(pcm.tobytes(), SAMPLE_RATE)


def voices() -> list[VoiceInfo]:
    from hibari.voices import VOICES

    return [
        VoiceInfo(
            "hibari",
            name,
            v["language"],
            v["gender"],
            bool(v.get("bundled")),
            "" if v.get("bundled") else "downloads on first use: not offered",
        )
        for name, v in VOICES.items()
    ]


def create(model_dir: Path | None = None) -> HibariEngine:
    return HibariEngine()
