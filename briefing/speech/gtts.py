"""Google Translate's text-to-speech (online): language and accent (tld) per role."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from ..config import Role
from ..errors import ConfigError, EngineUnavailable, SpeechError
from ..fetch import RetryPolicy
from ..ffmpeg import decode_to_pcm
from ..models import Audio
from . import VoiceInfo, package_version

log = logging.getLogger(__name__)
SAMPLE_RATE = 22050


class GTTSEngine:
    name = "gtts"

    def __init__(self, retry: RetryPolicy | None = None) -> None:
        # gTTS sends a request per 100 characters and is rate-limited on long runs.
        self.retry = retry or RetryPolicy(retries=4, first_delay=1.0)

    def voice_id(self, role: Role) -> str:
        return f"gtts-{package_version('gTTS')}:{role.lang}-{role.tld}"

    def synthesize(self, text: str, role: Role) -> Audio:
        try:
            from gtts import gTTS, gTTSError
        except ImportError:
            raise ConfigError("the gtts engine needs gTTS: pip install gtts") from None

        def attempt() -> bytes:
            buffer = io.BytesIO()
            try:
                gTTS(text, lang=role.lang, tld=role.tld, slow=role.speed < 0.8).write_to_fp(buffer)
            except ValueError as exc:  # an unknown language
                raise ConfigError(f"gtts: {exc}") from None
            return buffer.getvalue()

        def wait_for(exc: Exception) -> float | None:
            status = _status(exc)
            return 0.0 if status == 429 or (status or 0) >= 500 else None

        try:
            mp3 = self.retry.run(attempt, wait_for, what="gTTS")
        except gTTSError as exc:
            status = _status(exc)
            if status is None:
                raise EngineUnavailable(
                    "gtts cannot reach Google (offline?): use --engine piper, or --fallback piper"
                ) from None
            raise SpeechError(f"gtts failed: HTTP {status}") from None
        pcm = decode_to_pcm(mp3, SAMPLE_RATE)
        return Audio(_apply_speed(pcm, role.speed), SAMPLE_RATE)


def _status(exc: Exception) -> int | None:
    """The HTTP status of a gTTS error, None when Google was not reached at all."""
    return getattr(getattr(exc, "rsp", None), "status_code", None)


def _apply_speed(pcm: bytes, speed: float) -> bytes:
    """gTTS has one speed; change tempo with ffmpeg's atempo, keeping pitch."""
    if abs(speed - 1.0) < 0.02 or speed < 0.8:
        return pcm
    from ..ffmpeg import run_ffmpeg

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


#: Accents of English by Google's domain (the role's `tld`).
ACCENTS = {
    "com": "en-US",
    "co.uk": "en-GB",
    "com.au": "en-AU",
    "ca": "en-CA",
    "co.in": "en-IN",
    "ie": "en-IE",
    "co.za": "en-ZA",
}


def voices() -> list[VoiceInfo]:
    try:
        import gtts  # noqa: F401
    except ImportError:
        return [VoiceInfo("gtts", "-", "-", "-", False, "pip install gtts")]
    return [
        VoiceInfo("gtts", f"en-{tld}", lang, "female", True, f'tld = "{tld}"; needs the network')
        for tld, lang in ACCENTS.items()
    ]


def create(model_dir: Path | None = None) -> GTTSEngine:
    return GTTSEngine()
