"""One cycle of one feed, as named phases: fetch, parse, dedup, extract, publish, record."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Protocol

import structlog

from daemon import records
from daemon.config import FeedSettings
from daemon.errors import FeedError, PublishError
from daemon.extract import detect_language
from daemon.feeds import FetchResult, Validators, normalise, parse
from daemon.model import Article, Event, OutboundRecord
from daemon.store import FeedState, Store

log = structlog.stdlib.get_logger(__name__)


class FeedSource(Protocol):
    """Fetches feed documents."""

    def fetch(self, feed: FeedSettings, validators: Validators = ...) -> FetchResult: ...


class Extractor(Protocol):
    """Reads events out of an article (pure)."""

    def extract(self, article: Article) -> list[Event]: ...


class Sink(Protocol):
    """Takes records and returns once the broker acknowledged all of them."""

    def publish(self, records: list[OutboundRecord]) -> None: ...


@dataclass(frozen=True, slots=True)
class FeedSummary:
    """What one cycle of one feed did."""

    feed: str
    outcome: str  # ok, not_modified, failed, stopped
    items: int = 0
    new: int = 0
    relevant: int = 0
    events: int = 0
    error: str | None = None

    def line(self) -> str:
        """The one-line summary `run --once` prints."""
        text = (
            f"{self.feed}: {self.outcome}, {self.items} items, {self.new} new, "
            f"{self.relevant} relevant, {self.events} events published"
        )
        return f"{text} ({self.error})" if self.error else text


class Pipeline:
    """Runs feed cycles with the collaborators it is given."""

    def __init__(
        self,
        fetcher: FeedSource,
        store: Store,
        extractor: Extractor,
        sink: Sink,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        should_stop: Callable[[], bool] = lambda: False,
    ) -> None:
        self._fetcher = fetcher
        self._store = store
        self._extractor = extractor
        self._sink = sink
        self._clock = clock
        self._should_stop = should_stop
        # scheduler threads fetch in parallel, but spaCy pipelines are not thread-safe
        self._extract_lock = threading.Lock()

    def run_feed(self, feed: FeedSettings) -> FeedSummary:
        """One cycle of one feed; never raises for a feed's or an article's own failure."""
        with structlog.contextvars.bound_contextvars(feed=feed.name):
            state = self._store.feed_state(feed.name)
            try:
                fetched = self._fetcher.fetch(feed, state.validators)
                if fetched.body is None:
                    summary = FeedSummary(feed.name, "not_modified")
                else:
                    articles = [
                        normalise(i)
                        for i in parse(feed, fetched.body, fetched.headers, fetched.url)
                    ]
                    summary = self._process(feed, articles)
            except FeedError as exc:
                log.error("feed_failed", url=feed.url, error=str(exc))
                summary = FeedSummary(feed.name, "failed", error=str(exc))
                fetched = None
            self._remember(state, summary, fetched)
            log.info("feed_done", **_fields(summary))
            return summary

    def _process(self, feed: FeedSettings, articles: list[Article]) -> FeedSummary:
        fresh = self._store.unseen(articles)
        relevant = events = 0
        for article in fresh:
            if self._should_stop():
                return FeedSummary(
                    feed.name, "stopped", len(articles), len(fresh), relevant, events
                )
            try:
                published = self.process_article(article)
            except PublishError as exc:
                log.error("publish_failed", article_id=article.id, url=article.url, error=str(exc))
                return FeedSummary(
                    feed.name, "failed", len(articles), len(fresh), relevant, events, error=str(exc)
                )
            relevant += bool(published)
            events += published
        return FeedSummary(feed.name, "ok", len(articles), len(fresh), relevant, events)

    def process_article(self, article: Article) -> int:
        """Extract, publish and then record one article; the number of events published."""
        with structlog.contextvars.bound_contextvars(article_id=article.id):
            try:
                with self._extract_lock:
                    article, found = read_article(self._extractor, article)
            except Exception:
                # one bad article must not stop the feed; it stays unrecorded for the next cycle
                log.exception("extraction_failed", url=article.url)
                return 0
            now = self._clock()
            outbound = [records.build(event, article, now) for event in found]
            self._sink.publish(outbound)
            self._store.record_article(article, len(outbound), now)
            for record in outbound:
                log.warning("troop_event", **alert_fields(record))
            return len(outbound)

    def _remember(
        self, state: FeedState, summary: FeedSummary, fetched: FetchResult | None
    ) -> None:
        now = self._clock().isoformat()
        ok = summary.outcome in ("ok", "not_modified")
        self._store.save_feed_state(
            replace(
                state,
                validators=fetched.validators if fetched is not None and ok else state.validators,
                last_attempt=now,
                last_success=now if ok else state.last_success,
                last_status=summary.outcome,
                failures=0 if ok else state.failures + 1,
            )
        )


def read_article(extractor: Extractor, article: Article) -> tuple[Article, list[Event]]:
    """The article with its language settled, and the events read from it."""
    if article.lang is None:
        article = replace(article, lang=detect_language(f"{article.title}\n{article.text}"))
    return article, extractor.extract(article)


def alert_fields(record: OutboundRecord) -> dict[str, object]:
    """The fields of the `troop_event` log record that alerting routes on."""
    value = record.value
    return {
        "event_id": record.event_id,
        "incident_id": value["incident_id"],
        "type": value["type"],
        "actor": value["actor"],
        "host": value["host"],
        "status": value["status"],
        "troops": value["troops"],
        "places": [p["name"] for p in value["places"]],
        "event_date": value["event_date"],
        "reports": value["incident"]["reports"],
        "confidence": value["confidence"],
        "url": value["article"]["url"],
        "title": value["article"]["title"],
    }


def _fields(summary: FeedSummary) -> dict[str, object]:
    return {
        "outcome": summary.outcome,
        "items": summary.items,
        "new": summary.new,
        "relevant": summary.relevant,
        "events": summary.events,
        "error": summary.error,
    }
