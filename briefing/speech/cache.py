"""Rendered sentences stored by content, so nothing is synthesized twice."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import threading
import wave
from pathlib import Path
from typing import Any

from ..files import atomic_write
from ..models import Audio

log = logging.getLogger(__name__)

#: Bump when rendering changes in a way that makes old entries wrong.
CACHE_VERSION = 2


def cache_key(voice_id: str, settings: tuple[Any, ...], spoken: str) -> str:
    payload = json.dumps([CACHE_VERSION, voice_id, list(settings), spoken], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing")) / "segments"


#: Sample rates an engine can produce; anything else in a cached header is damage.
RATES = range(8_000, 96_001)


def _digest(pcm: bytes) -> str:
    return hashlib.blake2b(pcm, digest_size=8).hexdigest()


class SegmentCache:
    """WAV files under `root`, two-level by key. Each name carries a checksum of its samples
    (`KEY.CHECK.wav`), so a truncated or damaged entry is noticed, removed and synthesized
    again. The cache only saves time: when it cannot be written (full, read-only), rendering
    goes on without it after one warning."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.writable = True
        self._lock = threading.Lock()  # render threads share one cache

    @property
    def models(self) -> Path:
        """Where engines keep prepared voice models (beside the two-level key folders)."""
        return self.root / "models"

    def _entries(self, key: str) -> list[Path]:
        try:
            return sorted((self.root / key[:2]).glob(f"{key}.*.wav"))
        except OSError:
            return []

    def get(self, key: str) -> Audio | None:
        for path in self._entries(key):
            audio = _read_checked(path)
            if audio is not None:
                return audio
            log.warning("cached segment %s is damaged; synthesizing it again", path.name)
            path.unlink(missing_ok=True)
        return None

    def put(self, key: str, audio: Audio) -> None:
        if not self.writable:
            return
        path = self.root / key[:2] / f"{key}.{_digest(audio.pcm)}.wav"
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(audio.sample_rate)
            wav.writeframes(audio.pcm)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Not fsynced: a lost entry is only synthesized again.
            atomic_write(path, buffer.getvalue(), durable=False)
        except OSError as exc:
            with self._lock:
                first, self.writable = self.writable, False
            if first:
                log.warning("cannot write the segment cache (%s); rendering without it", exc)


def _read_checked(path: Path) -> Audio | None:
    """The entry's audio, if its header, length and checksum all agree."""
    try:
        with wave.open(str(path), "rb") as wav:
            frames = wav.getnframes()
            rate = wav.getframerate()
            if wav.getsampwidth() != 2 or wav.getnchannels() != 1 or rate not in RATES:
                return None
            pcm = wav.readframes(frames)
    except (OSError, EOFError, wave.Error):
        return None
    check = path.name.split(".")[1]
    if len(pcm) != 2 * frames or _digest(pcm) != check:
        return None
    return Audio(pcm, rate)


def open_cache(root: Path) -> SegmentCache | None:
    """The cache at `root`, or None (with a warning) when it cannot be made or written."""
    import tempfile

    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=root):
            pass
    except OSError as exc:
        log.warning("segment cache %s is not usable (%s); rendering without it", root, exc)
        return None
    return SegmentCache(root)
