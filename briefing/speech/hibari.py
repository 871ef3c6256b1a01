"""hibari, the second offline engine: a small Kokoro-derived voice (24 kHz) in its own wheel.

Only the voice shipped inside the package ("heart") works offline; hibari's other voices are
downloaded from a model hub on first use, which this tool never does.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Role
from ..errors import ConfigError, SpeechError
from ..models import Audio
from . import VoiceInfo, package_version

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
            # The lexicons load on another thread while onnxruntime builds the session, which
            # it does without holding the GIL: 0.29 s for both instead of 0.37 s.
            with ThreadPoolExecutor(1) as pool:
                g2p = pool.submit(_g2p, name)
                voice = hibari.Hibari(voice=name, threads=1, g2p=_Ready(g2p))
                g2p.result()
        except Exception as exc:  # onnxruntime and file errors have their own types
            raise SpeechError(f"cannot load hibari voice {name}: {exc}") from exc
        _VOICES[name] = voice
        return voice


def _g2p(name: str) -> Any:
    from hibari.g2p import G2P
    from hibari.voices import VOICES

    return G2P(british=bool(VOICES[name].get("british")))


class _Ready:
    """The G2P hibari calls, built on another thread while its ONNX session is made."""

    def __init__(self, future: Future[Any]) -> None:
        self._future = future

    def __call__(self, text: str) -> Any:
        return self._future.result()(text)


class HibariEngine:
    name = "hibari"

    def __init__(self) -> None:
        # The G2P keeps caches that are not made for threads; synthesis itself is.
        self._g2p_lock = threading.Lock()

    def prepare(self, role: Role) -> None:
        load_voice(role.voice)

    def voice_id(self, role: Role) -> str:
        return f"hibari-{package_version('hibari-tts')}:{role.voice}"

    def synthesize(self, text: str, role: Role) -> Audio:
        voice = load_voice(role.voice)
        try:
            with self._g2p_lock:
                phonemes = voice.phonemize(text)
            rng = np.random.default_rng(SEED)
            parts = [_render(voice, voice.ids(p), role, rng) for p in phonemes]
        except Exception as exc:
            raise SpeechError(f"hibari failed on {text[:40]!r}: {exc}") from exc
        wave = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        pcm = (np.clip(wave, -1.0, 1.0) * 32767.0).astype("<i2")
        return Audio(pcm.tobytes(), SAMPLE_RATE)


def _render(voice: Any, ids: list[int], role: Role, rng: np.random.Generator) -> np.ndarray:
    """One phoneme string to audio. The model predicts a spectral envelope and a pitch
    contour per frame; a role's `pitch` scales the contour and its `formant` moves the
    envelope (a longer or shorter vocal tract), which makes another voice of the same one."""
    if role.pitch == 1.0 and role.formant == 1.0:
        return voice.from_ids(ids, role.speed, rng)  # type: ignore[no-any-return]
    from hibari import dsp

    if len(ids) < 3:
        return np.zeros(0, np.float32)
    out = voice.sess.run(
        None, {"ids": np.asarray([ids], np.int64), "speed": np.asarray([role.speed], np.float32)}
    )
    harmonic, phase, noise, residual, residual_phase, f0 = (o[0] for o in out)
    envelopes = [_warp(a, role.formant) for a in (harmonic, noise, residual)]
    return dsp.synth(  # type: ignore[no-any-return]
        envelopes[0], phase, envelopes[1], envelopes[2], residual_phase, f0 * role.pitch, rng
    )


def _warp(envelope: np.ndarray, factor: float) -> np.ndarray:
    """A [bins, frames] envelope moved along frequency: new(f) = old(f / factor)."""
    if factor == 1.0:
        return envelope
    bins = envelope.shape[0]
    source = np.clip(np.arange(bins, dtype=np.float32) / factor, 0, bins - 1)
    low = np.floor(source).astype(np.int64)
    high = np.minimum(low + 1, bins - 1)
    weight = (source - low)[:, None]
    return (envelope[low] * (1 - weight) + envelope[high] * weight).astype(np.float32)


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
