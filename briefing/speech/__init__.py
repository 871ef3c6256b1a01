"""Speech engines behind one small Protocol, chosen by name from one registry.

This module imports nothing heavy, and nothing of the configuration: `config` reads the
registry to check profiles, and engines are imported only when one is used.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from ..errors import ConfigError
from ..models import Audio

if TYPE_CHECKING:
    from ..config import Role

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EngineInfo:
    """What the rest of the tool knows of an engine without importing it."""

    module: str
    kind: Literal["offline", "online", "test"]
    default_voice: str
    notes: str


#: Every engine, by the name profiles and `--engine` use.
ENGINES: dict[str, EngineInfo] = {
    "piper": EngineInfo(
        "briefing.speech.piper",
        "offline",
        "en_US-joe-medium",
        "Piper; the bundled en_US-joe-medium voice or any Piper .onnx model",
    ),
    "hibari": EngineInfo(
        "briefing.speech.hibari",
        "offline",
        "heart",
        "hibari (Kokoro-derived, 24 kHz); its bundled voice 'heart'",
    ),
    "gtts": EngineInfo(
        "briefing.speech.gtts",
        "online",
        "",
        "Google Translate voices; lang and tld (accent) per role",
    ),
    "tone": EngineInfo(
        "briefing.speech.tone", "test", "tone", "tones as long as speech, for tests"
    ),
}


@dataclass(frozen=True)
class VoiceInfo:
    """One voice an engine offers, for `briefing voices`."""

    engine: str
    name: str
    language: str
    gender: str
    installed: bool
    notes: str = ""


@lru_cache(maxsize=8)
def package_version(distribution: str) -> str:
    """An installed package's version, for cache keys ("0" when it cannot be told)."""
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "0"


def engine_info(name: str) -> EngineInfo:
    try:
        return ENGINES[name]
    except KeyError:
        raise ConfigError(f"unknown engine '{name}' (engines: {', '.join(ENGINES)})") from None


@runtime_checkable
class Engine(Protocol):
    """Turns one sentence into mono 16-bit PCM.

    Engines may also have `prepare(role)`, to load a voice ahead of time, and `release()`, to
    free working memory once a script is rendered; both are optional.
    """

    name: str

    def synthesize(self, text: str, role: Role) -> Audio: ...

    def voice_id(self, role: Role) -> str:
        """Identifies the voice a role uses (with the engine's version), for cache keys."""
        ...


def get_engine(name: str, model_dir: Path | None = None) -> Engine:
    """An engine by name; optional engines are imported only here.

    `model_dir` is where an engine may keep prepared voice models between runs.
    """
    import importlib

    module = importlib.import_module(engine_info(name).module)
    engine: Engine = module.create(model_dir)
    return engine


def list_voices(name: str) -> list[VoiceInfo]:
    """The voices an engine offers, installed or not."""
    import importlib

    try:
        module = importlib.import_module(engine_info(name).module)
    except ImportError as exc:
        return [VoiceInfo(name, "-", "-", "-", False, f"not installed ({exc.name})")]
    voices: list[VoiceInfo] = module.voices()
    return voices


def preload(roles: list[Role], model_dir: Path | None = None) -> None:
    """Load the voices of these roles ahead of time (engines that have a `prepare` step)."""
    for role in roles:
        try:
            engine = get_engine(role.engine, model_dir)
            prepare = getattr(engine, "prepare", None)
            if prepare is not None:
                prepare(role)
        except Exception as exc:  # reported again, properly, when the voice is used
            log.debug("preloading %s failed: %s", role.voice, exc)


__all__ = ["ENGINES", "Engine", "EngineInfo", "VoiceInfo", "engine_info", "get_engine", "preload"]
