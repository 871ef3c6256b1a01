"""newsfeed: stories from an RSS or Atom feed, each item's article or its own text."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.errors import IngestError
from briefing.pipeline import make
from conftest import DATA, EXAMPLE, HEADLINES

DAY = dt.date(2026, 11, 24)  # a Tuesday


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """A local web server with one article page; other pages are 404."""
    pages = {
        "/harbor.html": "<html><body><article><h1>City approves $40 million plan to rebuild "
        "storm-damaged harbor</h1>"
        + "".join(f"<p>{p}</p>" for p in (DATA / "harbor.txt").read_text().split("\n\n")[2:])
        + "</article></body></html>",
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    feed = tmp_path / "feed.xml"
    feed.write_text((DATA / "feed.xml").read_text().replace("{BASE}", base))
    yield str(feed)
    server.shutdown()
    server.server_close()


def test_stories_from_a_feed(tone_config, site: str) -> None:
    episode = make([], tone_config, date=DAY, from_feed=site, limit=5)
    titles = [c.title for c in episode.chapters]
    # The harbor page is fetched; the rail page is missing, so the item's own text is read;
    # the third item tells the harbor story again and is dropped.
    assert titles == ["Headlines", HEADLINES[1], HEADLINES[2]]
    vtt = episode.transcript_path.read_text()
    assert "Mayor Ana Silva" in vtt or "300 residents" in vtt
    assert "night" in vtt
    with pytest.raises(IngestError, match="no new stories"):
        make([], tone_config, date=DAY, from_feed=site, limit=5)
    again = make(
        [],
        tone_config,
        tone_config.output_dir / "all.mp3",
        date=DAY,
        from_feed=site,
        limit=1,
        include_seen=True,
    )
    # One story: its sections are its chapters (the page's subheadings lost their markup).
    assert [c.title for c in again.chapters] == [
        HEADLINES[1],
        "Funding and jobs",
        "What comes next",
    ]


def test_script_previews_a_feed_without_marking_it_seen(site: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import main

    with CliRunner().isolated_filesystem(temp_dir=tmp_path):
        args = ["script", "--from-feed", site, "--format", "json"]
        first = CliRunner().invoke(main, args)
        assert first.exit_code == 0, first.output
        titles = [c["title"] for c in json.loads(first.output)["chapters"]]
        assert titles == ["Headlines", HEADLINES[1], HEADLINES[2]]
        again = CliRunner().invoke(main, args)
        assert [c["title"] for c in json.loads(again.output)["chapters"]] == titles


def test_feed_item_content_is_read_as_the_story() -> None:
    from briefing.newsfeed import FeedItem, item_article

    html = (
        '<p><img src="x.jpg"/>The bridge reopened on Monday after six months of repairs.</p>'
        "<figure><figcaption>The bridge at dawn. Photo: city</figcaption></figure>"
        "<blockquote><p>“It is a relief,” said driver Jo Park.</p></blockquote>"
        '<p>Detours had added 20 minutes, the city said.</p><p><a href="/b">Read more</a></p>'
    )
    item = FeedItem("b1", "Bridge reopens", "", html)
    article = item_article(item, None)
    texts = [(s.kind, s.text) for s in article.segments]
    assert texts[0] == ("headline", "Bridge reopens")
    assert ("quote", "It is a relief,") in texts
    spoken = " ".join(t for _, t in texts)
    assert texts[1] == ("text", "The bridge reopened on Monday after six months of repairs.")
    assert "Read more" not in spoken and "dawn" not in spoken
    assert "Detours had added 20 minutes" in spoken


def _feed_file(tmp_path: Path, items: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f"<item><title>{title}</title><guid>{guid}</guid><description><![CDATA[{html}]]>"
        "</description></item>"
        for guid, title, html in items
    )
    path = tmp_path / f"feed-{len(list(tmp_path.glob('feed-*')))}.xml"
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'
    )
    return str(path)


RAIL = (
    "<p>The regional rail operator will run trains through the night on its busiest line "
    "starting in March, the transport authority said on Thursday.</p><p>Trains will run every "
    "30 minutes between midnight and 5 a.m. on weekends, and every hour on weekdays.</p>"
)
RAIL_REWRITE = (
    "<p>Night trains will run on the region's busiest rail line from March, the transport "
    "authority said on Thursday, with the regional rail operator running trains through the "
    "night.</p><p>Trains will run every 30 minutes between midnight and 5 a.m. on weekends.</p>"
)
PORT = (
    "<p>The port authority opened a new container terminal on Friday, doubling the harbor's "
    "capacity for cargo ships, officials said.</p><p>The terminal cost 200 million euros.</p>"
)


def test_a_rewrite_of_a_told_story_is_not_told_again(tone_config, tmp_path: Path) -> None:
    from briefing.newsfeed import SEEN_FILE, load_seen

    first = _feed_file(tmp_path, [("r1", "Night trains from March", RAIL)])
    make([], tone_config, date=DAY, from_feed=first)
    # The next day's feed carries the same story, rewritten, under a new id, and a new one.
    second = _feed_file(
        tmp_path,
        [("r2", "Rail line adds night trains", RAIL_REWRITE), ("p1", "Port opens terminal", PORT)],
    )
    episode = make([], tone_config, date=DAY + dt.timedelta(days=1), from_feed=second)
    assert [c.title for c in episode.chapters] == ["Port opens terminal"]
    seen = load_seen(tone_config.output_dir)
    assert {"r1", "r2", "p1"} <= seen.ids and len(seen.stories) == 2
    assert (tone_config.output_dir / SEEN_FILE).is_file()


def test_no_new_stories_is_a_note_and_success(tone_config, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import main

    feed = _feed_file(tmp_path, [("r1", "Night trains from March", RAIL)])
    out = tmp_path / "out"
    args = ["make", "--from-feed", feed, "--engine", "tone", "--output-dir", str(out)]
    assert CliRunner(mix_stderr=False).invoke(main, args).exit_code == 0
    result = CliRunner(mix_stderr=False).invoke(main, args)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("Note: no new stories in")
    # script previews against the same folder's memory
    preview = CliRunner(mix_stderr=False).invoke(
        main, ["script", "--from-feed", feed, "--output-dir", str(out)]
    )
    assert preview.exit_code == 0 and preview.stderr.startswith("Note: no new stories")
    # with another input, a feed with nothing new is only a warning
    both = CliRunner(mix_stderr=False).invoke(main, [*args, str(EXAMPLE)])
    assert both.exit_code == 0, both.output


@pytest.mark.parametrize(
    "content",
    ['{"ids": 3, "stories": "x"}', "[1, 2, null]", "42", '{"stories": [{"a": "b"}]}', "{"],
)
def test_a_damaged_seen_file_counts_as_empty(tmp_path: Path, content: str) -> None:
    from briefing.newsfeed import SEEN_FILE, load_seen, mark_seen

    (tmp_path / SEEN_FILE).write_text(content)
    seen = load_seen(tmp_path)
    assert all(isinstance(i, str) for i in seen.ids)
    mark_seen(tmp_path, ["x"])
    assert "x" in load_seen(tmp_path).ids
