"""Rendered sentences stored by content, so nothing is synthesized twice."""

from __future__ import annotations

import hashlib
import io
import json
import wave
from pathlib import Path
from typing import Any

from ..files import atomic_write
from ..models import Audio

#: Bump when rendering changes in a way that makes old entries wrong.
CACHE_VERSION = 1


def cache_key(voice_id: str, settings: tuple[Any, ...], spoken: str) -> str:
    payload = json.dumps([CACHE_VERSION, voice_id, list(settings), spoken], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing")) / "segments"


class SegmentCache:
    """WAV files under `root`, two-level by key; writes are atomic (temp file, then rename)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def models(self) -> Path:
        """Where engines keep prepared voice models (beside the two-level key folders)."""
        return self.root / "models"

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def get(self, key: str) -> Audio | None:
        path = self.path(key)
        try:
            with wave.open(str(path), "rb") as wav:
                return Audio(wav.readframes(wav.getnframes()), wav.getframerate())
        except (FileNotFoundError, EOFError, wave.Error):
            return None

    def put(self, key: str, audio: Audio) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(audio.sample_rate)
            wav.writeframes(audio.pcm)
        # Not fsynced: a lost entry is only synthesized again.
        atomic_write(path, buffer.getvalue(), durable=False)
