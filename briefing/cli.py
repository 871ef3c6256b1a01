"""The `briefing` command: parses options, builds a Config, calls the library."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from .config import BITRATES
from .errors import BriefingError, InternalError, NoNewStories


class CommandError(click.ClickException):
    """A BriefingError shown as one `Error:` line with the stage's exit status."""

    def __init__(self, error: BriefingError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code


class UsageLine(click.ClickException):
    """Bad usage as one `Error:` line (exit 2), with where to read more."""

    exit_code = 2

    @classmethod
    def of(cls, error: click.UsageError, command: str) -> UsageLine:
        where = error.ctx.command_path if error.ctx else command
        return cls(f"{error.format_message()} (see '{where} --help')")


class BriefingGroup(click.Group):
    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as exc:
            if isinstance(exc, getattr(click.exceptions, "NoArgsIsHelpError", ())):
                raise
            raise UsageLine.of(exc, info_name or "briefing") from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NoNewStories as exc:  # a daily job that finds nothing new has succeeded
            click.echo(f"Note: {exc}; nothing to do", err=True)
            ctx.exit(0)
        except BriefingError as exc:
            raise CommandError(exc) from None
        except click.UsageError as exc:
            raise UsageLine.of(exc, ctx.command_path) from None
        except KeyboardInterrupt:
            click.echo("Error: interrupted", err=True)
            ctx.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            # A fault of the tool itself: still one line (the traceback with -vv), and the
            # run's temp files are already gone.
            logging.getLogger("briefing").debug("unexpected failure", exc_info=True)
            said = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
            raise CommandError(InternalError(f"{said} (-vv shows where)")) from None


def build_config(*, voices: str = "default", engine: str | None = None, **options: Any) -> Any:
    from .config import Config, load_profile, profile_folders

    profile = load_profile(voices, profile_folders())
    if engine:
        profile = profile.with_engine(engine)
    cache = os.environ.get("BRIEFING_CACHE_DIR")
    options.setdefault("cache_dir", Path(cache) if cache else None)
    return Config(profile=profile, **{k: v for k, v in options.items() if v is not None})


def _budget(**values: Any) -> Any:
    from .config import Budget

    return Budget(**{k: v for k, v in values.items() if v is not None})


def _stdin_for(inputs: Sequence[str], config: Any) -> bytes | None:
    """Standard input's bytes, read once and never more than the input limit."""
    from .ingest import read_capped

    if "-" not in inputs:
        return None
    return read_capped(sys.stdin.buffer, config.fetch.max_bytes, "standard input")


def _need_stories(inputs: tuple[str, ...], from_feed: str | None) -> None:
    if not inputs and not from_feed:
        raise click.UsageError("give at least one INPUT (a file, URL or -), or --from-feed FEED")


def shown_path(path: Path) -> str:
    """A path as printed: relative under the working folder, else absolute; the same whether
    the briefing was made now or was already up to date."""
    full = path.resolve()
    try:
        return str(full.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(full)


@contextmanager
def progress_bar(label: str) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """(on_start, on_progress) callbacks drawing a bar on a terminal; silent when piped."""
    state: dict[str, Any] = {}

    def start(total: int) -> None:
        if sys.stderr.isatty() and total:
            state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
            state["bar"].__enter__()

    def advance(n: int) -> None:
        if "bar" in state:
            state["bar"].update(n)

    try:
        yield start, advance
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)


def budget_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option("--minutes", type=float, help="Total length of the briefing in minutes."),
            click.option("--sentences", type=int, help="Sentences per story."),
            click.option("--words", type=int, help="Words per story (never exceeded)."),
        ]
    ):
        func = option(func)
    return func


output_dir_option = click.option(
    "--output-dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder of the briefings (MP3s named from the title; a feed's briefed stories).",
)


def feed_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option(
                "--from-feed",
                "from_feed",
                help="Take stories from an RSS or Atom feed (path or URL).",
            ),
            click.option(
                "--limit",
                type=click.IntRange(1, 100),
                default=5,
                show_default=True,
                help="With --from-feed: at most this many stories.",
            ),
            click.option(
                "--all",
                "include_seen",
                is_flag=True,
                help="With --from-feed: include stories already briefed.",
            ),
        ]
    ):
        func = option(func)
    return func


def voice_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option(
                "--engine",
                type=str,
                help="Speech engine for every role: hibari, piper (offline) or gtts (online).",
            ),
            click.option(
                "--voices",
                default="default",
                show_default=True,
                help="Voice profile: a name in voices/ or a path to a .toml file.",
            ),
        ]
    ):
        func = option(func)
    return func


