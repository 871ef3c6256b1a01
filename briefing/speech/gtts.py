"""Google Translate's text-to-speech (online): language and accent (tld) per role."""

from __future__ import annotations

import io
import logging
import time
from pathlib import Path

from ..audio import decode_to_pcm
from ..config import Role
from ..errors import ConfigError, EngineUnavailable, SpeechError
from ..models import Audio

log = logging.getLogger(__name__)
SAMPLE_RATE = 22050


class GTTSEngine:
    name = "gtts"

    def __init__(self, retries: int = 4, backoff: float = 1.0) -> None:
        self.retries = retries
        self.backoff = backoff

    def voice_id(self, role: Role) -> str:
        return f"gtts:{role.lang}-{role.tld}"

    def synthesize(self, text: str, role: Role) -> Audio:
        try:
            from gtts import gTTS, gTTSError
        except ImportError:
            raise ConfigError("the gtts engine needs gTTS: pip install gtts") from None
        delay = self.backoff
        for attempt in range(self.retries + 1):
            buffer = io.BytesIO()
            try:
                gTTS(text, lang=role.lang, tld=role.tld, slow=role.speed < 0.8).write_to_fp(buffer)
                break
            except gTTSError as exc:
                status = getattr(getattr(exc, "rsp", None), "status_code", None)
                retriable = status == 429 or (status is not None and status >= 500)
                if retriable and attempt < self.retries:
                    log.info("gTTS answered %s; retrying in %.1f s", status, delay)
                    time.sleep(delay)
                    delay *= 2
                    continue
                if status is None:
                    raise EngineUnavailable(
                        "gtts cannot reach Google (offline?): use --engine piper, "
                        "or --fallback piper"
                    ) from None
                raise SpeechError(f"gtts failed: HTTP {status}") from None
            except ValueError as exc:  # bad language
                raise ConfigError(f"gtts: {exc}") from None
        pcm = decode_to_pcm(buffer.getvalue(), SAMPLE_RATE)
        return Audio(_apply_speed(pcm, role.speed), SAMPLE_RATE)


def _apply_speed(pcm: bytes, speed: float) -> bytes:
    """gTTS has one speed; change tempo with ffmpeg's atempo, keeping pitch."""
    if abs(speed - 1.0) < 0.02 or speed < 0.8:
        return pcm
    from ..audio import run_ffmpeg

    result = run_ffmpeg(
        [
            "-f",
            "s16le",
            "-ar",
            str(SAMPLE_RATE),
            "-ac",
            "1",
            "-i",
            "pipe:0",
            "-filter:a",
            f"atempo={min(max(speed, 0.5), 2.0):.3f}",
            "-f",
            "s16le",
            "pipe:1",
        ],
        pcm,
    )
    return result.stdout


def create(model_dir: Path | None = None) -> GTTSEngine:
    return GTTSEngine()
