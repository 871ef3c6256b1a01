"""Bad input, faults and interruptions: one clear error, and nothing half-written left."""

from __future__ import annotations

import errno
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main
from briefing.errors import IngestError, NetworkError
from briefing.fetch import FetchOptions
from briefing.ingest import read_source
from conftest import DATA, EXAMPLE, read_chapters


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name
        for p in folder.rglob("*")
        if p.is_file() and not p.name.endswith((".txt", ".md", ".html", ".toml"))
    )


BAD_INPUTS = [
    ("missing path", None, [], 2),
    ("directory", "dir", [], 2),
    ("empty", b"", [], 2),
    ("whitespace only", b" \n\t \n", [], 2),
    ("binary", bytes(range(256)) * 20, [], 2),
    ("invalid utf-8", b"\x81\x8d\x8f\x90\x9d" * 200, [], 2),
    ("50 MB text", "big", [], 2),
    ("html without body text", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", [], 2),
    ("markdown with only headings", b"# Title\n\n## Part one\n\n## Part two\n", [], 2),
    ("punctuation only", b"-\n\n* * *\n\n...\n", [], 2),
    ("unknown engine", "ok", ["--engine", "festival"], 2),
    ("unknown profile", "ok", ["--voices", "nosuch"], 2),
    ("malformed profile", "ok", ["--voices", "{tmp}/bad.toml"], 2),
    ("zero budget", "ok", ["--words", "0"], 2),
    ("negative budget", "ok", ["--minutes", "-1"], 2),
    ("two budgets", "ok", ["--words", "10", "--sentences", "2"], 2),
    ("output is a folder", "ok", ["-o", "{tmp}"], 2),
    ("unwritable output folder", "ok", ["-o", "{tmp}/locked/out.mp3"], 2),
    ("output folder under a file", "ok", ["-o", "{tmp}/article.txt/out.mp3"], 2),
]


@pytest.mark.parametrize(
    ("name", "content", "args", "code"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input_table(tmp_path: Path, name: str, content, args: list[str], code: int) -> None:
    source = tmp_path / (
        "article.md" if "markdown" in name else "article.html" if "html" in name else "article.txt"
    )
    if content == "dir":
        source = tmp_path / "folder"
        source.mkdir()
    elif content == "big":
        with open(source, "wb") as handle:
            handle.write(b"word " * (10 * 1024 * 1024))
    elif content == "ok":
        source.write_text(EXAMPLE.read_text())
    elif content is not None:
        source.write_bytes(content)
    (tmp_path / "bad.toml").write_text("[roles.anchor\nspeed = 1")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    out = tmp_path / "out" / "briefing.mp3"
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "-o" not in args:
        args += ["-o", str(out)]
    try:
        if os.geteuid() == 0 and name == "unwritable output folder":
            pytest.skip("root can write anywhere")
        engine = [] if "--engine" in args else ["--engine", "tone"]
        result = runner().invoke(
            main, ["make", str(source), *engine, *args], catch_exceptions=False
        )
    finally:
        locked.chmod(0o700)
    assert result.exit_code == code, (result.stdout, result.stderr)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or leftovers(tmp_path / "out") == []


@pytest.mark.parametrize(
    "text",
    ["One sentence is all this article has.", "Just a headline"],
)
def test_short_real_input_renders(tmp_path: Path, text: str) -> None:
    source = tmp_path / "a.txt"
    source.write_text(text)
    out = tmp_path / "short.mp3"
    result = runner().invoke(main, ["make", str(source), "-o", str(out), "--engine", "tone"])
    assert result.exit_code == 0, result.output
    assert out.is_file() and read_chapters(out)


def briefing_process(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    """The CLI as users run it: its own process, so exit-time faults show."""
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "briefing", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_bad_input_in_a_process_is_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = briefing_process("make", str(empty), "-o", str(tmp_path / "x.mp3"), cache=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"Error: {empty} is empty"]


@pytest.mark.piper
def test_up_to_date_run_exits_cleanly_while_the_voice_loads(tmp_path: Path) -> None:
    """Nothing to render: the process ends while Piper's session is still being built."""
    source = tmp_path / "a.txt"
    source.write_text("Rain is expected in the north on Friday.")
    out = str(tmp_path / "a.mp3")
    first = briefing_process("make", str(source), "-o", out, cache=tmp_path / "c1")
    assert first.returncode == 0, first.stderr
    for n in range(3):  # the fault showed in most runs, not all
        again = briefing_process("make", str(source), "-o", out, cache=tmp_path / f"c{n + 2}")
        assert (again.returncode, again.stderr) == (0, ""), again.stderr
        assert again.stdout.strip() == out


def test_disk_full_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    from briefing import assemble

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(assemble, "write_tags", full)
    out = tmp_path / "out" / "x.mp3"
    result = runner().invoke(main, ["make", str(EXAMPLE), "-o", str(out), "--engine", "tone"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: cannot write {out}: No space left on device"
    assert leftovers(tmp_path / "out") == []


def test_interrupted_encoding_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    from briefing import assemble

    real = assemble.run_ffmpeg_streaming

    def interrupted(args, chunks, **options):
        real(args, [next(iter(chunks))], **options)  # a partial MP3 in the temp file, then Ctrl-C
        raise KeyboardInterrupt

    monkeypatch.setattr(assemble, "run_ffmpeg_streaming", interrupted)
    out = tmp_path / "out" / "x.mp3"
    result = runner().invoke(
        main, ["make", str(EXAMPLE), "-o", str(out), "--engine", "tone", "--feed"]
    )
    assert result.exit_code == 130
    assert leftovers(tmp_path / "out") == []


@pytest.mark.piper
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_signal_during_synthesis_then_resume(tmp_path: Path, sig: int) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    # The first run synthesizes one sentence, then holds the second until the signal was
    # sent: the signal always arrives during synthesis, however fast or busy the machine is.
    hold = tmp_path / "hold"
    hold.mkdir()
    release = hold / "release"
    (hold / "sitecustomize.py").write_text(
        "import os, time\n"
        "from briefing.speech import hibari\n"
        "synthesize = hibari.HibariEngine.synthesize\n"
        "calls = []\n"
        "def held(self, text, role):\n"
        "    calls.append(text)\n"
        f"    while len(calls) > 1 and not os.path.exists({str(release)!r}):\n"
        "        time.sleep(0.01)\n"
        "    return synthesize(self, text, role)\n"
        "hibari.HibariEngine.synthesize = held\n"
    )
    held_env = {**env, "PYTHONPATH": os.pathsep.join([str(hold), env.get("PYTHONPATH", "")])}
    out = tmp_path / "out" / "x.mp3"
    command = [
        sys.executable,
        "-m",
        "briefing",
        "-v",
        "make",
        str(DATA / "harbor.txt"),
        "-o",
        str(out),
        "--sentences",
        "3",
        "--workers",
        "1",
        "--feed",
    ]
    # A shell that started the tests in the background ignores SIGINT for its children: the
    # command under test gets the default, as it would from a terminal.
    process = subprocess.Popen(
        command,
        env=held_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not list(cache.rglob("*.wav")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(sig)
    release.touch()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "Traceback" not in stderr
    assert leftovers(tmp_path / "out") == []
    assert not list(cache.rglob(".tmp-*"))
    done = len(list(cache.rglob("*.wav")))
    assert done >= 1
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert f"{done} from cache" in again.stderr
    assert out.is_file() and (out.parent / "feed.xml").is_file()


# --- network faults ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def faulty() -> Iterator[str]:
    hits: dict[str, int] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def page(self, body: bytes, ctype: str = "text/html") -> None:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            hits[self.path] = hits.get(self.path, 0) + 1
            article = (
                b"<html><body><article><h1>Port reopens</h1><p>The port reopened on "
                b"Monday after a week of repairs, officials said.</p></article></body>"
                b"</html>"
            )
            if self.path == "/ok":
                self.page(article)
            elif self.path == "/rate-limited":
                if hits[self.path] == 1:
                    self.send_response(429)
                    self.send_header("Retry-After", "1")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                else:
                    self.page(article)
            elif self.path == "/error":
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path == "/big":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(200):
                        self.wfile.write(b"<p>" + b"x" * 10000 + b"</p>")
                except OSError:
                    pass
                self.close_connection = True
            elif self.path == "/slow":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(100):
                        self.wfile.write(b"<p>drip</p>" * 10)
                        self.wfile.flush()
                        time.sleep(0.1)
                except OSError:
                    pass
                self.close_connection = True
            elif self.path == "/hang":
                time.sleep(3)
                self.page(article)
            elif self.path == "/reset":
                self.connection.setsockopt(
                    __import__("socket").SOL_SOCKET,
                    __import__("socket").SO_LINGER,
                    b"\x01\x00\x00\x00\x00\x00\x00\x00",
                )
                self.connection.close()
            elif self.path == "/pdf":
                self.page(b"%PDF-1.4", "application/pdf")
            else:
                self.send_error(404)

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address) -> None:
            pass  # the /reset page breaks its own connection on purpose

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


NETWORK = [
    ("/ok", None, None),
    ("/rate-limited", None, None),  # 429 with Retry-After, then the page
    ("/error", NetworkError, "HTTP 500"),
    ("/loop", NetworkError, "too many redirects"),
    ("/big", IngestError, "larger than"),
    ("/slow", NetworkError, "too slow"),
    ("/hang", NetworkError, "timed out"),
    ("/reset", NetworkError, "cannot fetch"),
    ("/missing", IngestError, "HTTP 404"),
    ("/pdf", IngestError, "application/pdf"),
]


@pytest.mark.parametrize(("path", "error", "message"), NETWORK, ids=[n[0] for n in NETWORK])
def test_network_faults(faulty: str, path: str, error, message: str | None) -> None:
    start = time.monotonic()
    options = FetchOptions(timeout=1.0, deadline=3.0, max_bytes=500_000)
    if error is None:
        doc = read_source(faulty + path, options)
        assert doc.title == "Port reopens"
    else:
        with pytest.raises(error, match=message):
            read_source(faulty + path, options)
        assert not isinstance(error, NetworkError) or error.exit_code == 1
    assert time.monotonic() - start < 60  # retries are bounded (a hang alone is endless)


def test_unreachable_url_is_exit_1_and_404_exit_2(faulty: str) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    result = runner().invoke(main, ["segment", f"http://127.0.0.1:{closed}/x"])
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot fetch")
    result = runner().invoke(main, ["segment", faulty + "/missing"])
    assert result.exit_code == 2 and "HTTP 404" in result.stderr


# --- concurrency and hostile input -------------------------------------------------------------


def make_with_feed(source: Path, out: Path) -> list[str]:
    """The command line of a tone-engine `make --feed` into the folder OUT."""
    return [
        sys.executable,
        "-m",
        "briefing",
        "make",
        str(source),
        "--engine",
        "tone",
        "--output-dir",
        str(out),
        "--feed",
    ]


def test_two_makes_into_one_folder_keep_both_feed_items(tmp_path: Path) -> None:
    import feedparser

    out = tmp_path / "out"
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    processes = [
        subprocess.Popen(
            make_with_feed(source, out),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for source in (EXAMPLE, DATA / "harbor.txt", DATA / "rail.md")
    ]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert len(feed.entries) == 3 and not feed.bozo
    for mp3 in out.glob("*.mp3"):
        assert len(read_chapters(mp3)) >= 1
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_make_feed_while_serving(tmp_path: Path) -> None:
    import http.client

    from lxml import etree

    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    server = subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", str(out), "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(server.stdout.readline().strip().rstrip("/").rsplit(":", 1)[1])
        make = subprocess.Popen(
            make_with_feed(EXAMPLE, out),
            env=env,
        )
        seen = 0
        while make.poll() is None or seen == 0:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/feed.xml")
            response = conn.getresponse()
            body = response.read()
            conn.close()
            if response.status == 200:
                etree.fromstring(body)  # never a half-written feed
                seen += 1
            time.sleep(0.05)
        assert make.returncode == 0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/feed.xml")
        assert conn.getresponse().read().count(b"<item>") == 1
    finally:
        server.terminate()
        server.wait(timeout=10)


HOSTILE = (
    "<script>alert('x')</script> & <b>Markets</b> rally 🚀\n\n"
    "Prices rose\x07 sharply on Monday, traders said, as the index hit a record 🎉.\n\n"
    + "מחירים עלו ביום שני. "
    + "الأسعار ارتفعت يوم الاثنين. "
    + "\n\n"
    + ("A very long line of words without any break at all " * 400).strip()
    + ".\n"
)


def test_hostile_text_keeps_feed_and_tags_valid(tmp_path: Path) -> None:
    from lxml import etree
    from mutagen.id3 import ID3

    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE)
    out = tmp_path / "out" / "hostile.mp3"
    result = runner().invoke(
        main, ["make", str(source), "-o", str(out), "--engine", "tone", "--feed", "--words", "200"]
    )
    assert result.exit_code == 0, result.output
    tags = ID3(str(out))
    assert "<script>" in str(tags["TIT2"].text[0])
    root = etree.fromstring((out.parent / "feed.xml").read_bytes())
    assert root.find("channel/item/title").text.startswith("<script>alert")
    assert "\x07" not in (out.parent / "feed.xml").read_text()


@pytest.mark.piper
def test_piper_survives_hostile_text() -> None:
    from briefing.config import load_profile
    from briefing.normalize import spoken
    from briefing.speech import get_engine

    engine = get_engine("piper")
    role = load_profile("piper").role("narrator")
    for text in [
        "Markets rally 🚀🎉 today.",
        "מחירים עלו ביום שני.",
        "<b>&amp;</b> ~~~ ###",
        "x" * 300,
        "\x07\x1b[31m red",
    ]:
        audio = engine.synthesize(spoken(text), role)
        assert audio.sample_rate == 22050


@pytest.mark.parametrize(
    "args",
    [
        ["make", "--bogus"],
        ["make", "x.txt", "--words", "many"],
        ["script"],
        ["make", str(EXAMPLE), "--format", "m4b", "--feed"],
        ["nosuchcommand"],
        ["--bogus"],
    ],
)
def test_bad_usage_is_one_error_line_and_exit_2(args: list[str]) -> None:
    result = runner().invoke(main, args)
    assert result.exit_code == 2
    lines = (result.stderr if hasattr(result, "stderr") else result.output).strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines
