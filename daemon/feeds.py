"""Feeds: fetch over HTTP (timeouts, size cap, conditional GET), parse, normalise to Articles.

Fetching is ours, not feedparser's: its HTTP layer has no timeout and no size cap. feedparser
gets the bytes and the response headers.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser
import httpx

from daemon.config import FeedSettings, FetchSettings
from daemon.errors import FeedParseError, FetchError
from daemon.model import Article, FeedItem


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


class Fetcher:
    """Fetches feed documents with the configured limits."""

    def __init__(self, settings: FetchSettings) -> None:
        self._settings = settings
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout_seconds),
            follow_redirects=True,
            max_redirects=settings.max_redirects,
            headers={"User-Agent": f"{settings.user_agent} (+{settings.contact_url})"},
        )

    def fetch(self, feed: FeedSettings, validators: Validators = Validators()) -> FetchResult:
        """GET the feed; raise FetchError for network failures, HTTP errors and oversize bodies."""
        headers = {}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        try:
            with self._client.stream("GET", feed.url, headers=headers) as response:
                if response.status_code == 304:
                    return FetchResult(304, str(response.url), None, response.headers, validators)
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} from {response.url}")
                body = self._read_capped(response)
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from exc
        fresh = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
        return FetchResult(response.status_code, str(response.url), body, response.headers, fresh)

    def _read_capped(self, response: httpx.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self._settings.max_bytes:
                raise FetchError(f"body larger than {self._settings.max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()


# Bozo reasons that still leave a correctly parsed feed (declared vs actual encoding, text/xml).
_SURVIVABLE = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse(feed: FeedSettings, body: bytes, headers: Mapping[str, str], url: str) -> list[FeedItem]:
    """The items of a fetched feed document; FeedParseError when it is not a feed at all."""
    # httpx has already decoded gzip/deflate; a stale header would make feedparser try again
    plain = {k.lower(): v for k, v in headers.items() if k.lower() != "content-encoding"}
    plain["content-location"] = url
    parsed = feedparser.parse(body, response_headers=plain, sanitize_html=True)
    problem = parsed.get("bozo_exception")
    survivable = problem is None or isinstance(problem, _SURVIVABLE)
    if not parsed.entries and (not parsed.get("version") or not survivable):
        reason = f"{type(problem).__name__}: {problem}" if problem else "no RSS or Atom document"
        raise FeedParseError(f"not a feed: {reason}")
    source = clean_text(parsed.feed.get("title", "")) or urlsplit(url).hostname or ""
    language = parsed.feed.get("language", "")
    items = (_item(feed, entry, source, language) for entry in parsed.entries)
    return [item for item in items if item is not None]


def _item(feed: FeedSettings, entry: Any, source: str, language: str) -> FeedItem | None:
    link = entry.get("link") or ""
    guid = entry.get("id") or None
    if not link and not guid:
        return None
    summary = entry.get("summary", "")
    content = entry.get("content") or []
    if content and len(content[0].get("value", "")) > len(summary):
        summary = content[0]["value"]
    return FeedItem(
        feed=feed.name,
        url=link,
        title=clean_text(entry.get("title", "")),
        summary=clean_text(summary),
        guid=guid,
        published=_when(entry),
        lang=feed.lang or _lang(entry, language),
        source=source,
    )


def _when(entry: Any) -> datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC)


def _lang(entry: Any, feed_language: str) -> str | None:
    """The entry's declared language (xml:lang, dc:language), else the feed's."""
    detail = entry.get("title_detail") or entry.get("summary_detail") or {}
    declared = entry.get("language") or detail.get("language") or feed_language
    language = (declared or "")[:2].lower()
    return language if language in ("en", "fr") else None


def normalise(item: FeedItem) -> Article:
    """An Article with a canonical URL and a stable id (URL, else guid)."""
    url = canonical_url(item.url) if item.url else ""
    basis = url or f"guid:{item.guid}"
    return Article(
        id=hashlib.sha256(basis.encode()).hexdigest()[:24],
        url=url or item.url,
        title=item.title,
        text=item.summary,
        source=item.source,
        feed=item.feed,
        published=item.published,
        lang=item.lang,
    )


_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ocid|cmpid|xtor)$", re.I)


def canonical_url(url: str) -> str:
    """Lower-case host, no fragment, no tracking parameters: one article, one URL."""
    parts = urlsplit(url.strip())
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), "")
    )


class _TextCollector(HTMLParser):
    _BREAKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def clean_text(fragment: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed."""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(fragment.split())
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    paragraphs = "".join(collector.parts).split("\n")
    lines = (" ".join(html.unescape(p).split()) for p in paragraphs)
    return "\n".join(line for line in lines if line)
