"""files: writes are whole or absent, a killed run's temp files are cleared, folders lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.files import (
    atomic_outputs,
    atomic_write,
    clean_stale_temps,
    folder_lock,
    temp_beside,
)
from conftest import run_threads


def test_outputs_appear_together_or_not_at_all(tmp_path: Path) -> None:
    paths = [tmp_path / "a.mp3", tmp_path / "a.vtt"]
    with pytest.raises(RuntimeError), atomic_outputs(paths) as temps:
        temps[0].write_text("half")
        raise RuntimeError("disk gone")
    assert sorted(os.listdir(tmp_path)) == []
    with atomic_outputs(paths) as temps:
        for temp in temps:
            temp.write_text("whole")
    assert sorted(os.listdir(tmp_path)) == ["a.mp3", "a.vtt"]


def test_a_killed_runs_temp_files_are_cleared_and_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    pid = int(dead.stdout)
    (tmp_path / f".x.mp3.{pid}.abc123.tmp").write_bytes(b"partial")
    live = temp_beside(tmp_path / "y.mp3")  # this process, still running
    (tmp_path / ".notes.txt").write_text("not ours")
    assert clean_stale_temps(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, ".notes.txt"])


def test_concurrent_writers_under_the_lock_lose_nothing(tmp_path: Path) -> None:
    counter = tmp_path / "count"
    counter.write_text("0")

    def bump() -> None:
        for _ in range(20):
            with folder_lock(tmp_path):
                atomic_write(counter, str(int(counter.read_text()) + 1).encode(), durable=False)

    run_threads(bump, 4)
    assert counter.read_text() == "80"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["count"]  # no lock file left


def test_a_lock_works_in_a_read_only_folder(tmp_path: Path) -> None:
    tmp_path.chmod(0o555)
    try:
        with folder_lock(tmp_path):
            pass
    finally:
        tmp_path.chmod(0o755)
