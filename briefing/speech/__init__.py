"""Speech engines behind one small Protocol, chosen by name, and the cached, parallel renderer."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol, runtime_checkable

from ..config import Role
from ..errors import ConfigError
from ..models import Audio

log = logging.getLogger(__name__)

#: Engine names and the module that implements each (imported only when used).
ENGINE_MODULES = {
    "piper": "briefing.speech.piper",
    "gtts": "briefing.speech.gtts",
    "tone": "briefing.speech.tone",
}
#: What `briefing voices` says of each engine: (offline or online, notes).
ENGINE_NOTES = {
    "piper": ("offline", "default; voice en_US-joe-medium (bundled) or any Piper .onnx"),
    "gtts": ("online", "Google Translate voices; lang and tld (accent) per role"),
    "tone": ("offline", "tones as long as speech, for tests"),
}


@runtime_checkable
class Engine(Protocol):
    """Turns one sentence into mono 16-bit PCM.

    Engines may also have `prepare(role)`, to load a voice ahead of time, and `release()`, to
    free working memory once a script is rendered; both are optional.
    """

    name: str

    def synthesize(self, text: str, role: Role) -> Audio: ...

    def voice_id(self, role: Role) -> str:
        """Identifies the voice a role uses, for cache keys and listings."""
        ...


def get_engine(name: str, model_dir: Path | None = None) -> Engine:
    """An engine by name; optional engines are imported only here.

    `model_dir` is where an engine may keep prepared voice models between runs.
    """
    import importlib

    module_name = ENGINE_MODULES.get(name)
    if module_name is None:
        raise ConfigError(f"unknown engine '{name}' (engines: {', '.join(ENGINE_MODULES)})")
    module = importlib.import_module(module_name)
    engine: Engine = module.create(model_dir)
    return engine


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


__all__ = ["ENGINE_MODULES", "ENGINE_NOTES", "Engine", "get_engine", "preload"]
