"""Feeds: parse fetched documents and normalise their entries to Articles.

feedparser gets the bytes and the response headers fetched by daemon.fetch (re-exported here).
It is safe on hostile XML: it strips every DOCTYPE entity that is not a plain string, never
resolves external entities (XXE) and expat caps entity amplification (tested).
"""

from __future__ import annotations

import base64
import binascii
import calendar
import functools
import hashlib
import html
import re
import time
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser

from daemon.config import FeedSettings
from daemon.errors import FeedParseError
from daemon.fetch import Fetcher, FetchResult, Validators
from daemon.model import Article, FeedItem

__all__ = [
    "FetchResult",
    "Fetcher",
    "Validators",
    "canonical_url",
    "clean_text",
    "normalise",
    "parse",
    "publisher_url",
]


# Bozo reasons that still leave a correctly parsed feed (declared vs actual encoding, text/xml).
_SURVIVABLE = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse(feed: FeedSettings, body: bytes, headers: Mapping[str, str], url: str) -> list[FeedItem]:
    """The items of a fetched feed document; FeedParseError when it is not a feed at all."""
    # httpx has already decoded gzip/deflate; a stale header would make feedparser try again
    plain = {k.lower(): v for k, v in headers.items() if k.lower() != "content-encoding"}
    plain["content-location"] = url
    # links are resolved either way; relative URIs inside the HTML don't matter, as only its
    # text is kept
    parsed = feedparser.parse(
        body, response_headers=plain, sanitize_html=True, resolve_relative_uris=False
    )
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
    link = publisher_url(entry)
    guid = entry.get("id") or None
    title = clean_text(entry.get("title", ""))
    summary = entry.get("summary", "")
    content = entry.get("content") or []
    if content and len(content[0].get("value", "")) > len(summary):
        summary = content[0]["value"]
    summary = clean_text(summary)
    if not (link or guid or title or summary):
        return None
    return FeedItem(
        feed=feed.name,
        url=link,
        title=title,
        summary=summary,
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


def normalise(item: FeedItem, now: datetime | None = None) -> Article:
    """An Article with a canonical URL and a stable id (URL, else guid, else a content hash).

    With `now`, a publication date in the future (a feed's wrong clock or time zone) becomes now.
    """
    url = canonical_url(item.url) if item.url else ""
    if url:
        basis = url
    elif item.guid:
        basis = f"guid:{item.guid}"
    else:
        basis = f"text:{item.feed}\n{item.title}\n{item.summary}"
    published = item.published
    if now is not None and published is not None and published > now:
        published = now
    return Article(
        id=hashlib.sha256(basis.encode()).hexdigest()[:24],
        url=url or item.url,
        title=item.title,
        text=item.summary,
        source=item.source,
        feed=item.feed,
        published=published,
        lang=item.lang,
    )


# Redirectors whose target is in a query parameter.
_REDIRECTORS = {
    "www.google.com": "url",
    "google.com": "url",
    "news.google.com": "url",
    "www.bing.com": "url",
    "l.facebook.com": "u",
}
_EMBEDDED_URL = re.compile(rb"https?://[\x21-\x7e]+")


def publisher_url(entry: Any) -> str:
    """The entry's link, resolved to the publisher's URL when the feed or the link carries it.

    FeedBurner-style proxies give `feedburner:origLink`; redirectors carry the target in a
    query parameter; old-style Google News article ids embed it in base64.
    """
    original = entry.get("feedburner_origlink") or ""
    if original.startswith(("http://", "https://")):
        return str(original)
    link = str(entry.get("link") or "")
    parts = urlsplit(link)
    host = (parts.hostname or "").lower()
    if host in _REDIRECTORS:
        target = parse_qs(parts.query).get(_REDIRECTORS[host], [""])[0]
        if target.startswith(("http://", "https://")):
            return target
    if host == "news.google.com" and "/articles/" in parts.path:
        return _google_news_target(parts.path.rsplit("/", 1)[-1]) or link
    return link


def _google_news_target(token: str) -> str | None:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
    start = raw.find(b"\x22")  # protobuf field 4, length-delimited: the article URL
    if start >= 0:
        length, shift, at = 0, 0, start + 1
        while at < len(raw) and shift < 28:
            length |= (raw[at] & 0x7F) << shift
            shift += 7
            at += 1
            if not raw[at - 1] & 0x80:
                break
        url = raw[at : at + length]
        if url.startswith((b"http://", b"https://")) and _EMBEDDED_URL.fullmatch(url):
            return url.decode("ascii")
    return None


_FR_MONTHS = {
    "janv": 1, "janvier": 1, "jan": 1, "févr": 2, "fevr": 2, "février": 2, "fevrier": 2,
    "fév": 2, "fev": 2, "mars": 3, "mar": 3, "avr": 4, "avril": 4, "mai": 5, "juin": 6,
    "juil": 7, "juillet": 7, "août": 8, "aout": 8, "aoû": 8, "sept": 9, "septembre": 9,
    "sep": 9, "oct": 10, "octobre": 10, "nov": 11, "novembre": 11, "déc": 12, "dec": 12,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
_FR_ZONES = {"Z": 0, "GMT": 0, "UT": 0, "UTC": 0, "CET": 60, "CEST": 120, "WAT": 60}
_FR_DATE = re.compile(
    r"^(?:[^\W\d]+\.?,?\s+)?(\d{1,2})(?:er)?\s+([^\W\d]+)\.?,?\s+(\d{4})"
    r"(?:\s*(?:-|à|,)?\s*(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?"
    r"\s*(Z|[A-Z]{2,4}|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)


def french_date(value: str) -> time.struct_time | None:
    """A French RFC 822-like date ("lun., 12 févr. 2024 14:30:00 +0100") as UTC, else None."""
    found = _FR_DATE.match(unicodedata.normalize("NFC", value.strip()))
    if not found:
        return None
    day, month_name, year, hour, minute, second, zone = found.groups()
    month = _FR_MONTHS.get(month_name.lower())
    if month is None:
        return None
    offset = _zone_minutes(zone or "Z")
    if offset is None:
        return None
    try:
        when = datetime(
            int(year), month, int(day), int(hour or 0), int(minute or 0), int(second or 0),
            tzinfo=UTC,
        )  # fmt: skip
    except ValueError:
        return None
    return time.gmtime(when.timestamp() - offset * 60)


def _zone_minutes(zone: str) -> int | None:
    if zone.upper() in _FR_ZONES:
        return _FR_ZONES[zone.upper()]
    if zone[0] in "+-" and zone[1:].replace(":", "").isdigit():
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        return minutes if zone[0] == "+" else -minutes
    return None


feedparser.registerDateHandler(french_date)


def content_key(title: str, text: str) -> str:
    """A digest of what an article says, to notice an edit of a known article."""
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()[:24]


# "NIAMEY, Aug 5 (Reuters) -", "BAMAKO (AFP) –": the outlet-specific start of a wire story
_DATELINE = re.compile(r"^[^\n()]{0,60}\([^)]{1,40}\)\s*[-–—:]\s*")
# "… - Le Monde", "… | RFI": the outlet's name appended to a title
_TITLE_SUFFIX = re.compile(r"\s+[-–—|]\s+[^-–—|]{1,40}$")
_LEAD_WORDS = 30
_LEAD_CHARS = 1_000
_MIN_KEY_WORDS = 6


_NOT_WORD = re.compile(r"[\W_]+")


def _plain_words(text: str) -> list[str]:
    folded = text.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", folded).split()


@functools.lru_cache(maxsize=4096)  # asked for when looking up and again when recording
def wire_key(title: str, text: str) -> str | None:
    """The same key for copies of one wire story: normalised title plus the lead's first words.

    None when there is too little text for a match to mean anything.
    """
    words = [*_plain_words(_TITLE_SUFFIX.sub("", title)), "|"]
    # the lead is in the first characters; a word cut at the end is never among the first 30
    words += _plain_words(_DATELINE.sub("", text.strip()[:_LEAD_CHARS]))[:_LEAD_WORDS]
    if len(words) < _MIN_KEY_WORDS + 1:
        return None
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:24]


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
