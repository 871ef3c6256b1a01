"""ingest: every kind of source read within the byte limit, into a Document."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest

from briefing.errors import IngestError
from briefing.fetch import FetchOptions
from briefing.ingest import read_capped, read_file, read_source

SMALL = FetchOptions(max_bytes=100_000)


def test_a_device_is_refused_not_read(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="is a device"):
        read_source("/dev/zero", SMALL)


def test_a_pipe_is_read_up_to_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def endless() -> None:
        try:
            with open(fifo, "wb") as writer:
                while True:
                    writer.write(b"words " * 10_000)
        except (BrokenPipeError, OSError):
            pass

    threading.Thread(target=endless, daemon=True).start()
    with pytest.raises(IngestError, match="larger than the 100,000-byte limit"):
        read_file(str(fifo), 100_000)


def test_standard_input_is_read_with_a_cap() -> None:
    stream = io.BytesIO(b"x" * 300_000)
    with pytest.raises(IngestError, match="standard input is larger"):
        read_capped(stream, 100_000, "standard input")
    assert stream.tell() == 100_001  # never more than the limit and one byte


@pytest.mark.parametrize(
    ("name", "error"),
    [("missing.txt", "no such file"), (".", "is a folder")],
)
def test_bad_paths_are_one_clear_error(tmp_path: Path, name: str, error: str) -> None:
    with pytest.raises(IngestError, match=error):
        read_source(str(tmp_path / name), SMALL)


@pytest.mark.parametrize(
    ("author", "byline"),
    [
        ("Priya ShahEnvironment correspondent", "Priya Shah"),
        ("Sam Lee; Updated ; Thu December 5", "Sam Lee"),
        ("Ann Lee; Tom Reed", "Ann Lee; Tom Reed"),
        ("May Chen", "May Chen"),
    ],
)
def test_a_byline_keeps_names_only(author: str, byline: str) -> None:
    from briefing.htmltext import without_job_title

    assert without_job_title(author) == byline
