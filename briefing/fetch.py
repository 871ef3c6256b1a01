"""Reading the web: one set of limits (`FetchOptions`), one retry policy, one `fetch`.

The network modules are imported inside `fetch`: reading files, and every re-run, do without
them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .errors import IngestError, NetworkError

log = logging.getLogger(__name__)
T = TypeVar("T")


def is_url(source: str) -> bool:
    """True for an http(s) address: the only kind of URL this tool reads or publishes."""
    return source.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a failed request is tried again."""

    retries: int = 2
    first_delay: float = 0.5
    max_delay: float = 30.0

    def run(
        self,
        attempt: Callable[[], T],
        wait_for: Callable[[Exception], float | None],
        *,
        what: str,
        deadline: float | None = None,
    ) -> T:
        """`attempt()` until it succeeds; `wait_for(exc)` is None when `exc` is final, else
        the pause the other side asked for (0 for the policy's own). A retry that would end
        past `deadline` (a `time.monotonic()` value) is not made."""
        delay = self.first_delay
        for number in range(self.retries + 1):
            try:
                return attempt()
            except Exception as exc:
                wait = wait_for(exc)
                if wait is None or number == self.retries:
                    raise
                wait = min(max(wait, delay), self.max_delay)
                if deadline is not None and time.monotonic() + wait >= deadline:
                    raise
                log.info("%s: %s; retrying in %.1f s", what, exc, wait)
                time.sleep(wait)
                delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class FetchOptions:
    """Limits on everything read: bytes for any input; time for the network."""

    #: Seconds one network read may wait.
    timeout: float = 15.0
    #: Seconds a whole fetch may take, headers, body and retries included.
    deadline: float = 60.0
    #: Seconds all the pages of one news feed may take together.
    run_deadline: float = 180.0
    max_bytes: int = 10_000_000
    user_agent: str = "briefing/0.1 (+offline podcast maker)"
    retry: RetryPolicy = field(default_factory=RetryPolicy)


@dataclass(frozen=True)
class Fetched:
    url: str
    body: bytes
    content_type: str


class _Watchdog:
    """Shuts the sockets of one fetch when its deadline passes, whatever they are waiting for
    (a server that drips its status line resets every read timeout, never this one)."""

    def __init__(self, deadline: float) -> None:
        import threading

        self.deadline = deadline
        self.expired = False
        self._sockets: list[Any] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: Any) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: Any) -> None:
        import socket

        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def stop(self) -> None:
        self._timer.cancel()


def _opener(watchdog: _Watchdog) -> Any:
    """A urllib opener whose connections report to `watchdog` and whose redirects stay on
    http(s), at most five hops."""
    import http.client
    import urllib.request
    from urllib.parse import urljoin

    def watched(base: type) -> type:
        class Watched(base):  # type: ignore[misc, valid-type]
            def connect(self) -> None:
                super().connect()
                watchdog.watch(self.sock)

        return Watched

    http_class, https_class = (
        watched(http.client.HTTPConnection),
        watched(http.client.HTTPSConnection),
    )

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(http_class, req)  # type: ignore[arg-type]

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(https_class, req)  # type: ignore[arg-type]

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = 5

        def http_error_302(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
            target = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
            if not is_url(target):
                raise IngestError(f"{req.full_url} redirects to {target[:80]}, not a web page")
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    return urllib.request.build_opener(HTTP(), HTTPS(), Redirects())


def fetch(url: str, options: FetchOptions, *, accept: str = "text/html") -> Fetched:
    """GET a URL within the options' limits, retrying 429, 5xx and dropped connections."""
    import urllib.parse

    parsed = urllib.parse.urlparse(url)
    if not is_url(url) or not parsed.netloc:
        raise IngestError(f"not an http(s) URL: {url}")
    deadline = time.monotonic() + options.deadline
    return options.retry.run(
        lambda: _fetch_once(url, options, accept, deadline),
        _retry_wait,
        what=url,
        deadline=deadline,
    )


class _Retriable(NetworkError):
    def __init__(self, message: str, wait: float = 0.0) -> None:
        super().__init__(message)
        self.wait = wait


def _retry_wait(exc: Exception) -> float | None:
    return exc.wait if isinstance(exc, _Retriable) else None


def _fetch_once(url: str, options: FetchOptions, accept: str, deadline: float) -> Fetched:
    import http.client
    import socket
    import urllib.error
    import urllib.request

    watchdog = _Watchdog(deadline)
    request = urllib.request.Request(
        url, headers={"User-Agent": options.user_agent, "Accept": accept}
    )
    try:
        with _opener(watchdog).open(request, timeout=options.timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > options.max_bytes:
                raise IngestError(f"{url} is larger than the {options.max_bytes:,}-byte limit")
            body = _read_capped(response, url, options.max_bytes)
            if watchdog.expired:  # a shut socket reads as the end of the body
                raise OSError("deadline")
            return Fetched(response.geturl(), body, response.headers.get_content_type())
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise NetworkError(f"{url}: too many redirects") from None
        message = f"{url}: HTTP {exc.code} {exc.reason}"
        if exc.code == 429 or exc.code >= 500:
            raise _Retriable(message, _retry_after(exc.headers.get("Retry-After"))) from None
        raise IngestError(message) from None
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        if watchdog.expired:
            raise NetworkError(
                f"{url} is too slow: no answer within {options.deadline:.0f} s"
            ) from None
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, socket.gaierror):
            # A name that does not resolve will not resolve a second later either.
            raise NetworkError(f"cannot fetch {url}: {reason}") from None
        raise _Retriable(f"cannot fetch {url}: {reason}") from None
    finally:
        watchdog.stop()


def _read_capped(response: Any, url: str, max_bytes: int) -> bytes:
    """The body, refusing more than `max_bytes`."""
    chunks: list[bytes] = []
    size = 0
    read = getattr(response, "read1", response.read)  # read1 returns what has arrived
    while chunk := read(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(f"{url} is larger than the {max_bytes:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _retry_after(value: str | None) -> float:
    """Seconds a server asks to wait (capped by the retry policy), 0 when it does not say."""
    if value and value.strip().isdigit() and len(value.strip()) < 10:
        return float(value.strip())
    return 0.0
