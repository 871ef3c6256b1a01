"""The command line: contract commands, exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main
from conftest import read_chapters


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click 8.1; 8.2 always keeps stderr apart
    except TypeError:
        return CliRunner()


def run(*args: str, input: bytes | str | None = None):
    return runner().invoke(main, list(args), input=input, catch_exceptions=False)


def assert_one_error_line(result, code: int) -> None:
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output


def test_make_prints_the_mp3_path_last(tmp_path: Path, example: Path) -> None:
    out = tmp_path / "brief.mp3"
    result = run("make", str(example), "-o", str(out), "--engine", "tone")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == str(out)
    assert out.is_file() and (tmp_path / "brief.chapters.json").is_file()
    assert (tmp_path / "brief.vtt").is_file()
    titles = [c[0] for c in read_chapters(out)]
    assert titles[1:] == [
        "Russian attacks against civilian population",
        "Moscow attacks civil infrastructure",
        "kyiv will strengthen security",
    ]


def test_make_without_output_names_file_from_date_and_title(
    tmp_path: Path, example: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("make", str(example), "--engine", "tone")
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip().splitlines()[-1])
    assert path.parent == Path("output")
    assert path.name.endswith("-nato-commits-to-strengthening-ukraines-defenses.mp3")
    assert (tmp_path / path).is_file()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (None, 2),  # missing file
        (b"", 2),  # empty
        (b"   \n\n \t\n", 2),  # whitespace only
        (b"\x00\x01\x02\x03binary\x00\xff" * 50, 2),  # binary
    ],
)
def test_bad_input_is_one_error_line(tmp_path: Path, content: bytes | None, code: int) -> None:
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out.mp3"
    result = run("make", str(path), "-o", str(out), "--engine", "tone")
    assert_one_error_line(result, code)
    assert list(tmp_path.glob("out*")) == [] and list(tmp_path.glob(".out*")) == []


def test_segment_json_matches_contract(example: Path) -> None:
    result = run("segment", str(example), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["title"] == "NATO commits to strengthening Ukraine's defenses"
    assert data["byline"] == "Scribe"
    assert data["source"] == str(example)
    kinds = [s["kind"] for s in data["segments"]]
    assert kinds[0] == "headline" and kinds.count("heading") == 3
    quotes = [s for s in data["segments"] if s["kind"] == "quote"]
    assert {q["speaker"] for q in quotes} == {"Geoana", "Umerov", "Popko"}
    assert all(set(s) >= {"kind", "text", "section"} for s in data["segments"])


def test_segment_reads_stdin() -> None:
    text = "Big headline here\n\nThe first paragraph says what happened today.\n"
    result = run("segment", "-", "--format", "json", input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "Big headline here"


def test_summarize_prints_one_sentence_a_line(example: Path) -> None:
    result = run("summarize", str(example), "--sentences", "2")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("NATO countries strongly condemned")


def test_script_json_without_synthesis(example: Path) -> None:
    result = run("script", str(example), "--format", "json", "--sentences", "3")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["estimated_seconds"] > 10
    assert data["chapters"][0] == {
        "title": "NATO commits to strengthening Ukraine's defenses",
        "first_cue": 0,
        "url": None,
    }
    cue = data["cues"][1]
    assert set(cue) == {"kind", "text", "spoken", "voice", "speaker", "chapter"}
    assert {c["kind"] for c in data["cues"]} >= {"intro", "headline", "text", "outro"}


def test_unknown_engine_and_profile(example: Path) -> None:
    assert_one_error_line(run("make", str(example), "--engine", "espeak"), 2)
    assert_one_error_line(run("make", str(example), "--voices", "nosuch"), 2)


def test_voices_lists_engines_and_profiles() -> None:
    result = run("voices")
    assert result.exit_code == 0
    assert "piper" in result.stdout and "gtts" in result.stdout
    assert "default" in result.stdout and "en_US-joe-medium" in result.stdout


def test_summarize_budget_too_small_is_an_error(example: Path) -> None:
    result = run("summarize", str(example), "--words", "3")
    assert_one_error_line(result, 2)
    assert "no sentence fits the budget" in result.stderr


def test_summarize_and_script_read_stdin(example: Path) -> None:
    text = example.read_text()
    assert run("summarize", "-", "--sentences", "1", input=text).stdout.startswith("NATO")
    data = json.loads(run("script", "-", "--sentences", "1", "--format", "json", input=text).stdout)
    assert data["title"] == "NATO commits to strengthening Ukraine's defenses"


def test_make_m4b_from_the_output_suffix(tmp_path: Path, example: Path) -> None:
    out = tmp_path / "book.m4b"
    result = run("make", str(example), "-o", str(out), "--engine", "tone", "--sentences", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == str(out)
    assert out.read_bytes()[4:8] == b"ftyp"


@pytest.mark.parametrize("command", ["feed", "serve"])
def test_missing_folder_is_bad_usage(tmp_path: Path, command: str) -> None:
    assert_one_error_line(run(command, str(tmp_path / "nope")), 2)


def test_printed_path_is_the_same_when_up_to_date(
    tmp_path: Path, example: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = run("make", str(example), "--engine", "tone").stdout.strip().splitlines()[-1]
    again = run("make", str(example), "--engine", "tone").stdout.strip().splitlines()[-1]
    assert first == again and first.startswith("output/")
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere" / "x.mp3"
    out = run("make", str(example), "--engine", "tone", "-o", str(elsewhere)).stdout
    assert out.strip().splitlines()[-1] == str(elsewhere.resolve())


def test_a_fault_of_the_tool_is_one_line_too(
    tmp_path: Path, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tagging 301 chapters once raised mutagen's ValueError as a traceback."""
    from briefing import assemble

    def broken(job: object) -> object:
        raise ValueError("bytes must be in range(0, 256)\nsecond line")

    monkeypatch.setattr(assemble, "STEPS", {"mp3": (broken,), "m4b": (broken,)})
    folder = tmp_path / "out"
    folder.mkdir()
    result = run("make", str(example), "--engine", "tone", "-o", str(folder / "ep.mp3"))
    assert_one_error_line(result, 1)
    assert "ValueError: bytes must be in range(0, 256) second line" in result.stderr
    assert list(folder.iterdir()) == []
