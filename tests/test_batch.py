"""Many briefings on a Dask LocalCluster of two processes, with the tone engine."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import feedparser
import pytest

from briefing.batch import parse_jobs, run_batch
from briefing.config import Config, load_profile
from briefing.errors import ConfigError
from conftest import DATA, EXAMPLE, read_chapters

distributed = pytest.importorskip("distributed")


@pytest.fixture
def jobs_dir(tmp_path: Path) -> Path:
    for source in (
        EXAMPLE,
        DATA / "harbor.txt",
        DATA / "rail.md",
        DATA / "short_story.md",
        DATA / "tone.toml",
    ):
        shutil.copy(source, tmp_path / source.name)
    return tmp_path


def write_jobs(folder: Path, body: str) -> Path:
    path = folder / "jobs.toml"
    path.write_text(body)
    return path


SIX = "".join(
    f'[[briefing]]\nname = "{name}"\ninputs = {inputs}\n{budget}\nvoices = "tone.toml"\n\n'
    for name, inputs, budget in [
        ("morning", '["harbor.txt", "rail.md"]', "minutes = 1"),
        ("nato", '["nato_ukraine.txt"]', "sentences = 3"),
        ("bridge", '["short_story.md"]', "words = 60"),
        ("rail", '["rail.md"]', "sentences = 2"),
        ("harbor", '["harbor.txt"]', "sentences = 2"),
        ("all", '["nato_ukraine.txt", "harbor.txt", "rail.md"]', "minutes = 1.5"),
    ]
)


@pytest.fixture
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
    ) as local:
        yield local


def base_config(folder: Path) -> Config:
    return Config(profile=load_profile("default"), cache_dir=folder / "cache")


def test_six_jobs_and_a_bad_one(jobs_dir: Path, cluster, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(jobs_dir / "worker-cache"))
    body = SIX + '[[briefing]]\nname = "broken"\ninputs = ["missing.txt"]\n'
    jobs = parse_jobs(write_jobs(jobs_dir, body))
    out = jobs_dir / "out"
    outcomes = run_batch(jobs, base_config(jobs_dir), out, scheduler=cluster.scheduler_address)
    by_name = {o.job.name: o for o in outcomes}
    assert by_name["broken"].error and "no such file" in by_name["broken"].error
    done = [o for o in outcomes if o.path]
    assert len(done) == 6
    for outcome in done:
        assert outcome.path == out / f"{outcome.job.name}.mp3"
        assert read_chapters(outcome.path)
        assert (out / f"{outcome.job.name}.chapters.json").is_file()
        assert (out / f"{outcome.job.name}.vtt").is_file()
    assert [c[0] for c in read_chapters(out / "all.mp3")] == [
        "Headlines",
        "NATO commits to strengthening Ukraine's defenses",
        "City approves $40 million plan to rebuild storm-damaged harbor",
        "Regional rail line to add night trains from March",
    ]
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert len(feed.entries) == 6

    # A re-run finds everything up to date and starts no work at all.
    again = run_batch(jobs[:-1], base_config(jobs_dir), out, scheduler="tcp://127.0.0.1:1")
    assert all(o.skipped for o in again)


def test_killed_worker_tasks_are_retried(jobs_dir: Path, cluster, monkeypatch) -> None:
    from dask.distributed import Client

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(jobs_dir / "worker-cache"))
    jobs = parse_jobs(write_jobs(jobs_dir, SIX))
    with Client(cluster.scheduler_address) as client:
        pids = list(client.run(os.getpid).values())

    def kill_one() -> None:
        time.sleep(1.0)
        os.kill(pids[0], signal.SIGKILL)

    killer = threading.Thread(target=kill_one)
    killer.start()
    outcomes = run_batch(
        jobs, base_config(jobs_dir), jobs_dir / "out", scheduler=cluster.scheduler_address
    )
    killer.join()
    assert [o.error for o in outcomes] == [None] * 6
    assert len(list((jobs_dir / "out").glob("*.mp3"))) == 6


def test_cli_batch_with_its_own_cluster(jobs_dir: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from briefing.cli import main

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(jobs_dir / "cache"))
    body = (
        '[[briefing]]\nname = "one"\ninputs = ["short_story.md"]\nvoices = "tone.toml"\n\n'
        '[[briefing]]\nname = "bad"\ninputs = ["nope.txt"]\n'
    )
    path = write_jobs(jobs_dir, body)
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(
        main, ["batch", str(path), "--workers", "2", "--out", str(jobs_dir / "out")]
    )
    assert result.exit_code == 1
    assert result.stdout.strip().splitlines() == [str(jobs_dir / "out" / "one.mp3")]
    assert result.stderr.strip().startswith("Error: bad: no such file")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '[[briefing]]\nname = "a"\ninputs = ["x.txt"]\nminutess = 2\n',
            "job 'a': unknown key 'minutess'",
        ),
        ('[[briefing]]\nname = "a"\n', "job 'a': missing 'inputs'"),
        (
            '[[briefing]]\nname = "a"\ninputs = ["x"]\n[[briefing]]\nname = "a"\ninputs = ["y"]\n',
            "job 'a': duplicate 'name'",
        ),
        ('[[briefing]]\ninputs = ["x"]\n', "job #1: 'name' must be a file name"),
        ('[[briefing]]\nname = "a/b"\ninputs = ["x"]\n', "'name' must be a file name"),
        ('[[briefing]]\nname = "a"\ninputs = ["x"]\nwords = 0\n', "job 'a': --words must be"),
        ('[[briefing]]\nname = "a"\ninputs = "x"\n', "'inputs' must be a list"),
        ("[[briefing]\n", "not valid TOML"),
        ('[jobs]\nname = "a"\n', "unknown key 'jobs'"),
    ],
)
def test_bad_job_files(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ConfigError, match=r"jobs\.toml") as error:
        parse_jobs(write_jobs(tmp_path, body))
    assert message in str(error.value)
