"""Files written whole or not at all: atomic writes, outputs renamed together, folder locks.

Every temporary file this tool makes is named `.NAME.PID.RANDOM.tmp` beside its target, so a
later run can tell its own leftovers (from a process killed with SIGKILL) from anything else.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .errors import ConfigError

log = logging.getLogger(__name__)

_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[\w-]+\.tmp")
#: A leftover whose process still runs is removed only once it is this old (seconds).
STALE_AFTER = 24 * 3600


def temp_beside(path: Path) -> Path:
    """A new empty temporary file in the folder of `path`, named after it."""
    fd, name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
    )
    os.close(fd)
    return Path(name)


@contextmanager
def atomic_outputs(paths: Sequence[Path]) -> Iterator[list[Path]]:
    """Temp files beside each path, renamed over them only when the block succeeds.

    They are renamed in reverse order: the first path (the audio) appears last, so a listed
    episode always has its sidecar files beside it.
    """
    temps: list[Path] = []
    try:
        for path in paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            temps.append(temp_beside(path))
        yield temps
        for temp, path in reversed(list(zip(temps, paths))):
            os.chmod(temp, 0o644)
            os.replace(temp, path)
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `path` through a temp file; `durable` waits for the disk (fsync)."""
    with atomic_outputs([path]) as (temp,), open(temp, "wb") as handle:
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no way to ask
        return True
    return True


def clean_stale_temps(folder: Path) -> int:
    """Remove this tool's temp files left in `folder` by runs that were killed; their count."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        match = _TEMP.fullmatch(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if _process_alive(int(match["pid"])) and age < STALE_AFTER:
                continue
            os.unlink(entry.path)
            removed += 1
        except OSError as exc:
            log.debug("cannot remove %s: %s", entry.path, exc)
    if removed:
        log.info("removed %d unfinished file(s) of an interrupted run in %s", removed, folder)
    return removed


def writable_target(path: Path) -> Path:
    """The file to write for `path`: itself, or the file a symlink points to.

    Anything else that exists there (a folder, a device such as /dev/null, a FIFO, a socket)
    is refused: replacing it with a regular file would break what the name stood for.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise ConfigError(
                f"{path} is a link to nothing; remove it or give another name"
            ) from None
        return path
    except OSError as exc:
        raise ConfigError(f"cannot use {path}: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise ConfigError(f"{path} is a folder; give a file name")
    if not stat.S_ISREG(mode):
        raise ConfigError(f"{path} is not a regular file (a device or pipe); give a file name")
    return path.resolve() if path.is_symlink() else path


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on a folder (its own descriptor: no lock file is left behind), so
    concurrent writers of its feed or lists never lose an entry."""
    if sys.platform == "win32":  # pragma: no cover - no flock on folders there
        import msvcrt

        with open(folder / ".lock", "a+b") as handle:
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            yield
        return
    import fcntl

    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