@click.group(cls=BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing")
@click.option("-v", "--verbose", count=True, help="Log progress (-vv for debug).")
def main(verbose: int) -> None:
    """Turn news articles into a spoken, podcast-style MP3 briefing."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # Dask's own progress chatter only with -vv.
    logging.getLogger("distributed").setLevel(logging.WARNING if verbose < 2 else logging.DEBUG)
    # SIGTERM unwinds like Ctrl-C, so temp files are removed and nothing half-written stays.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@main.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path),
    help="MP3 to write (default: output/<date>-<title>.mp3).",
)
@budget_options
@voice_options
@click.option("--title", help="Title of the briefing.")
@click.option(
    "--fallback",
    type=click.Choice(["hibari", "piper"]),
    help="Offline engine to use when gtts cannot reach Google.",
)
@click.option(
    "--bitrate",
    type=click.Choice([str(b) for b in BITRATES]),
    default="64",
    show_default=True,
    help="MP3 bitrate in kbit/s.",
)
@click.option("--no-cache", is_flag=True, help="Synthesize everything anew.")
@click.option("--workers", type=click.IntRange(1, 64), help="Parallel synthesis threads.")
@output_dir_option
@feed_options
@click.option(
    "--format",
    "audio_format",
    type=click.Choice(["mp3", "m4b"]),
    help="mp3 (default), or m4b for audiobook players; -o's suffix also decides.",
)
@click.option("--feed", "update", is_flag=True, help="Update the feed of the MP3's folder.")
@click.option("--base-url", help="With --feed: public URL of the folder.")
def make(
    inputs: tuple[str, ...],
    out: Path | None,
    minutes: float | None,
    sentences: int | None,
    words: int | None,
    engine: str | None,
    voices: str,
    title: str | None,
    fallback: str | None,
    bitrate: str,
    no_cache: bool,
    workers: int | None,
    output_dir: Path,
    from_feed: str | None,
    limit: int,
    include_seen: bool,
    audio_format: str | None,
    update: bool,
    base_url: str | None,
) -> None:
    """Render a briefing MP3 from INPUT files, URLs or - (stdin)."""
    from .episode import output_format
    from .pipeline import make as make_briefing

    _need_stories(inputs, from_feed)
    config = build_config(
        voices=voices,
        engine=engine,
        output_dir=output_dir,
        title=title,
        fallback=fallback,
        bitrate=int(bitrate),
        use_cache=not no_cache,
        workers=workers,
        budget=_budget(minutes=minutes, sentences=sentences, words=words),
        audio_format=audio_format,
    )
    if update and output_format(out, audio_format) == "m4b":
        raise click.UsageError("--feed lists MP3 briefings; an .m4b is for audiobook players")
    with progress_bar("Synthesizing") as (on_start, on_progress):
        episode = make_briefing(
            inputs,
            config,
            out,
            stdin=_stdin_for(inputs, config),
            on_start=on_start,
            on_progress=on_progress,
            from_feed=from_feed,
            limit=limit,
            include_seen=include_seen,
        )
    if update:
        from .podcast import update_feed

        update_feed(episode.path.parent, base_url=base_url)
    click.echo(shown_path(episode.path))


@main.command()
@click.argument("source")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True
)
def segment(source: str, fmt: str) -> None:
    """Show how an article is segmented (nothing summarized or spoken)."""
    from .pipeline import read_article

    config = build_config()
    article = read_article(source, config, _stdin_for([source], config))
    if fmt == "json":
        click.echo(json.dumps(article.to_json(), ensure_ascii=False, indent=2))
        return
    for seg in article.segments:
        who = f" [{seg.speaker}]" if seg.kind == "quote" and seg.speaker else ""
        click.echo(f"{seg.section} {seg.kind:8} {seg.text}{who}")


@main.command()
@click.argument("source")
@click.option("--sentences", type=int, help="Number of sentences.")
@click.option("--words", type=int, help="At most this many words.")
@click.option("--seconds", type=float, help="About this many seconds of speech.")
@click.option("--ratio", type=float, help="This share of the article's words (0-1).")
@click.option(
    "--voices",
    default="default",
    show_default=True,
    help="Voice profile whose speaking rate converts --seconds to words.",
)
def summarize(
    source: str,
    sentences: int | None,
    words: int | None,
    seconds: float | None,
    ratio: float | None,
    voices: str,
) -> None:
    """Print the key sentences of an article, one a line, in document order."""
    from .budget import summary_within
    from .pipeline import read_article

    budget = _budget(sentences=sentences, words=words, seconds=seconds, ratio=ratio)
    config = build_config(voices=voices, budget=budget)
    article = read_article(source, config, _stdin_for([source], config))
    summary = summary_within(article, budget, config.profile)
    for sentence in summary.sentences:
        click.echo(" ".join(sentence.text.split()))


@main.command()
@click.argument("inputs", nargs=-1)
@budget_options
@voice_options
@click.option("--title", help="Title of the briefing.")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
@feed_options
@output_dir_option
def script(
    inputs: tuple[str, ...],
    minutes: float | None,
    sentences: int | None,
    words: int | None,
    engine: str | None,
    voices: str,
    title: str | None,
    fmt: str,
    from_feed: str | None,
    limit: int,
    include_seen: bool,
    output_dir: Path,
) -> None:
    """Show what would be spoken, without synthesis (a feed's seen items stay unseen)."""
    from .pipeline import feed_stories, plan

    _need_stories(inputs, from_feed)
    config = build_config(
        voices=voices,
        engine=engine,
        title=title,
        budget=_budget(minutes=minutes, sentences=sentences, words=words),
    )
    articles = (
        feed_stories(config, from_feed, limit, include_seen, output_dir, others=len(inputs))[0]
        if from_feed
        else []
    )
    result = plan(inputs, config, stdin=_stdin_for(inputs, config), articles=articles)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    for cue in result.cues:
        who = f" ({cue.speaker})" if cue.speaker else ""
        click.echo(f"[{cue.chapter}] {cue.kind}/{cue.voice}{who}: {cue.spoken}")


@main.command()
def voices() -> None:
    """List engines, their voices, and voice profiles."""
    from .config import available_profiles, load_profile, profile_folders
    from .speech import ENGINES, list_voices

    click.echo("ENGINE  KIND     VOICE               LANGUAGE  GENDER  INSTALLED  NOTES")
    for name, info in ENGINES.items():
        for voice in list_voices(name):
            click.echo(
                f"{name:7} {info.kind:8} {voice.name:19} {voice.language:9} {voice.gender:7} "
                f"{'yes' if voice.installed else 'no':10} {voice.notes or info.notes}"
            )
    click.echo("")
    click.echo("PROFILE        ROLE      ENGINE  VOICE               SPEED  CHANGED")
    for name in available_profiles(profile_folders()):
        profile = load_profile(name, profile_folders())
        for role_name, role in profile.roles.items():
            changed = ", ".join(
                f"{key} {value:g}"
                for key, value in (("pitch", role.pitch), ("formant", role.formant))
                if value != 1.0
            )
            click.echo(
                f"{name:14} {role_name:9} {role.engine:7} {Path(role.voice).name:19} "
                f"{role.speed:<6.2f} {changed}"
            )


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--base-url", help="Public URL of the folder (saved in FOLDER/feed.toml).")
@click.option("--title", help="Title of the podcast (saved in FOLDER/feed.toml).")
def feed(folder: Path, base_url: str | None, title: str | None) -> None:
    """Write FOLDER/feed.xml for every briefing in FOLDER."""
    from .podcast import update_feed

    click.echo(str(update_feed(folder, base_url=base_url, title=title)))


@main.command()
@click.argument("folder", type=click.Path(path_type=Path), default=Path("output"))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0 picks a free one).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; 0.0.0.0 serves the local network.",
)
def serve(folder: Path, port: int, host: str) -> None:
    """Serve FOLDER over HTTP for podcast apps and browsers (GET, HEAD, Range)."""
    from .podcast import FEED_FILE, Channel, load_channel, update_feed
    from .server import make_server, server_url

    server = make_server(folder, host, port)
    url = server_url(server)
    try:
        channel = load_channel(folder)
        # A feed still on the placeholder address points at this server instead; a port
        # picked at random (--port 0) is not worth saving.
        if port and (channel is None or channel.base_url == Channel().base_url):
            update_feed(folder, base_url=url)
        elif not (folder / FEED_FILE).exists():
            update_feed(folder)
    except BriefingError as exc:  # a read-only folder is served as it is
        click.echo(f"Warning: {exc}; serving the folder as it is", err=True)
    click.echo(f"{url}/")
    click.echo(f"Feed: {url}/{FEED_FILE}", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command()
@click.argument("jobs_file", metavar="JOBS.toml", type=click.Path(path_type=Path))
@click.option("--workers", type=click.IntRange(1, 256), help="Worker processes (default: cores).")
@click.option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for the briefings and their feed.",
)
@click.option("--no-cache", is_flag=True, help="Synthesize everything anew on the workers.")
@click.option("--base-url", help="Public URL of the output folder, for its feed.")
def batch(
    jobs_file: Path,
    workers: int | None,
    scheduler: str | None,
    out_dir: Path,
    no_cache: bool,
    base_url: str | None,
) -> None:
    """Render many briefings at once on Dask (a local cluster unless --scheduler is given)."""
    from .batch import parse_jobs, run_batch

    jobs = parse_jobs(jobs_file)
    base = build_config(use_cache=not no_cache, output_dir=out_dir)
    failed = 0

    with progress_bar("Briefings") as (on_start, on_progress):

        def report(outcome: Any) -> None:
            nonlocal failed
            on_progress(1)
            if outcome.error:
                failed += 1
                click.echo(f"Error: {outcome.job.name}: {outcome.error}", err=True)
            else:
                click.echo(str(outcome.path))

        run_batch(
            jobs,
            base,
            out_dir,
            workers=workers,
            scheduler=scheduler,
            on_done=report,
            on_start=on_start,
            base_url=base_url,
        )
    if failed:
        raise SystemExit(1)


def run() -> None:
    """The `briefing` command as installed: `main`, then an exit that skips tearing down
    the interpreter. Freeing the voices' lexicons and models object by object took a tenth
    of a second after every run; the operating system takes the memory back at once. Output
    is flushed and exit handlers run first; every file is complete before a command returns.
    """
    import atexit

    try:
        main()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):  # SystemExit("message") prints it; so must this exit
        click.echo(code, err=True)
        code = 1
    atexit._run_exitfuncs()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe has nothing more to take
            pass
    os._exit(code or 0)
