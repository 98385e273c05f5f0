"""Polite, bounded HTTP: timeouts, a total-time cap, a decompressed-size cap, one request per host.

Fetching is ours, not feedparser's: its HTTP layer has no timeout and no size cap. The body is
read raw and inflated here with a cap on the *decompressed* size, so a gzip bomb stops at
`max_bytes` like any other oversized body. Error statuses raise HTTPStatusError carrying the
server's Retry-After, which the backoff decisions (daemon.backoff) honour.
"""

from __future__ import annotations

import hashlib
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from daemon.config import FeedSettings, FetchSettings
from daemon.errors import FetchError, HTTPStatusError

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Validators:
    """What the server gave us last time, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One HTTP fetch of a feed. `body` is None when the server said 304 Not Modified."""

    status: int
    url: str
    body: bytes | None
    headers: Mapping[str, str]
    validators: Validators

    @property
    def content_hash(self) -> str | None:
        """A digest of the body, to spot an unchanged feed behind a stale or missing ETag."""
        return body_hash(self.body) if self.body is not None else None


def body_hash(body: bytes) -> str:
    """The content hash of a fetched document."""
    return hashlib.sha256(body).hexdigest()[:32]


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """The delay a Retry-After header asks for (delta-seconds or an HTTP date), None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def host_wait(last_end: float | None, now: float, interval: float) -> float:
    """How long to wait before the next request to a host whose last one ended at `last_end`."""
    if last_end is None:
        return 0.0
    return max(0.0, last_end + interval - now)


class HostGate:
    """One request at a time per host, and at least `interval` seconds between two."""

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._interval = interval
        self._clock = clock
        self._sleep = sleep
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Hold the host for one request, after waiting out its minimum interval."""
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = host_wait(self._last.get(host), self._clock(), self._interval)
            if wait > 0:
                self._sleep(wait)
            try:
                yield
            finally:
                self._last[host] = self._clock()


class _Inflater:
    """Decompresses gzip/deflate bodies chunk by chunk, never past `limit` bytes of output."""

    def __init__(self, encoding: str, limit: int) -> None:
        self._limit = limit
        self._size = 0
        self._encoding = encoding
        wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS}.get(encoding)
        self._zlib = zlib.decompressobj(wbits or zlib.MAX_WBITS) if encoding else None
        self._first = True

    def feed(self, data: bytes) -> bytes:
        out = data if self._zlib is None else self._inflate(self._zlib, data)
        self._size += len(out)
        if self._size > self._limit:
            raise FetchError(f"body larger than {self._limit} bytes (decompressed)")
        return out

    def _inflate(self, inflater: zlib._Decompress, data: bytes) -> bytes:
        room = self._limit - self._size + 1
        try:
            out = inflater.decompress(data, room)
        except zlib.error:
            if not (self._first and self._encoding == "deflate"):
                raise
            # some servers send raw deflate without the zlib header
            inflater = self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            out = inflater.decompress(data, room)
        self._first = False
        if inflater.unconsumed_tail:
            raise FetchError(f"body larger than {self._limit} bytes (decompressed)")
        return out


class Fetcher:
    """Fetches feed documents and article pages with the configured limits and politeness."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._gate = HostGate(settings.host_interval_seconds, clock, sleep)
        self._client = httpx.Client(
            timeout=httpx.Timeout(
                settings.timeout_seconds, connect=settings.connect_timeout_seconds
            ),
            follow_redirects=True,
            max_redirects=settings.max_redirects,
            headers={
                "User-Agent": f"{settings.user_agent} (+{settings.contact_url})",
                "Accept-Encoding": "gzip, deflate",
            },
        )

    def fetch(self, feed: FeedSettings, validators: Validators = Validators()) -> FetchResult:
        """GET a feed conditionally; FetchError for network failures, HTTP errors, oversize."""
        return self.get(feed.url, validators, accept=FEED_ACCEPT)

    def get(
        self, url: str, validators: Validators = Validators(), *, accept: str = PAGE_ACCEPT
    ) -> FetchResult:
        """GET one URL under the host's turn, the timeouts and the size cap."""
        headers = {"Accept": accept}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        with self._gate.turn(urlsplit(url).hostname or ""):
            try:
                return self._get(url, headers, validators)
            except httpx.TooManyRedirects as exc:
                raise FetchError(
                    f"redirect loop or more than {self._settings.max_redirects} redirects"
                ) from exc
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out ({type(exc).__name__})") from exc
            except zlib.error as exc:
                raise FetchError(f"corrupt compressed body: {exc}") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{type(exc).__name__}: {exc}") from exc

    def _get(self, url: str, headers: dict[str, str], validators: Validators) -> FetchResult:
        deadline = self._clock() + self._settings.total_timeout_seconds
        with self._client.stream("GET", url, headers=headers) as response:
            final = str(response.url)
            if response.status_code == 304:
                return FetchResult(304, final, None, response.headers, validators)
            if response.status_code >= 300:
                retry = retry_after_seconds(response.headers.get("retry-after"), datetime.now(UTC))
                raise HTTPStatusError(
                    f"HTTP {response.status_code} from {final}", response.status_code, retry
                )
            body = self._read_capped(response, deadline)
        fresh = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
        return FetchResult(response.status_code, final, body, response.headers, fresh)

    def _read_capped(self, response: httpx.Response, deadline: float) -> bytes:
        limit = self._settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"body larger than {limit} bytes (Content-Length {declared})")
        encoding = response.headers.get("content-encoding", "").strip().lower()
        if encoding in ("identity", ""):
            encoding = ""
        elif encoding not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(f"unsupported Content-Encoding {encoding!r}")
        inflater = _Inflater(encoding, limit)
        chunks: list[bytes] = []
        for raw in response.iter_raw(_CHUNK):
            if self._clock() > deadline:
                raise FetchError(
                    f"took longer than {self._settings.total_timeout_seconds:g} s in total"
                )
            chunks.append(inflater.feed(raw))
        return b"".join(chunks)

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()
