"""ffmpeg (the static build imageio-ffmpeg ships): one-shot runs and streamed encodes."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from functools import lru_cache

from .errors import AssembleError


@lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """The ffmpeg binary: imageio-ffmpeg's static build, else one on PATH."""
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        found = shutil.which("ffmpeg")
        if not found:
            raise AssembleError("ffmpeg not found: pip install imageio-ffmpeg") from None
        return found


def run_ffmpeg(args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", *args]
    result = subprocess.run(command, input=data, capture_output=True, check=False)
    if result.returncode != 0:
        tail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        raise AssembleError(f"ffmpeg failed: {tail[0]}")
    return result


def decode_to_pcm(data: bytes, sample_rate: int) -> bytes:
    """Any audio ffmpeg reads (MP3, WAV) to mono 16-bit PCM at `sample_rate`."""
    result = run_ffmpeg(
        ["-i", "pipe:0", "-f", "s16le", "-ac", "1", "-ar", str(sample_rate), "pipe:1"], data
    )
    return result.stdout


def run_ffmpeg_streaming(
    args: list[str], chunks: Iterable[bytes], *, then: list[str] | None = None
) -> str:
    """ffmpeg fed chunk by chunk, so it encodes on another core while the next is made.

    With `then`, what the first ffmpeg writes to its stdout is read by a second one with those
    arguments, running beside it; its log (stderr) is returned.
    """
    first = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", *args]
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            first,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE if then else subprocess.DEVNULL,
            stderr=errors,
        )
        processes = [process]
        if then:
            second = [ffmpeg_exe(), "-hide_banner", "-y", *then]
            processes.append(
                subprocess.Popen(
                    second, stdin=process.stdout, stdout=subprocess.DEVNULL, stderr=log
                )
            )
            assert process.stdout is not None
            process.stdout.close()  # the second process holds it now
        assert process.stdin is not None
        try:
            for chunk in chunks:
                process.stdin.write(chunk)
            process.stdin.close()
        except BrokenPipeError:
            pass
        except BaseException:
            for running in processes:
                running.kill()
                running.wait()
            raise
        for running, stream in zip(processes, (errors, log)):
            if running.wait() != 0:
                stream.seek(0)
                lines = stream.read().decode("utf-8", "replace").strip().splitlines()
                raise AssembleError(f"ffmpeg failed: {(lines[-1:] or ['?'])[0]}")
        log.seek(0)
        return log.read().decode("utf-8", "replace")
